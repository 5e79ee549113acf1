import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatProblem } from "../book/problem.js";
import { commandOptions } from "../cli-options.js";
import { pageWeight } from "../site/budget.js";
import { buildSite } from "../site/build.js";

/**
 * `npm run budget [-- <url>]`: builds the site into a temporary folder and weighs one chapter page's
 * HTML, CSS and JavaScript, compressed. Fails when the total passes the budget of 30 KB (gzip).
 */
const BUDGET = 30 * 1024;
const USAGE = `Usage: npm run budget [-- <url>]
  builds the site into a temporary folder and weighs the page at <url> (default /pages/okr-chapter-2/)
  against the budget of 30 KB of HTML, CSS and JavaScript, compressed with gzip; exits 1 over it`;
const { positionals } = commandOptions("budget", USAGE, { allowPositionals: true });
if (positionals.length > 1) {
  console.error(`budget: one URL at most, not ${positionals.length}.\n\n${USAGE}`);
  process.exit(2);
}
const url = positionals[0] ?? "/pages/okr-chapter-2/";
const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-budget-"));
try {
  const output = path.join(scratch, "_site");
  const result = await buildSite({ input: process.cwd(), output, search: false });
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    process.exit(1);
  }
  const weights = await pageWeight(output, url);
  const kb = (n: number) => (n / 1024).toFixed(1);
  const rows = weights.map((w) => `| ${w.file} | ${kb(w.raw)} | ${kb(w.gzip)} | ${kb(w.brotli)} |`);
  const total = (key: "raw" | "gzip" | "brotli") => weights.reduce((sum, w) => sum + w[key], 0);
  console.log(`Page weight of ${url} (KB; images and the search index, loaded on demand, excluded)\n`);
  console.log("| file | raw | gzip | brotli |\n| --- | ---: | ---: | ---: |");
  console.log(rows.join("\n"));
  console.log(`| total | ${kb(total("raw"))} | ${kb(total("gzip"))} | ${kb(total("brotli"))} |`);
  const share = total("gzip") / BUDGET;
  console.log(`\nBudget: ${kb(BUDGET)} KB gzip; this page uses ${(share * 100).toFixed(0)}% of it.`);
  if (share > 1) process.exitCode = 1;
} finally {
  await rm(scratch, { recursive: true, force: true });
}
