/**
 * `npm run bench`: builds synthetic libraries into a searchable site with the whole `npm run build`
 * command, and with what a user would assemble for the same site: bare Eleventy 3, or Hugo (when
 * installed), followed by the Pagefind CLI; each in fresh processes, alternating; runs the Pagefind
 * CLI alone over Minibooks' site to compare Pagefind's memory; breaks the build down; times
 * `npm run check` and `npm run build` on the project's own content, the dev server's start and its
 * loop; and writes the results to docs/benchmarks.md. Progress goes to stderr.
 *
 *   npm run bench -- [--sizes 1000,4000,8000] [--runs 3] [--breakdown-runs 1] [--guide-runs 5] [--out docs/benchmarks.md]
 *                    [--dev-size 1000] [--dev-edits 3] [--no-dev-loop] [--no-guide] [--seed 1] [--keep]
 *                    [--tmpfs | --scratch <folder>]
 *
 * Libraries, sites and temporary files go to a new folder in the system's temporary folder, in
 * /dev/shm with `--tmpfs` (memory, not the disk: use it when the disk is noisy), or in `--scratch`.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  timeCommand,
  timeGuideCommand,
  writeBaselineProject,
  type Contender,
  type Folders,
  type GuideCommand,
} from "./commands.js";
import { measureDevLoop, type DevLoopResult } from "./dev-loop.js";
import { hugoVersion, writeHugoSite } from "./hugo-site.js";
import { describeMachine, describeScratch } from "./machine.js";
import { REPO_ROOT, measureBuild, type Builder } from "./measure.js";
import { renderReport } from "./report.js";
import type { BenchResult, GuideResult, SizeResult } from "./results.js";
import { seconds } from "./targets.js";
import { processMeter, type ProcessRun } from "./whole-process.js";
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
    tmpfs: { type: "boolean", default: false },
    scratch: { type: "string" },
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

const scratchRoot = values.tmpfs ? "/dev/shm" : (values.scratch ?? tmpdir());
if (values.tmpfs && values.scratch) {
  console.error("usage: --tmpfs writes to /dev/shm; --scratch names another folder; give one of them");
  process.exit(2);
}
if (!existsSync(scratchRoot)) {
  console.error(`usage: the scratch folder ${scratchRoot} does not exist; create it, or leave --scratch out`);
  process.exit(2);
}
if (values.tmpfs && describeScratch(scratchRoot).filesystem !== "tmpfs") {
  console.error(
    "--tmpfs: /dev/shm is not a tmpfs on this machine. Mount one (as root: `mkdir -p /mnt/bench && " +
      "mount -t tmpfs -o size=8g tmpfs /mnt/bench`) and pass `--scratch /mnt/bench` instead.",
  );
  process.exit(2);
}

const log = (line: string) => console.error(`[bench] ${line}`);
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
const loadAtStart = loadavg()[0];
let highestLoad = loadAtStart;
// Other work that starts during the run shows here; the benchmark alone keeps the load near the core count.
const loadSampler = setInterval(() => {
  highestLoad = Math.max(highestLoad, loadavg()[0]);
}, 5000);
loadSampler.unref();
const hugo = hugoVersion();
const contenders: Contender[] = hugo
  ? ["minibooks", "eleventy+pagefind", "hugo+pagefind"]
  : ["minibooks", "eleventy+pagefind"];
const work = await mkdtemp(path.join(scratchRoot, "minibooks-bench-"));
// The commands' own temporary files (npm run check's scratch site, for one) go there too.
process.env.TMPDIR = work;
const scratch = describeScratch(work);
const project = path.join(work, "same-site-by-hand");
log(`working in ${work} (${scratch.filesystem} mounted on ${scratch.mountPoint})`);
if (!hugo) log("hugo is not installed: the report says so and compares with bare Eleventy + Pagefind only");

try {
  await writeBaselineProject(project);
  const measured: SizeResult[] = [];
  for (const chapters of [...sizes].sort((a, b) => a - b)) measured.push(await benchSize(chapters));
  const guide = values["no-guide"] ? undefined : await benchGuide();
  const devLoop = values["no-dev-loop"] ? undefined : await benchDevLoop();
  const load: [number, number, number] = [loadAtStart, loadavg()[0], Math.max(highestLoad, loadavg()[0])];
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
    scratch,
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
 * Generates one library and, `runs` times, builds it with each whole command, alternating, and runs
 * the Pagefind CLI alone over Minibooks' site; in the first `breakdownRuns` of those runs, also
 * builds it with the build alone in a fresh process (the breakdown).
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
    whole: { minibooks: [], "eleventy+pagefind": [], "hugo+pagefind": [] },
    pagefindAlone: [],
    warm: [],
    indexed: {},
    minibooks: [],
    baseline: [],
  };
  log(`N = ${chapters}: generated ${size.pages} pages in ${size.books} books`);
  const folders = (contender: Contender): Folders => ({
    library,
    hugoSite,
    output: path.join(work, `site-${chapters}-${contender.replace("+", "-")}`),
  });
  for (let run = 1; run <= runs; run++) {
    for (const contender of contenders) {
      const { indexed, ...measured } = await timeCommand(contender, folders(contender), project, {
        keep: contender === "minibooks",
      });
      size.whole[contender].push(measured);
      if (contender !== "minibooks" && indexed !== undefined) size.indexed[contender] = indexed;
      log(`N = ${chapters} whole ${contender} run ${run}/${runs}: ${describeRun(measured)}`);
      if (contender !== "minibooks") continue;
      const alone = await timeCommand("pagefind", folders(contender), project);
      size.pagefindAlone.push(alone);
      if (alone.indexed !== undefined) size.indexed.pagefind = alone.indexed;
      log(`N = ${chapters} Pagefind CLI alone on Minibooks' site, run ${run}/${runs}: ${describeRun(alone)}`);
      // What an author waits for after an edit: the build again, one chapter changed, the cache warm.
      const again = await withOneChapterChanged(library, run, () =>
        timeCommand("minibooks", folders(contender), project, { warm: true }),
      );
      size.warm?.push(again);
      log(`N = ${chapters} whole minibooks again, one chapter changed, run ${run}/${runs}: ${describeRun(again)}`);
    }
    for (const builder of run <= breakdownRuns ? (["minibooks", "baseline"] as Builder[]) : []) {
      const output = path.join(work, `site-${chapters}-${builder}`);
      // The breakdown builds from nothing, as the whole command's first build does.
      await rm(path.join(library, ".cache"), { recursive: true, force: true });
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

/**
 * Runs `measure` with one sentence added to the end of the library's middle chapter, then puts the
 * chapter back as it was, so every other command of the round builds the same library.
 */
