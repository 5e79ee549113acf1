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
  const reply = await threadReply(startSearchThread({ outputDir, whole: true, background }));
  if (reply.kind === "failed") throw new Error(`Search indexing failed: ${reply.problems.join("; ")}`);
  return { pages: reply.pages };
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
  const stopped = threadReply(thread);
  // A failed build may never wait for the thread; its failure is the build's to report then.
  stopped.catch(() => undefined);
  const ask = (request: SearchRequest) => thread.postMessage(request);
  return {
    expect: (urls) => ask({ kind: "expect", urls: [...urls] }),
    add: (url, html) => ask({ kind: "add", url, html: searchablePart(html) }),
    async write() {
      ask({ kind: "finish" });
      const reply = await stopped;
      if (reply.kind === "failed") throw new Error(`Search indexing failed: ${reply.problems.join("; ")}`);
    },
    async close() {
      ask({ kind: "close" });
      await stopped.catch(() => undefined);
    },
  };
}

/**
 * A worker thread running one of our modules: its compiled JavaScript as it is, or its TypeScript
 * source through tsx when the code runs from its sources (the tests do).
 */
function startThread(module: URL, data: unknown): Worker {
  return module.pathname.endsWith(".ts")
    ? new Worker(new URL("./typescript-thread.mjs", import.meta.url), { workerData: { module: module.href, data } })
    : new Worker(module, { workerData: { data } });
}

/** The module beside `from` (an `import.meta.url`) named `name`, with the extension `from` has: `.ts` or `.js`. */
function siblingModule(from: string, name: string): URL {
  const extension = new URL(from).pathname.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./${name}${extension}`, from);
}

/** Starts the search thread (`search-thread.ts`). */
function startSearchThread(data: SearchThreadData): Worker {
  return startThread(siblingModule(import.meta.url, "search-thread"), data);
}

/** The search thread's last answer, once it has stopped; an error when it stopped without one. */
function threadReply(thread: Worker): Promise<SearchReply> {
  return new Promise<SearchReply>((resolve, reject) => {
    let last: SearchReply | undefined;
    thread.on("message", (reply: SearchReply) => {
      last = reply;
    });
    thread.on("error", reject);
    thread.on("exit", (code) =>
      code === 0 && last ? resolve(last) : reject(new Error(`Search indexing stopped (exit code ${code}).`)),
    );
  });
}
