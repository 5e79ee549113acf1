import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RESULT_PREFIX, type ChildResult } from "./child-result.js";
import { runCommand } from "./run-command.js";

/** The repository root, where node_modules/ and src/ live. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The two builders the benchmark compares. */
export type Builder = "minibooks" | "baseline";

/** One measured build: what the child timed, plus the wall time of the whole child process. */
export interface BuildRun extends ChildResult {
  /** From spawning the child to its exit: Node start, imports, the build and exit. */
  wallMs: number;
}

/** Options for one measured build. */
export interface BuildRequest {
  builder: Builder;
  input: string;
  output: string;
  /** Extra node flags for the child, such as `--cpu-prof`. */
  nodeArgs?: string[];
  /** Leave search indexing out entirely. */
  noSearch?: boolean;
}

/** Runs one build in a fresh child process, with an empty output folder, and returns its measurements. */
export async function measureBuild({
  builder,
  input,
  output,
  nodeArgs = [],
  noSearch = false,
}: BuildRequest): Promise<BuildRun> {
  await rm(output, { recursive: true, force: true });
  const script = path.join(REPO_ROOT, "bench", "build-child.ts");
  const started = performance.now();
  const { code, stdout, stderr } = await runCommand(
    process.execPath,
    [...nodeArgs, "--import", "tsx", script, builder, input, output, ...(noSearch ? ["no-search"] : [])],
    // As `npm run build` starts it (bin/minibooks.js): without Eleventy's import cache buster.
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: "", ELEVENTY_SKIP_ESM_RESOLVER: builder === "minibooks" ? "true" : "" },
    },
  );
  const wallMs = performance.now() - started;
  const line = stdout.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) {
    throw new Error(`the ${builder} build of ${input} failed (exit ${code}):\n${stderr.trim() || stdout.trim()}`);
  }
  return { ...(JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult), wallMs };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
