import path from "node:path";
import { CONFIG_PATH } from "../repo.js";
import { findContentError, formatProblem, formatSkipped, sortProblems, type Problem } from "../book/problem.js";
import { errorMessages, runEleventy } from "../eleventy/adapter.js";
import { abandonBuild, publish, startBuild } from "./publish.js";
import { startSearchFeed, type SearchFeed } from "./search.js";

export { CONFIG_PATH, REPO_ROOT } from "../repo.js";

/** Where to read content and write the site. */
export interface BuildOptions {
  /** Content root: holds index.md, pages/ and images/. */
  input: string;
  /** Folder the finished site replaces. */
  output: string;
  /** Build the search index too (default true). */
  search?: boolean;
}

/** What a build did: its problems (none when it succeeded), and what they kept from being checked. */
export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  skipped?: string[];
}

/**
 * Builds the production site into a folder of its own beside `output` and switches `output` to it
 * in one atomic step only when every check passed, so a failed or killed build leaves the previous
 * site exactly as it was.
 */
export async function buildSite({ input, output, search = true }: BuildOptions): Promise<BuildResult> {
  let folder: string;
  try {
    folder = await startBuild(output);
  } catch (error) {
    return { ok: false, problems: [cannotWrite(error, output) ?? unexpected(error)] };
  }
  let feed: SearchFeed | undefined;
  try {
    // Pagefind indexes each page in its own process as soon as it is rendered, on the second core.
    feed = search ? startSearchFeed(folder) : undefined;
    await runEleventy({ input, output: folder, configPath: CONFIG_PATH, rendered: feed });
    await feed?.write();
    await publish(folder, output);
  } catch (error) {
    await feed?.close();
    await abandonBuild(folder).catch(() => undefined);
    const contentError = findContentError(error);
    if (contentError) return { ok: false, problems: [...contentError.problems], skipped: [...contentError.skipped] };
    return {
      ok: false,
      problems: [cannotWrite(error, output) ?? unexpected(error)],
      skipped: [
        "every other check (front matter, books, links, images, page content), because the build stopped at this problem.",
      ],
    };
  }
  return { ok: true, problems: [] };
}

/** What `npm run build` prints when a build failed: every problem in order, what they kept from being checked, and that `output` was left as it was. */
export function failureReport(result: BuildResult, output: string): string {
  const lines = sortProblems(result.problems).map(formatProblem);
  if (result.skipped?.length) lines.push(formatSkipped(result.skipped));
  lines.push(`\nBuild failed with ${result.problems.length} problem(s); ${output}/ was left as it was.`);
  return lines.join("\n");
}

/** Why the site could not be written, when the system said so (read-only folder, full disk). */
export function cannotWrite(error: unknown, output: string): Problem | undefined {
  for (let e = error; e instanceof Error; e = (e as Error & { originalError?: unknown }).originalError ?? e.cause) {
    const { code, path: at } = e as NodeJS.ErrnoException;
    const reason = WRITE_ERRORS[code ?? ""];
    if (reason) {
      return {
        file: path.relative(process.cwd(), path.resolve(output)) || output,
        message: `the site could not be written: ${reason} (${code}${at ? ` at ${at}` : ""}).`,
        fix: "free some space or make the folder writable, then build again; the previous site was left as it was.",
      };
    }
  }
  return undefined;
}

/** System errors that mean the output cannot be written, in words. */
const WRITE_ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  EROFS: "the folder is on a read-only file system",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "a part of its path is a file, not a folder",
};

/** Any other build failure, as one problem naming the file Eleventy was working on. */
function unexpected(error: unknown): Problem {
  const messages = errorMessages(error);
  const file = messages.map((message) => /\.\/(\S+?\.(?:md|njk))\b/.exec(message)?.[1]).find(Boolean);
  return {
    file: file ?? "(build)",
    message: `the page could not be built: ${messages.at(-1) ?? String(error)}.`,
    fix: "look at the file's HTML and Markdown near what the message names.",
  };
}
