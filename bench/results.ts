import type { Contender, Script } from "./commands.js";
import type { DevLoopResult } from "./dev-loop.js";
import type { Machine } from "./machine.js";
import { median, type BuildRun } from "./measure.js";
import type { ProcessRun, Usage } from "./whole-process.js";

/** Every run on one library size: whole commands, and the build-only breakdown. */
export interface SizeResult {
  chapters: number;
  books: number;
  /** Markdown pages of the library: the home page, book homes and chapters. */
  pages: number;
  /** Whole commands, measured from outside; Hugo's list is empty when it is not installed. */
  whole: Record<Contender, ProcessRun[]>;
  /** The Pagefind CLI alone over the site Minibooks built, run after each of its builds. */
  pagefindAlone: ProcessRun[];
  /**
   * Minibooks' build again, right after each of its builds (whose books' files are in the cache),
   * with one chapter changed: what an author waits for after an edit. Absent in older results.
   */
  warm?: ProcessRun[];
  /** Pages the Pagefind CLI said it indexed, per script; absent where it printed no count. */
  indexed: Partial<Record<Script, number>>;
  /** The build alone, timed inside a fresh process (the breakdown). */
  minibooks: BuildRun[];
  baseline: BuildRun[];
}

/** `npm run check` and `npm run build` on the project's own content. */
export interface GuideResult {
  pages: number;
  check: ProcessRun[];
  build: ProcessRun[];
}

/** A whole benchmark run, as the report shows it. */
export interface BenchResult {
  machine: Machine;
  /** The command that produced it, as typed. */
  command: string;
  date: Date;
  /**
   * The one-minute load average when the run started, when it ended, and the highest sampled (every
   * 5 s) in between: other work on the machine.
   */
  load: [number, number, number];
  runs: number;
  /** Runs of the build-only breakdown per size (the first ones of `runs`). */
  breakdownRuns: number;
  seed: number;
  /** Hugo's version line, or undefined when `hugo` is not installed. */
  hugo?: string;
  /** How whole processes were measured. */
  meter: string;
  /** Where the libraries and sites were written, and on what kind of file system. */
  scratch: Scratch;
  sizes: SizeResult[];
  /** Absent when skipped. */
  guide?: GuideResult;
  devLoop?: DevLoopResult;
}

/** The folder a run wrote its libraries, sites and temporary files to. */
export interface Scratch {
  dir: string;
  /** The file system's type as /proc/mounts names it (tmpfs, ext4, overlay, ...), or "unknown". */
  filesystem: string;
  mountPoint: string;
}

/** Medians of one builder's runs. */
export interface BuildSummary {
  ms: number;
  wallMs: number;
  rssPeakKiB: number;
}

/** The medians of a list of runs. */
export function summarise(runs: readonly BuildRun[]): BuildSummary {
  return {
    ms: median(runs.map((run) => run.ms)),
    wallMs: median(runs.map((run) => run.wallMs)),
    rssPeakKiB: median(runs.map((run) => run.rssPeak)),
  };
}

/** Medians of whole-process runs; peak memory is NaN where it was not measured. */
export interface ProcessSummary {
  wallMs: number;
  cpuMs: number;
  /** CPU time over wall time: how many cores the command kept busy on average. */
  cores: number;
  rssPeakKiB: number;
}

/** The medians of whole-process runs (cores used is the median of each run's CPU / wall); NaN for none. */
export function summariseProcesses(runs: readonly Usage[]): ProcessSummary {
  return {
    wallMs: medianOrNaN(runs.map((run) => run.wallMs)),
    cpuMs: medianOrNaN(runs.map((run) => run.cpuMs)),
    cores: medianOrNaN(runs.map((run) => run.cpuMs / run.wallMs)),
    rssPeakKiB: medianOrNaN(runs.flatMap((run) => (run.rssPeakKiB === undefined ? [] : [run.rssPeakKiB]))),
  };
}

/** Minibooks' whole command over another's (or over one step of it): medians of wall and of CPU time. */
export function ratioTo(
  size: SizeResult,
  other: ProcessSummary,
  ours: readonly Usage[] = size.whole.minibooks,
): { wall: number; cpu: number } {
  const mine = summariseProcesses(ours);
  return { wall: mine.wallMs / other.wallMs, cpu: mine.cpuMs / other.cpuMs };
}

/** The medians of one step of chained runs, by its name; NaN where no run has it. */
export function summariseStep(runs: readonly ProcessRun[], name: string): ProcessSummary {
  return summariseProcesses(runs.flatMap((run) => run.steps.filter((step) => step.name === name)));
}

/** The median peak of Minibooks' own process: the Node.js process that ran bin/minibooks.js. */
export function buildProcessPeakKiB(runs: readonly ProcessRun[]): number {
  return medianOrNaN(
    runs.flatMap((run) =>
      run.nodePeaks.filter((p) => /(^|[/\\])bin[/\\]minibooks\.js$/.test(p.script)).map((p) => p.rssPeakKiB),
    ),
  );
}

/** The median of each run's largest Pagefind process. */
export function pagefindPeakKiB(runs: readonly ProcessRun[]): number {
  return medianOrNaN(
    runs.flatMap((run) => {
      const peaks = run.pagefind.flatMap((p) => (p.rssPeakKiB === undefined ? [] : [p.rssPeakKiB]));
      return peaks.length ? [Math.max(...peaks)] : [];
    }),
  );
}

function medianOrNaN(values: readonly number[]): number {
  return values.length ? median(values) : NaN;
}

/** The search indexing runs of a size, or why there are none. */
export function searchSummary(runs: readonly BuildRun[]): BuildSummary | { note: string } {
  const measured = runs.flatMap((run) => (run.search.kind === "measured" ? [run.search] : []));
  if (measured.length === runs.length && measured.length > 0) {
    return {
      ms: median(measured.map((s) => s.ms)),
      wallMs: NaN,
      rssPeakKiB: median(measured.map((s) => s.rssPeak)),
    };
  }
  const first = runs.find((run) => run.search.kind !== "measured")?.search;
  if (first?.kind === "in-build") return { note: "inside the build time (buildSite wrote pagefind/ itself)" };
  if (first?.kind === "failed") return { note: `failed: ${first.error}` };
  return { note: "not part of the build" };
}
