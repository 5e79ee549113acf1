import path from "node:path";
import { parseArgs } from "node:util";
import { formatProblem, formatSkipped, sortProblems } from "../book/problem.js";
import { buildSite } from "../site/build.js";

/**
 * `npm run build [-- --input <folder>] [--output <folder>]`: writes the production site (by default
 * from this folder to _site/), or reports every problem and exits 1.
 */
const started = performance.now();
const { values } = parseArgs({ options: { input: { type: "string", default: "." }, output: { type: "string", default: "_site" } } });
const result = await buildSite({ input: path.resolve(values.input), output: values.output });
if (!result.ok) {
  for (const problem of sortProblems(result.problems)) console.error(formatProblem(problem));
  if (result.skipped?.length) console.error(formatSkipped(result.skipped));
  console.error(`\nBuild failed with ${result.problems.length} problem(s); ${values.output}/ was left as it was.`);
  process.exit(1);
}
console.log(`Built ${values.output}/ in ${((performance.now() - started) / 1000).toFixed(2)} s.`);
