import { formatProblem, sortProblems } from "../book/problem.js";
import { buildSite } from "../site/build.js";

/** `npm run build`: writes the production site to _site/, or reports every problem and exits 1. */
const started = performance.now();
const result = await buildSite({ input: process.cwd(), output: "_site" });
if (!result.ok) {
  for (const problem of sortProblems(result.problems)) console.error(formatProblem(problem));
  console.error(`\nBuild failed with ${result.problems.length} problem(s); _site/ was left as it was.`);
  process.exit(1);
}
console.log(`Built _site/ in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
