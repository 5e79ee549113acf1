/**
 * `npm run bench`: builds synthetic libraries with Minibooks and with bare Eleventy, measures the
 * dev loop, and writes the results to docs/benchmarks.md. Progress goes to stderr.
 *
 *   npm run bench -- [--sizes 1000,4000,8000] [--runs 3] [--out docs/benchmarks.md]
 *                    [--dev-size 1000] [--dev-edits 3] [--no-dev-loop] [--seed 1] [--keep]
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { measureDevLoop, type DevLoopResult } from "./dev-loop.js";
import { describeMachine } from "./machine.js";
import { REPO_ROOT, measureBuild, type Builder } from "./measure.js";
import { renderReport } from "./report.js";
import type { BenchResult, SizeResult } from "./results.js";
import { seconds } from "./targets.js";
import { pageCount, writeLibrary } from "./write-library.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,4000,8000" },
    runs: { type: "string", default: "3" },
    out: { type: "string", default: "docs/benchmarks.md" },
    "dev-size": { type: "string", default: "1000" },
    "dev-edits": { type: "string", default: "3" },
    "no-dev-loop": { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});

const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const seed = Number(values.seed);
const devSize = Number(values["dev-size"]);
const devEdits = Number(values["dev-edits"]);
if (sizes.some((n) => !Number.isInteger(n) || n < 3) || !(runs >= 1) || !Number.isInteger(seed)) {
  console.error("usage: npm run bench -- --sizes 1000,4000,8000 --runs 3 (sizes of at least 3 chapters)");
  process.exit(2);
}
if (!values["no-dev-loop"] && !(Number.isInteger(devSize) && devSize >= 3 && devEdits >= 1)) {
  console.error("usage: --dev-size needs at least 3 chapters and --dev-edits at least 1");
  process.exit(2);
}

const log = (line: string) => console.error(`[bench] ${line}`);
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
const loadAtStart = loadavg()[0];
const work = await mkdtemp(path.join(tmpdir(), "minibooks-bench-"));
log(`working in ${work}`);

try {
  const measured: SizeResult[] = [];
  for (const chapters of [...sizes].sort((a, b) => a - b)) measured.push(await benchSize(chapters));
  const devLoop = values["no-dev-loop"] ? undefined : await benchDevLoop();
  const load: [number, number] = [loadAtStart, loadavg()[0]];
  const result: BenchResult = { machine: describeMachine(), command, date: new Date(), load, runs, seed, sizes: measured, devLoop };
  const out = path.resolve(REPO_ROOT, values.out);
  const previous = await readFile(out, "utf8").catch(() => "");
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, renderReport(result, previous));
  log(`wrote ${path.relative(process.cwd(), out) || out}`);
} finally {
  if (values.keep) log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

/** Generates one library and builds it `runs` times with each builder, alternating. */
async function benchSize(chapters: number): Promise<SizeResult> {
  const library = path.join(work, `library-${chapters}`);
  const plan = await writeLibrary(library, chapters, seed);
  const size: SizeResult = { chapters, books: plan.books.length, pages: pageCount(plan), minibooks: [], baseline: [] };
  log(`N = ${chapters}: generated ${size.pages} pages in ${size.books} books`);
  for (let run = 1; run <= runs; run++) {
    for (const builder of ["minibooks", "baseline"] as Builder[]) {
      const output = path.join(work, `site-${chapters}-${builder}`);
      const measurement = await measureBuild({ builder, input: library, output });
      size[builder].push(measurement);
      const search = measurement.search.kind === "measured" ? `, search indexing ${seconds(measurement.search.ms)}` : "";
      log(
        `N = ${chapters} ${builder} run ${run}/${runs}: build ${seconds(measurement.ms)}, ` +
          `process ${seconds(measurement.wallMs)}, peak RSS ${Math.round(measurement.rssPeak / 1024)} MiB${search}`,
      );
      await rm(output, { recursive: true, force: true });
    }
  }
  return size;
}

/** Measures the dev loop on a fresh library of its own, so the builds' libraries stay untouched. */
async function benchDevLoop(): Promise<DevLoopResult> {
  const library = path.join(work, `dev-library-${devSize}`);
  const plan = await writeLibrary(library, devSize, seed);
  log(`dev loop: starting the dev server on ${devSize} chapters`);
  return measureDevLoop({ library, plan, edits: devEdits, log });
}
