import path from "node:path";
import { Worker } from "node:worker_threads";
import * as pagefind from "pagefind";
import { searchablePart, type SearchReply, type SearchRequest } from "./search-order.js";

/** What indexing found: how many pages went into the index. */
export interface SearchIndexResult {
  pages: number;
}

/**
 * Builds the Pagefind index of a written site into `<outputDir>/pagefind/`.
 * Only pages marked `data-pagefind-body` are indexed, so drafts and the 404 page stay out.
 */
export async function indexSearch(outputDir: string): Promise<SearchIndexResult> {
  // The "#" link beside each heading is for copying, not for reading in an excerpt.
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: [".heading-anchor"] });
  try {
    if (!index) throw new Error(`Search indexing failed to start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outputDir });
    if (added.errors.length > 0) throw new Error(`Search indexing failed: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
    if (written.errors.length > 0) throw new Error(`Writing the search index failed: ${written.errors.join("; ")}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
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
    indexSearch(outputDir)
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
  const thread = startThread(siblingModule(import.meta.url, "search-thread"), { outputDir });
  let failure: Error | undefined;
  const stopped = new Promise<void>((resolve, reject) => {
    thread.on("message", (reply: SearchReply) => {
      if (reply.kind === "failed") failure = new Error(`Search indexing failed: ${reply.problems.join("; ")}`);
    });
    thread.on("error", reject);
    thread.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`Search indexing stopped (exit code ${code}).`)),
    );
  });
  // A failed build may never wait for the thread; its failure is the build's to report then.
  stopped.catch(() => undefined);
  const ask = (request: SearchRequest) => thread.postMessage(request);
  return {
    expect: (urls) => ask({ kind: "expect", urls: [...urls] }),
    add: (url, html) => ask({ kind: "add", url, html: searchablePart(html) }),
    async write() {
      ask({ kind: "finish" });
      await stopped;
      if (failure) throw failure;
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
