import type { DevLoopResult } from "./dev-loop.js";
import type { Machine } from "./machine.js";
import { median, type BuildRun } from "./measure.js";

/** Every run of both builders on one library size. */
export interface SizeResult {
  chapters: number;
  books: number;
  /** Markdown pages of the library: the home page, book homes and chapters. */
  pages: number;
  minibooks: BuildRun[];
  baseline: BuildRun[];
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
  seed: number;
  sizes: SizeResult[];
  /** Absent when the dev loop was skipped. */
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
