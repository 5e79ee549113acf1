/**
 * Runs one measured build in this (fresh) process and prints one result line:
 * `BENCH_RESULT {"ms":…,"rssPeak":…,…}`. Started by the benchmark, once per build:
 *
 *   node --import tsx bench/build-child.ts <minibooks|baseline> <input> <output> [no-search]
 *
 * `no-search` leaves search indexing out entirely (for profiling the build alone).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RESULT_PREFIX, type ChildResult, type SearchOutcome } from "./child-result.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const [builder, input, output, option] = process.argv.slice(2);

/** Peak resident set size of this process so far, in KiB. */
const peakRss = () => process.resourceUsage().maxRSS;

/** Our production build, then search indexing timed on its own when the project has it (`search: false` leaves it out of buildSite). */
async function measureMinibooks(): Promise<ChildResult> {
  const { buildSite } = await import("../src/site/build.js");
  const indexSearch = option === "no-search" ? ({ kind: "absent" } as const) : await loadIndexSearch();
  // With search indexing available on its own, the build leaves it out and it is timed separately.
  const search = typeof indexSearch !== "function" && option !== "no-search";
  const started = performance.now();
  const result = await buildSite({ input, output, search });
  const ms = performance.now() - started;
  const rssPeak = peakRss();
  if (!result.ok) {
    const shown = result.problems.slice(0, 10).map((p) => `${p.file}: ${p.field ?? ""} ${p.message}`);
    throw new Error(`the build reported ${result.problems.length} problems:\n${shown.join("\n")}`);
  }
  return { ms, rssPeak, search: await measureSearch(indexSearch) };
}

/** Bare Eleventy 3 with the baseline config. */
async function measureBaseline(): Promise<ChildResult> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  const configPath = path.join(here, "baseline", "eleventy.config.js");
  const started = performance.now();
  const eleventy = new Eleventy(input, output, { configPath, quietMode: true });
  await eleventy.write();
  const ms = performance.now() - started;
  return { ms, rssPeak: peakRss(), search: { kind: "absent" } };
}

type IndexSearch = (outputDir: string) => Promise<unknown>;

/** `indexSearch` from src/search/search.ts (src/site/search.ts before), the reason it is missing, or the error importing it. */
async function loadIndexSearch(): Promise<IndexSearch | SearchOutcome> {
  const file =
    ["../src/search/search.ts", "../src/site/search.ts"].map((at) => path.join(here, at)).find(existsSync) ??
    path.join(here, "../src/search/search.ts");
  try {
    const module = await import(new URL(`file://${file}`).href);
    if (typeof module.indexSearch === "function") return module.indexSearch as IndexSearch;
    return { kind: "absent" };
  } catch (error) {
    if (!existsSync(file)) return { kind: "absent" };
    return { kind: "failed", error: String((error as Error).message ?? error).split("\n")[0] };
  }
}

/** Times search indexing of the finished site; notes when the build already did it. */
async function measureSearch(indexSearch: IndexSearch | SearchOutcome): Promise<SearchOutcome> {
  if (typeof indexSearch !== "function") {
    return existsSync(path.join(output, "pagefind")) ? { kind: "in-build" } : indexSearch;
  }
  const started = performance.now();
  try {
    await indexSearch(output);
  } catch (error) {
    return { kind: "failed", error: String((error as Error).message ?? error).split("\n")[0] };
  }
  return { kind: "measured", ms: performance.now() - started, rssPeak: peakRss() };
}

const measure = builder === "minibooks" ? measureMinibooks : builder === "baseline" ? measureBaseline : undefined;
if (!measure || !input || !output) {
  console.error("usage: build-child.ts <minibooks|baseline> <input> <output>");
  process.exit(2);
}
try {
  const result = await measure();
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
