import path from "node:path";
import * as pagefind from "pagefind";

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
 * process while the next pages render, instead of reading the whole site again at the end.
 * Pagefind's index depends on the order pages reach it, so pages are handed over in the order of
 * their URLs whatever order they render in: the index is the same for the same site, every build.
 */
export interface SearchFeed {
  /** The URLs of the pages that will be added, once known (before rendering starts). */
  expect(urls: Iterable<string>): void;
  /** Hands one written HTML page to the index; `url` is its address on the site (`/pages/okr/`). */
  add(url: string, html: string): void;
  /** Waits for every page, writes the index into `<outputDir>/pagefind/` and stops Pagefind. */
  write(outputDir: string): Promise<void>;
  /** Stops Pagefind without writing anything, for a build that failed. */
  close(): Promise<void>;
}

/** Starts Pagefind, with the same options as indexSearch, ready to be fed pages. */
export async function startSearchFeed(): Promise<SearchFeed> {
  const { index, errors } = await pagefind.createIndex({ excludeSelectors: [".heading-anchor"] });
  if (!index) {
    await pagefind.close();
    throw new Error(`Search indexing failed to start: ${errors.join("; ")}`);
  }
  const pending: Promise<unknown>[] = [];
  const problems: string[] = [];
  const send = (url: string, html: string) => {
    pending.push(
      index.addHTMLFile({ url, content: html }).then(
        (added) => problems.push(...added.errors.map((error) => `${url}: ${error}`)),
        (error: unknown) => problems.push(`${url}: ${String(error)}`),
      ),
    );
  };
  // Pages wait here until every page before them in URL order has been sent.
  const held = new Map<string, string>();
  let order: string[] = [];
  let next = 0;
  const sendReady = () => {
    for (; next < order.length && held.has(order[next]); next++) {
      send(order[next], held.get(order[next])!);
      held.delete(order[next]);
    }
  };
  const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    expect(urls) {
      order = [...new Set(urls)].sort(byCodeUnit);
      next = 0;
      sendReady();
    },
    add(url, html) {
      held.set(url, html);
      sendReady();
    },
    async write(outputDir) {
      try {
        // Pages that were expected but never came, and any not expected, leave the rest in URL order.
        for (const url of [...held.keys()].sort(byCodeUnit)) send(url, held.get(url)!);
        held.clear();
        await Promise.all(pending);
        if (problems.length > 0) throw new Error(`Search indexing failed: ${problems.join("; ")}`);
        const written = await index.writeFiles({ outputPath: path.join(outputDir, "pagefind") });
        if (written.errors.length > 0) throw new Error(`Writing the search index failed: ${written.errors.join("; ")}`);
      } finally {
        await pagefind.close();
      }
    },
    async close() {
      await Promise.allSettled(pending);
      await pagefind.close();
    },
  };
}
