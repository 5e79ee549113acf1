import { appendFile } from "node:fs/promises";
import { readContent, type Source } from "../book/content.js";
import { formatProblem, sortProblems } from "../book/problem.js";
import { diffLibraries } from "../book/nav-diff.js";
import { diffMarkdown, formatDiff, formatOrder } from "../book/nav-report.js";
import { readingOrder } from "../book/reading-order.js";
import { site } from "../site-settings.js";
import { commandOptions } from "../cli-options.js";
import { GitSourceError, readSourcesAt } from "../content/git-sources.js";
import { listContentFiles, readSources } from "../content/load.js";

/**
 * `npm run nav`: every book's reading order, from the book model alone (no Eleventy).
 * `npm run nav -- --base <ref>`: what the working tree changes in the books since a git ref.
 */
const USAGE = `Usage:
  npm run nav                        every book's reading order
  npm run nav -- --json              the same, as JSON
  npm run nav -- --base <git-ref>    what changed since <git-ref>: chapters, buttons, URLs
  npm run nav -- --base <git-ref> --markdown   the same, as Markdown tables`;

const args = commandOptions("nav", USAGE, {
  options: {
    json: { type: "boolean", default: false },
    markdown: { type: "boolean", default: false },
    base: { type: "string" },
  },
}).values;

const root = process.cwd();
const categories = site.categories;
const sources = await readSources(root, await listContentFiles(root));
const published = readContent(sources, { categories });
const problems = sortProblems(published.problems);

if (args.base === undefined) {
  const preview = readContent(sources, { categories, drafts: true }).library;
  const publishedFiles = new Set(published.library.pages.map((page) => page.file));
  const order = readingOrder(preview, (file) => !publishedFiles.has(file));
  console.log(args.json ? JSON.stringify({ books: order }, null, 2) : formatOrder(order));
} else {
  let baseSources: Source[];
  try {
    baseSources = await readSourcesAt(root, args.base);
  } catch (error) {
    if (!(error instanceof GitSourceError)) throw error;
    console.error(`nav: ${error.message}`);
    process.exit(2);
  }
  const base = readContent(baseSources, { categories });
  if (base.problems.length > 0) {
    console.error(
      `Note: the content at ${args.base} has ${base.problems.length} problem(s); pages with one are left out of the comparison.`,
    );
  }
  const diff = diffLibraries(base.library, published.library);
  if (args.json) console.log(JSON.stringify(diff, null, 2));
  else if (args.markdown) console.log(diffMarkdown(diff, args.base));
  else console.log(formatDiff(diff, args.base));
  // On GitHub Actions the comparison also goes to the job summary, as Markdown tables.
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (process.env.GITHUB_ACTIONS === "true" && summary) await appendFile(summary, `${diffMarkdown(diff, args.base)}\n`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem));
  console.error(`\n${problems.length} problem(s): pages with one are left out above. npm run check explains them.`);
  process.exitCode = 1;
}
