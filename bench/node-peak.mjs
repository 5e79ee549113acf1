// @ts-check
/**
 * Preloaded into every Node.js process of a measured command (`NODE_OPTIONS=--import=<this file>`):
 * at exit, the process appends its script and its own peak resident set size (KiB) to the file named
 * by BENCH_NODE_PEAKS, one JSON line each. Worker threads share their process's figure and add none.
 */
import { appendFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const log = process.env.BENCH_NODE_PEAKS;
if (log && isMainThread) {
  process.on("exit", () => {
    const line = { script: process.argv[1] ?? "", rssPeakKiB: process.resourceUsage().maxRSS };
    appendFileSync(log, `${JSON.stringify(line)}\n`);
  });
}
