import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { CONFIG_PATH } from "../repo.js";
import { findContentError, type Problem } from "../book/problem.js";
import { errorMessages, runEleventy } from "../eleventy/adapter.js";
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
 * Builds the production site into a temporary folder beside `output` and swaps it in only when
 * every check passed, so a failed build leaves the previous site exactly as it was.
 */
export async function buildSite({ input, output, search = true }: BuildOptions): Promise<BuildResult> {
  const staging = `${path.resolve(output)}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  let feed: SearchFeed | undefined;
  try {
    // Pagefind indexes each page in its own process as soon as it is rendered, on the second core.
    feed = search ? await startSearchFeed() : undefined;
    await runEleventy({ input, output: staging, configPath: CONFIG_PATH, rendered: feed });
    await feed?.write(staging);
  } catch (error) {
    await feed?.close();
    await rm(staging, { recursive: true, force: true });
    const contentError = findContentError(error);
    if (contentError) return { ok: false, problems: [...contentError.problems], skipped: [...contentError.skipped] };
    return {
      ok: false,
      problems: [unexpected(error)],
      skipped: ["every other check (front matter, books, links, images, page content), because the build stopped at this problem."],
    };
  }
  await swapIn(staging, output);
  return { ok: true, problems: [] };
}

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

/** Replaces `output` with `staging` in two renames, removing the old site afterwards. */
async function swapIn(staging: string, output: string): Promise<void> {
  const old = `${path.resolve(output)}.old-${process.pid}`;
  const hadOutput = await rename(output, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  await rename(staging, output);
  if (hadOutput) await rm(old, { recursive: true, force: true });
}
