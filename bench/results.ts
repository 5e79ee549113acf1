import type { Contender } from "./commands.js";
import type { DevLoopResult } from "./dev-loop.js";
import type { Machine } from "./machine.js";
import { median, type BuildRun } from "./measure.js";
import type { ProcessRun } from "./whole-process.js";

/** Every run on one library size: whole commands, and the build-only breakdown. */
export interface SizeResult {
  chapters: number;
  books: number;
  /** Markdown pages of the library: the home page, book homes and chapters. */
  pages: number;
  /** Whole commands, measured from outside; Hugo's list is empty when it is not installed. */
  whole: Record<Contender, ProcessRun[]>;
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
  /** The one-minute load average when the run started and when it ended: other work on the machine. */
  load: [number, number];
  runs: number;
  /** Runs of the build-only breakdown per size (the first ones of `runs`). */
  breakdownRuns: number;
  seed: number;
  /** Hugo's version line, or undefined when `hugo` is not installed. */
  hugo?: string;
  /** How whole processes were measured. */
  meter: string;
  sizes: SizeResult[];
  /** Absent when skipped. */
  guide?: GuideResult;
  devLoop?: DevLoopResult;
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

/** The medians of whole-process runs (cores used is the median of each run's CPU / wall). */
export function summariseProcesses(runs: readonly ProcessRun[]): ProcessSummary {
  const peaks = runs.flatMap((run) => (run.rssPeakKiB === undefined ? [] : [run.rssPeakKiB]));
  return {
    wallMs: median(runs.map((run) => run.wallMs)),
    cpuMs: median(runs.map((run) => run.cpuMs)),
    cores: median(runs.map((run) => run.cpuMs / run.wallMs)),
    rssPeakKiB: peaks.length ? median(peaks) : NaN,
  };
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
