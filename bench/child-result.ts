/** The marker that starts the result line a build child prints. */
export const RESULT_PREFIX = "BENCH_RESULT ";

/** What became of search indexing in one measured build. */
export type SearchOutcome =
  /** src/site/search.ts has no `indexSearch`: search is not part of the build. */
  | { kind: "absent" }
  /** The build wrote a search index by itself, inside the build time. */
  | { kind: "in-build" }
  /** `indexSearch` failed; the first line of its error. */
  | { kind: "failed"; error: string }
  /** `indexSearch(output)` took `ms`; `rssPeak` is the process's peak (KiB) including it. */
  | { kind: "measured"; ms: number; rssPeak: number };

/** One build, measured inside its child process. */
export interface ChildResult {
  /** From just before the build call to just after it resolved. */
  ms: number;
  /** Peak resident set size when the build resolved, in KiB (`process.resourceUsage().maxRSS`). */
  rssPeak: number;
  search: SearchOutcome;
}
