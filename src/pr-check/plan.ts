import { PUBLISHED_ENTRIES } from "../content/boundary.js";

/**
 * What `npm run pr-check` runs for a pull request, decided from the files it changes: a change to
 * content alone (index.md, pages/, images/) needs the checks of the content and the tests over the
 * repository's own books; any other change needs the whole check, code and tests included.
 */

/** The tests over the repository's own books: reading order, links, accessibility, EPUBs. */
export const CONTENT_TESTS = "tests/content";

/** Which of the two jobs a pull request gets. */
export type CheckJob = "content" | "code";

/** One step of the check: its name in the log, and the npm command an author would type for it. */
export interface CheckStep {
  name: string;
  /** Arguments to npm, such as `["run", "check", "--", "--base", "main"]`. */
  npm: string[];
}

/** Whether a changed path (relative to the repository root, with `/`) is content. */
export function isContent(file: string): boolean {
  return PUBLISHED_ENTRIES.some((entry) => file === entry || file.startsWith(`${entry}/`));
}

/** The job a set of changed files needs, and the files that make it the code job (none for content). */
export function jobFor(changed: readonly string[]): { job: CheckJob; code: string[] } {
  const code = changed.filter((file) => !isContent(file));
  return { job: code.length === 0 ? "content" : "code", code };
}

/** The steps of a job, in the order they run, comparing with the git ref `base`. */
export function checkSteps(job: CheckJob, base: string): CheckStep[] {
  const code: CheckStep[] = [
    { name: "Type check", npm: ["run", "typecheck"] },
    { name: "Lint", npm: ["run", "lint"] },
    { name: "Formatting", npm: ["run", "format:check"] },
  ];
  const content: CheckStep[] = [
    // Checked first: a mistake in the content is explained here, at its line.
    { name: "Content check", npm: ["run", "check", "--", "--base", base] },
    { name: "Navigation diff", npm: ["run", "nav", "--", "--base", base] },
    { name: "Production build", npm: ["run", "build"] },
  ];
  return job === "content"
    ? [...content, { name: "Tests over the books", npm: ["test", "--", CONTENT_TESTS] }]
    : [...code, ...content, { name: "Every test", npm: ["test"] }];
}

/** A step as the command line an author would type. */
export function commandLine(step: CheckStep): string {
  return ["npm", ...step.npm].join(" ");
}
