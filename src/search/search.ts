import { Worker } from "node:worker_threads";
import { searchablePart, type SearchReply, type SearchRequest, type SearchThreadData } from "./search-order.js";

/** What indexing found: how many pages went into the index. */
export interface SearchIndexResult {
  pages: number;
}

/**
 * Builds the Pagefind index of a written site into `<outputDir>/pagefind/`, on a thread of its own.
 * Only pages marked `data-pagefind-body` are indexed, so drafts and the 404 page stay out. In the
 * `background`, Pagefind runs at the lowest CPU priority: whatever else runs is never slowed by it.
 */
export async function indexSearch(outputDir: string, { background = false } = {}): Promise<SearchIndexResult> {
  return { pages: await indexed(startSearchThread({ outputDir, whole: true, background })) };
}

/**
 * Indexes a written site for search in the background, each time it is asked to: a request made
 * while an index is being written is served once that one is done, several such requests by one
 * index. What fails is handed to `report`.
 */
export function indexSearchInBackground(report: (error: unknown) => void): (outputDir: string) => void {
  let running = false;
  let waiting: string | undefined;
  const run = (outputDir: string): void => {
    if (running) {
      waiting = outputDir;
      return;
    }
    running = true;
    indexSearch(outputDir, { background: true })
      .catch(report)
      .finally(() => {
        running = false;
        const next = waiting;
        waiting = undefined;
        if (next !== undefined) run(next);
      });
  };
  return run;
}

/**
 * A search index fed page by page while the site is built: Pagefind indexes each page in its own
 * process, driven from a thread of its own, while the next pages render and are written, instead of
 * reading the whole site again at the end. The index depends on the order pages reach Pagefind, so
 * they are handed over in a fixed order (`handOverOrder`) whatever order they render in: the index
 * is the same for the same site, every build. It is written into `<outputDir>/pagefind/` as soon as
 * the last expected page is in.
 */
export interface SearchFeed {
  /** The URLs of the pages that will be added, once known (before rendering starts). */
  expect(urls: Iterable<string>): void;
  /** Hands one written HTML page to the index; `url` is its address on the site (`/pages/okr/`). */
  add(url: string, html: string): void;
  /** Waits for every page and the written index, and stops Pagefind. */
  write(): Promise<void>;
  /** Stops Pagefind, for a build that failed; what it wrote is left for the caller to remove. */
  close(): Promise<void>;
}

/** Starts Pagefind on its own thread, with the same options as indexSearch, ready to be fed pages. */
export function startSearchFeed(outputDir: string): SearchFeed {
  const thread = startSearchThread({ outputDir });
  const stopped = indexed(thread);
  // A failed build may never wait for the thread; its failure is the build's to report then.
  stopped.catch(() => undefined);
  const ask = (request: SearchRequest) => thread.postMessage(request);
  return {
    expect: (urls) => ask({ kind: "expect", urls: [...urls] }),
    add: (url, html) => ask({ kind: "add", url, html: searchablePart(html) }),
    async write() {
      ask({ kind: "finish" });
      await stopped;
    },
    async close() {
      ask({ kind: "close" });
      await stopped.catch(() => undefined);
    },
  };
}

/**
 * Starts the search thread (`search-thread.ts` beside this module): its compiled JavaScript as it
 * is, or its TypeScript source through tsx when the code runs from its sources (the tests do).
 */
function startSearchThread(data: SearchThreadData): Worker {
  const fromSources = new URL(import.meta.url).pathname.endsWith(".ts");
  const module = new URL(`./search-thread${fromSources ? ".ts" : ".js"}`, import.meta.url);
  return fromSources
    ? new Worker(new URL("./typescript-thread.mjs", import.meta.url), { workerData: { module: module.href, data } })
    : new Worker(module, { workerData: { data } });
}

/**
 * How many pages the search thread indexed, once it has stopped; its problems as an error when
 * indexing failed, and an error when it stopped without saying.
 */
function indexed(thread: Worker): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let last: SearchReply | undefined;
    thread.on("message", (reply: SearchReply) => {
      last = reply;
    });
    thread.on("error", reject);
    thread.on("exit", (code) => {
      if (last?.kind === "failed") reject(new Error(`Search indexing failed: ${last.problems.join("; ")}`));
      else if (code === 0 && last) resolve(last.pages);
      else reject(new Error(`Search indexing stopped (exit code ${code}).`));
    });
  });
}
