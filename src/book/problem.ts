import { errorChain } from "./error-chain.js";

/** One thing wrong with the content, said so that an author can fix it. */
export interface Problem {
  /** File the problem is in, relative to the content root (`pages/okr-chapter-2.md`). */
  file: string;
  /** 1-based line in that file, where one is known. */
  line?: number;
  /** 1-based column, where one is known. */
  column?: number;
  /** Front matter field or link the problem is about. */
  field?: string;
  /** What is wrong, with what was found and what is allowed. */
  message: string;
  /** How to fix it. */
  fix?: string;
  /**
   * For a link or image that leads to no page or file: the link as written and the site path it
   * leads to, so that a step which knows where a page went (a rename since a git ref) can say so.
   */
  link?: { written: string; path: string };
}

/** 1-based line of a front matter value: a list item's own line where known, else its key's. */
export function valueLine(lines: Readonly<Record<string, number>>, path: readonly PropertyKey[]): number | undefined {
  const [key, index] = path.map(String);
  return (index !== undefined ? lines[`${key}.${index}`] : undefined) ?? lines[key];
}

/** Problems in file order, then line and column order, so a report reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  // Most problems share their file with the one they are compared with: the files are compared only when they differ.
  return [...problems].sort(
    (a, b) =>
      (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** One line for a terminal: `file:line:column: field: message. fix`. */
export function formatProblem(problem: Problem): string {
  // Joined by hand: a chapter can hold a hundred thousand problems, each formatted as it is printed.
  let place = problem.file;
  if (problem.line !== undefined) place += `:${problem.line}`;
  if (problem.line && problem.column !== undefined) place += `:${problem.column}`;
  const field = problem.field ? `${problem.field}: ` : "";
  const fix = problem.fix ? ` Fix: ${problem.fix}` : "";
  return `${place}: ${field}${problem.message}${fix}`;
}

/** One GitHub Actions annotation, shown on the pull request's diff at the problem's line. */
export function formatAnnotation(problem: Problem): string {
  const props = [`file=${escapeProperty(problem.file)}`];
  if (problem.line) props.push(`line=${problem.line}`);
  if (problem.line && problem.column) props.push(`col=${problem.column}`);
  if (problem.field) props.push(`title=${escapeProperty(problem.field)}`);
  const fix = problem.fix ? ` Fix: ${problem.fix}` : "";
  return `::error ${props.join(",")}::${escapeData(problem.message + fix)}`;
}

/** Marks a ContentError, whichever copy of this module made it. */
const CONTENT_ERROR = Symbol.for("minibooks.content-error");

/** Thrown when content has problems; carries all of them, and what they kept from being checked. */
export class ContentError extends Error {
  /** See findContentError. */
  readonly [CONTENT_ERROR] = true;

  readonly problems: readonly Problem[];
  readonly skipped: readonly string[];

  constructor(problems: readonly Problem[], skipped: readonly string[] = []) {
    // The message says everything; a stack trace would only bury it. Its stack is then the
    // message alone, written, as the message is, when first read.
    const frames = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super();
    Error.stackTraceLimit = frames;
    this.problems = problems;
    this.skipped = skipped;
    this.name = "ContentError";
    // Written when first read: a build that reports its problems itself (npm run check, with a
    // hundred thousand of them) never needs it. Whoever sets it sets it as a plain value.
    let message: string | undefined;
    Object.defineProperty(this, "message", {
      get: () => {
        message ??= problemsMessage(problems, skipped);
        return message;
      },
      set: (value: string) => Object.defineProperty(this, "message", { value, writable: true, configurable: true }),
      configurable: true,
      enumerable: false,
    });
  }
}

/** Every problem sorted, one line each, under a count, and what they kept from being checked. */
function problemsMessage(problems: readonly Problem[], skipped: readonly string[]): string {
  const sorted = sortProblems(problems);
  return (
    `${sorted.length} problem${sorted.length === 1 ? "" : "s"} in the content:\n` +
    sorted.map(formatProblem).join("\n") +
    (skipped.length > 0 ? `\n${formatSkipped(skipped)}` : "")
  );
}

/** What the problems kept from being checked, for a terminal: a heading and one line each. */
export function formatSkipped(skipped: readonly string[]): string {
  return ["Not checked because of the problems above:", ...skipped.map((line) => `  ${line}`)].join("\n");
}

/** Finds a ContentError in an error or in the causes Eleventy wraps it in. */
export function findContentError(error: unknown): ContentError | undefined {
  for (const e of errorChain(error)) {
    if (isContentError(e)) return e;
  }
  return undefined;
}

/**
 * Whether an error is a ContentError by its mark, not instanceof: a program that builds in its own
 * process (a test runner) can hold this module twice, once of its own and once through Eleventy's
 * import of the config.
 */
function isContentError(error: Error): error is ContentError {
  return CONTENT_ERROR in error && error[CONTENT_ERROR] === true;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