async function withOneChapterChanged<T>(library: string, run: number, measure: () => Promise<T>): Promise<T> {
  const pages = (await readdir(path.join(library, "pages"))).filter((name) => name.endsWith(".md")).sort();
  const file = path.join(library, "pages", pages[Math.floor(pages.length / 2)]);
  const text = await readFile(file, "utf8");
  await writeFile(file, `${text}\nOne more sentence, added before build ${run}.\n`);
  try {
    return await measure();
  } finally {
    await writeFile(file, text);
  }
}

/** One measured command as a progress line: wall, CPU, steps and peak memory. */
function describeRun(run: ProcessRun): string {
  const mib = (kib: number | undefined) => (kib === undefined ? "?" : `${Math.round(kib / 1024)} MiB`);
  const steps = run.steps.map((step) => `${step.name} ${seconds(step.wallMs)}`).join(", ");
  const ours = run.nodePeaks.find((p) => p.script.endsWith("minibooks.js"));
  const pagefind = run.pagefind.map((p) => mib(p.rssPeakKiB)).join(", ");
  return [
    `${seconds(run.wallMs)}, CPU ${seconds(run.cpuMs)}`,
    steps && `(${steps})`,
    `largest process ${mib(run.rssPeakKiB)}`,
    ours && `Minibooks' process ${mib(ours.rssPeakKiB)}`,
    pagefind && `Pagefind ${pagefind}`,
  ]
    .filter(Boolean)
    .join(", ");
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
