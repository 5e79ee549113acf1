import { lstat } from "node:fs/promises";
import path from "node:path";
import { CONFIG_PATH } from "../repo.js";
import { findContentError, formatProblem, formatSkipped, sortProblems, type Problem } from "../book/problem.js";
import { isShallowClone } from "../content/git-dates.js";
import { errorChain, errorMessages } from "../book/error-chain.js";
import { runEleventy } from "../eleventy/run-eleventy.js";
import { CACHE_FOLDER, CACHE_MARKER, isOurs, pruneOutputCache } from "../renderers/output-cache.js";
import { checkOutputPlace, OutputRefused, shownOutput } from "./output-place.js";
import { abandonBuild, BuildsUnderWay, publish, startBuild } from "./publish.js";
import { startSearchFeed, type SearchFeed } from "../search/search.js";
import { errorCode } from "../book/error-code.js";

export { CONFIG_PATH, REPO_ROOT } from "../repo.js";

/** Where to read content and write the site. */
export interface BuildOptions {
  /** Content root: holds index.md, pages/ and images/. */
  input: string;
  /** Folder the finished site replaces. */
  output: string;
  /** Build the search index too (default true). */
  search?: boolean;
  /** Move a folder Minibooks did not make at `output` aside instead of refusing to build there. */
  replace?: boolean;
  /** Make the whole-book outputs (an EPUB, a PDF) and offline manifests too (default true). */
  wholeBookOutputs?: boolean;
  /** False to render the pages and write no file of the site, for a build that only checks (default true). */
  writeFiles?: boolean;
  /** The builds this process has under way, for Ctrl-C to remove (the build command's); by default, this one alone. */
  underWay?: BuildsUnderWay;
}

/** What a build did: its problems (none when it succeeded), and what they kept from being checked. */
export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  skipped?: string[];
  /** The build would not write where it was asked to: its one problem says why, and nothing was touched. */
  refused?: boolean;
  /** What a successful build tells besides: a folder moved aside, dates a shallow clone gets wrong. */
  notes?: string[];
}

/**
 * Builds the production site into a folder of its own beside `output` and switches `output` to it
 * in one atomic step only when every check passed, so a failed or killed build leaves the previous
 * site exactly as it was. Before writing anything it refuses an output among the sources, or one
 * Minibooks did not make (unless `replace`), as its one problem.
 */
export async function buildSite({
  input,
  output,
  search = true,
  replace = false,
  wholeBookOutputs = true,
  writeFiles = true,
  underWay = new BuildsUnderWay(),
}: BuildOptions): Promise<BuildResult> {
  let folder: string;
  const started = Date.now();
  const shallow = isShallowClone(input);
  try {
    await checkOutputPlace(input, output);
    folder = await startBuild(output, { replace, underWay });
  } catch (error) {
    if (error instanceof OutputRefused) return refusal(error, output);
    return { ok: false, problems: [cannotWrite(error, output) ?? unexpected(error)] };
  }
  let feed: SearchFeed | undefined;
  const notes: string[] = [];
  try {
    // Pagefind indexes each page in its own process as soon as it is rendered, on the second core.
    feed = search ? startSearchFeed(folder) : undefined;
    await runEleventy({ input, output: folder, configPath: CONFIG_PATH, rendered: feed, wholeBookOutputs, writeFiles });
    await feed?.write();
    notes.push(...(await publish(folder, output, { replace, underWay })));
  } catch (error) {
    await feed?.close();
    await abandonBuild(folder, underWay).catch(() => undefined);
    if (error instanceof OutputRefused) return refusal(error, output);
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
  if (await shallow) notes.push(SHALLOW_CLONE);
  const cache = path.join(input, CACHE_FOLDER);
  if (await isOurs(cache)) await pruneOutputCache(cache, started).catch(() => undefined);
  else if (await lstat(cache).catch(() => undefined)) notes.push(foreignCache(cache));
  return notes.length > 0 ? { ok: true, problems: [], notes } : { ok: true, problems: [] };
}

/** Said once per build in a shallow clone, where "Last updated" dates come from too short a history. */
export const SHALLOW_CLONE =
  'Note: this is a shallow git clone, so "Last updated" shows the date of the oldest fetched commit on every page last ' +
  "changed before it. The dates need the full history: git fetch --unshallow, or fetch-depth: 0 in actions/checkout.";

/** Said when the cache's place holds something Minibooks did not make: it was neither used nor touched. */
function foreignCache(cache: string): string {
  return (
    `Note: ${cache} is not Minibooks' cache (it holds no ${CACHE_MARKER} marker), so this build made every book's ` +
    "cover, EPUB and PDF anew and left it as it was. Move it away to let the next builds reuse what they make."
  );
}

/** A build that would not write where it was asked to, as its one problem. */
function refusal(error: OutputRefused, output: string): BuildResult {
  return { ok: false, refused: true, problems: [{ file: shownOutput(output), message: error.reason, fix: error.fix }] };
}

/** What `npm run build` prints when a build failed: every problem in order, what they kept from being checked, and that `output` was left as it was. */
export function failureReport(result: BuildResult, output: string): string {
  if (result.refused) return result.problems.map(formatProblem).join("\n");
  const lines = sortProblems(result.problems).map(formatProblem);
  if (result.skipped?.length) lines.push(formatSkipped(result.skipped));
  lines.push(`\nBuild failed with ${result.problems.length} problem(s); ${output}/ was left as it was.`);
  return lines.join("\n");
}

/** Why the site could not be written, when the system said so (read-only folder, full disk). */
export function cannotWrite(error: unknown, output: string): Problem | undefined {
  for (const e of errorChain(error)) {
    const code = errorCode(e);
    const at = "path" in e && typeof e.path === "string" ? e.path : undefined;
    const reason = WRITE_ERRORS[code ?? ""];
    if (reason) {
      return {
        file: shownOutput(output),
        message: `the site could not be written: ${reason[0]} (${code}${at ? ` at ${at}` : ""}).`,
        fix: `${reason[1]}; a site already there was left as it was.`,
      };
    }
  }
  return undefined;
}

/** System errors that mean the output cannot be written: what happened, and what to do, in words. */
const WRITE_ERRORS: Record<string, [string, string]> = {
  EACCES: [
    "permission denied",
    "make the folder writable for you, or build where you can write with --output <folder>",
  ],
  EPERM: [
    "the operation is not permitted",
    "make the folder writable for you, or build where you can write with --output <folder>",
  ],
  EROFS: [
    "the folder is on a read-only file system",
    "build onto a disk you can write with --output <folder>, outside this read-only folder",
  ],
  ENOSPC: ["the disk is full", "free some space, then build again"],
  EDQUOT: ["the disk quota is used up", "free some space, then build again"],
  ENOTDIR: ["a part of its path is a file, not a folder", "move that file away, or choose another --output"],
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
