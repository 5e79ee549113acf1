import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { formatAnnotation, formatProblem, formatSkipped, sortProblems } from "../book/problem.js";
import { buildSite } from "../site/build.js";

/**
 * `npm run check`: validates all content (front matter, book rules, links and images) by building
 * into a temporary folder, which it removes. With GITHUB_ACTIONS=true it also prints annotations.
 */
const started = performance.now();
const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-check-"));
try {
  const result = await buildSite({ input: process.cwd(), output: path.join(scratch, "_site") });
  const problems = sortProblems(result.problems);
  for (const problem of problems) console.error(formatProblem(problem));
  if (result.skipped?.length) console.error(formatSkipped(result.skipped));
  if (process.env.GITHUB_ACTIONS === "true") {
    for (const problem of problems) console.log(formatAnnotation(problem));
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) found in ${seconds} s.`);
    process.exitCode = 1;
  } else {
    console.log(`Content is valid (${seconds} s).`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
