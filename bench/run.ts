/**
 * `npm run bench`: builds synthetic libraries with the whole `npm run build` command, with bare
 * Eleventy's and with Hugo's (when installed), each in fresh processes, alternating; breaks the build
 * down; times `npm run check` and `npm run build` on the project's own content, the dev server's start
 * and its loop; and writes the results to docs/benchmarks.md. Progress goes to stderr.
 *
 *   npm run bench -- [--sizes 1000,4000,8000] [--runs 3] [--breakdown-runs 1] [--guide-runs 5] [--out docs/benchmarks.md]
 *                    [--dev-size 1000] [--dev-edits 3] [--no-dev-loop] [--no-guide] [--seed 1] [--keep]
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { timeGuideCommand, timeWholeBuild, type Contender, type GuideCommand } from "./commands.js";
import { measureDevLoop, type DevLoopResult } from "./dev-loop.js";
import { hugoVersion, writeHugoSite } from "./hugo-site.js";
import { describeMachine } from "./machine.js";
import { REPO_ROOT, measureBuild, type Builder } from "./measure.js";
import { renderReport } from "./report.js";
import type { BenchResult, GuideResult, SizeResult } from "./results.js";
import { seconds } from "./targets.js";
import { processMeter } from "./whole-process.js";
import { pageCount, writeLibrary } from "./write-library.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,4000,8000" },
    runs: { type: "string", default: "3" },
    "breakdown-runs": { type: "string", default: "1" },
    "guide-runs": { type: "string", default: "5" },
    out: { type: "string", default: "docs/benchmarks.md" },
    "dev-size": { type: "string", default: "1000" },
    "dev-edits": { type: "string", default: "3" },
    "no-dev-loop": { type: "boolean", default: false },
    "no-guide": { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
  },
});

const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);
const breakdownRuns = Number(values["breakdown-runs"]);
const guideRuns = Number(values["guide-runs"]);
const seed = Number(values.seed);
const devSize = Number(values["dev-size"]);
const devEdits = Number(values["dev-edits"]);
if (
  sizes.some((n) => !Number.isInteger(n) || n < 3) ||
  !(runs >= 1) ||
  !(guideRuns >= 1) ||
  !(breakdownRuns >= 0) ||
  !Number.isInteger(seed)
) {
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
const hugo = hugoVersion();
const contenders: Contender[] = hugo ? ["minibooks", "eleventy", "hugo"] : ["minibooks", "eleventy"];
const work = await mkdtemp(path.join(tmpdir(), "minibooks-bench-"));
log(`working in ${work}`);
if (!hugo) log("hugo is not installed: the report says so and compares with bare Eleventy only");

try {
  const measured: SizeResult[] = [];
  for (const chapters of [...sizes].sort((a, b) => a - b)) measured.push(await benchSize(chapters));
  const guide = values["no-guide"] ? undefined : await benchGuide();
  const devLoop = values["no-dev-loop"] ? undefined : await benchDevLoop();
  const load: [number, number] = [loadAtStart, loadavg()[0]];
  const result: BenchResult = {
    machine: describeMachine(),
    command,
    date: new Date(),
    load,
    runs,
    breakdownRuns: Math.min(breakdownRuns, runs),
    seed,
    hugo,
    meter: processMeter(),
    sizes: measured,
    guide,
    devLoop,
  };
  const out = path.resolve(REPO_ROOT, values.out);
  const previous = await readFile(out, "utf8").catch(() => "");
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, renderReport(result, previous));
  log(`wrote ${path.relative(process.cwd(), out) || out}`);
} finally {
  if (values.keep) log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

/**
 * Generates one library and, `runs` times, builds it with each whole command, alternating; in the
 * first `breakdownRuns` of those runs, also with the build alone in a fresh process (the breakdown).
 */
async function benchSize(chapters: number): Promise<SizeResult> {
  const library = path.join(work, `library-${chapters}`);
  const hugoSite = path.join(work, `hugo-site-${chapters}`);
  const plan = await writeLibrary(library, chapters, seed);
  if (hugo) await writeHugoSite(hugoSite, library);
  const size: SizeResult = {
    chapters,
    books: plan.books.length,
    pages: pageCount(plan),
    whole: { minibooks: [], eleventy: [], hugo: [] },
    minibooks: [],
    baseline: [],
  };
  log(`N = ${chapters}: generated ${size.pages} pages in ${size.books} books`);
  for (let run = 1; run <= runs; run++) {
    for (const contender of contenders) {
      const measured = await timeWholeBuild(
        contender,
        { library, hugoSite },
        path.join(work, `site-${chapters}-${contender}`),
      );
      size.whole[contender].push(measured);
      const peak = measured.rssPeakKiB === undefined ? "" : `, peak RSS ${Math.round(measured.rssPeakKiB / 1024)} MiB`;
      log(
        `N = ${chapters} whole ${contender} run ${run}/${runs}: ${seconds(measured.wallMs)}, CPU ${seconds(measured.cpuMs)}${peak}`,
      );
    }
    for (const builder of run <= breakdownRuns ? (["minibooks", "baseline"] as Builder[]) : []) {
      const output = path.join(work, `site-${chapters}-${builder}`);
      const measurement = await measureBuild({ builder, input: library, output });
      size[builder].push(measurement);
      const search =
        measurement.search.kind === "measured" ? `, search indexing ${seconds(measurement.search.ms)}` : "";
      log(
        `N = ${chapters} ${builder} run ${run}/${runs}: build ${seconds(measurement.ms)}, ` +
          `process ${seconds(measurement.wallMs)}, peak RSS ${Math.round(measurement.rssPeak / 1024)} MiB${search}`,
      );
      await rm(output, { recursive: true, force: true });
    }
  }
  return size;
}

/** `npm run check` and `npm run build` on the project's own content, alternating. */
async function benchGuide(): Promise<GuideResult> {
  const scratch = path.join(work, "guide");
  await mkdir(scratch, { recursive: true });
  const guide: GuideResult = { pages: await countGuidePages(), check: [], build: [] };
  for (let run = 1; run <= guideRuns; run++) {
    for (const command of ["check", "build"] as GuideCommand[]) {
      const measured = await timeGuideCommand(command, scratch);
      guide[command].push(measured);
      log(
        `npm run ${command} on the project's content, run ${run}/${guideRuns}: ${seconds(measured.wallMs)}, CPU ${seconds(measured.cpuMs)}`,
      );
    }
  }
  return guide;
}

/** Markdown pages of the project's own content: index.md and pages/. */
async function countGuidePages(): Promise<number> {
  const pages = await readdir(path.join(REPO_ROOT, "pages"));
  return 1 + pages.filter((name) => name.endsWith(".md")).length;
}

/** Measures the dev loop on a fresh library of its own, so the builds' libraries stay untouched. */
async function benchDevLoop(): Promise<DevLoopResult> {
  const library = path.join(work, `dev-library-${devSize}`);
  const plan = await writeLibrary(library, devSize, seed);
  log(`dev loop: starting the dev server on ${devSize} chapters`);
  return measureDevLoop({ library, plan, edits: devEdits, log });
}
