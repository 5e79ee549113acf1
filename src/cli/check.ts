import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { commandOptions } from "../cli-options.js";
import { readContent } from "../book/content.js";
import { diffLibraries, lostUrlProblems, withRenamedTargets, type LibraryDiff } from "../book/nav-diff.js";
import { formatAnnotation, formatProblem, formatSkipped, sortProblems } from "../book/problem.js";
import { site } from "../site-settings.js";
import { GitSourceError, readSourcesAt } from "../content/git-sources.js";
import { listContentFiles, readSources } from "../content/load.js";
import { buildSite } from "../site/build.js";

/**
 * `npm run check`: validates all content (front matter, book rules, links and images) by building
 * the site without writing its files, in a temporary folder, which it removes. With
 * GITHUB_ACTIONS=true it also prints annotations.
 * `npm run check -- --base <ref>` also fails when a URL published at that git ref would be lost.
 */
const USAGE = `Usage: npm run check [-- --base <git-ref>]
  checks all content and prints every problem at its file, line and column; exits 1 on any problem
  --base  also fails on a URL published at <git-ref> (such as main) that nothing publishes now,
          and names the new file of a renamed page in the links that still lead to its old URL`;

const { base } = commandOptions("check", USAGE, { options: { base: { type: "string" } } }).values;

const started = performance.now();
const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-check-"));
try {
  // The base is read first, so a ref that does not exist fails at once.
  const diff = base === undefined ? undefined : await diffWithBase(base);
  // The search index, the EPUBs and PDFs check nothing an author wrote: they are left to the build.
  // Nor is any file written, page or picture: every check reads what rendering found.
  const result = await buildSite({
    input: process.cwd(),
    output: path.join(scratch, "_site"),
    search: false,
    wholeBookOutputs: false,
    writeFiles: false,
  });
  // A link to a page renamed since the base is told the page's new file.
  const found = diff && base ? withRenamedTargets(result.problems, diff, base) : result.problems;
  const lost = diff && base ? lostUrlProblems(diff, base) : [];
  const problems = sortProblems([...found, ...lost]);
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

/** What the working tree changes in the books since `ref`: chapters, and the URLs it no longer serves. */
async function diffWithBase(ref: string): Promise<LibraryDiff> {
  const root = process.cwd();
  const options = { categories: site.categories };
  const before = readContent(await readSourcesAt(root, ref), options).library;
  const now = readContent(await readSources(root, await listContentFiles(root)), options).library;
  return diffLibraries(before, now);
}
