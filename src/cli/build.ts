import path from "node:path";
import { commandOptions } from "../cli-options.js";
import { buildSite, failureReport } from "../site/build.js";
import { BuildsUnderWay } from "../site/publish.js";

/**
 * `npm run build [-- --input <folder>] [--output <folder>] [--replace]`: writes the production site
 * (by default from this folder to _site/), or reports every problem and exits 1. `--replace` moves a
 * folder Minibooks did not make at the output aside instead of refusing it.
 */
const USAGE = `Usage: npm run build [-- --input <folder>] [--output <folder>] [--replace]
  --input   the content to build: a folder with index.md, pages/ and images/ (default: this folder)
  --output  where the site goes (default: _site); the previous site stays until the new one is complete
  --replace move a folder Minibooks did not make at the output aside (never deleted) instead of refusing it`;

const started = performance.now();
const { values } = commandOptions("build", USAGE, {
  options: {
    input: { type: "string", default: "." },
    output: { type: "string", default: "_site" },
    replace: { type: "boolean", default: false },
  },
});

const underWay = new BuildsUnderWay();
stopCleanlyOnSignals(underWay);

const result = await buildSite({
  input: path.resolve(values.input),
  output: values.output,
  replace: values.replace,
  underWay,
});
if (!result.ok) {
  console.error(failureReport(result, values.output));
  process.exit(1);
}
for (const note of result.notes ?? []) console.log(note);
console.log(`Built ${values.output}/ in ${((performance.now() - started) / 1000).toFixed(2)} s.`);

/**
 * Ctrl-C (or a polite kill) mid-build leaves nothing behind and the previous site as it was. A
 * terminal signals every process of the command at once, and a wrapper may pass the signal on
 * again: later signals are ignored, so none cuts the clean-up short.
 */
function stopCleanlyOnSignals(builds: BuildsUnderWay): void {
  const signals = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\nBuild stopped (${signal}); ${values.output}/ was left as it was.`);
      builds.abandonNow();
      process.exit(128 + signals[signal]);
    });
  }
}
