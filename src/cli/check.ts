import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { readContent } from "../book/content.js";
import { diffLibraries, lostUrlProblems } from "../book/nav-diff.js";
import { formatAnnotation, formatProblem, formatSkipped, sortProblems, type Problem } from "../book/problem.js";
import { site } from "../site-settings.js";
import { GitSourceError, readSourcesAt } from "../content/git-sources.js";
import { listContentFiles, readSources } from "../content/load.js";
import { buildSite } from "../site/build.js";

/**
 * `npm run check`: validates all content (front matter, book rules, links and images) by building
 * into a temporary folder, which it removes. With GITHUB_ACTIONS=true it also prints annotations.
 * `npm run check -- --base <ref>` also fails when a URL published at that git ref would be lost.
 */
let base: string | undefined;
try {
  ({ base } = parseArgs({ options: { base: { type: "string" } } }).values);
} catch (error) {
  console.error(`${(error as Error).message}\n\nUsage: npm run check [-- --base <git-ref>]`);
  process.exit(2);
}

const started = performance.now();
const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-check-"));
try {
  // The base is read first, so a ref that does not exist fails at once.
  const lost = base === undefined ? [] : await lostUrls(base);
  // The search index checks nothing an author wrote: it is left to the build.
  const result = await buildSite({ input: process.cwd(), output: path.join(scratch, "_site"), search: false });
  const problems = sortProblems([...result.problems, ...lost]);
  // One write for all of them: a chapter can hold a hundred thousand broken links.
  if (problems.length > 0) process.stderr.write(`${problems.map(formatProblem).join("\n")}\n`);
  if (result.skipped?.length) console.error(formatSkipped(result.skipped));
  if (process.env.GITHUB_ACTIONS === "true") {
    if (problems.length > 0) process.stdout.write(`${problems.map(formatAnnotation).join("\n")}\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) found in ${seconds} s.`);
    process.exitCode = 1;
  } else {
    console.log(
      `Content is valid${base === undefined ? "" : `, and every URL published at ${base} is still served`} (${seconds} s).`,
    );
  }
} catch (error) {
  if (!(error instanceof GitSourceError)) throw error;
  console.error(`check: ${error.message}`);
  process.exitCode = 2;
} finally {
  await rm(scratch, { recursive: true, force: true });
}

/** The URLs published at `ref` that the working tree no longer serves, as problems. */
async function lostUrls(ref: string): Promise<Problem[]> {
  const root = process.cwd();
  const options = { categories: site.categories };
  const before = readContent(await readSourcesAt(root, ref), options).library;
  const now = readContent(await readSources(root, await listContentFiles(root)), options).library;
  return lostUrlProblems(diffLibraries(before, now), ref);
}
