// What the page's "Save for offline reading" control and the service worker agree on: how saved
// books are named among the browser's caches, the requests the page sends and the answers it gets.
// Nothing here touches a page or a worker, so both bundle it.

/** Every saved book's cache is named `minibooks-offline <manifest URL> <version>`. */
const PREFIX = "minibooks-offline ";

/** The name of the cache that holds one version of a saved book. */
export function cacheName(manifestUrl: string, version: string): string {
  return `${PREFIX}${manifestUrl} ${version}`;
}

/** True when a cache holds a version of the book of this manifest. */
export function isCacheOf(name: string, manifestUrl: string): boolean {
  return name.startsWith(`${PREFIX}${manifestUrl} `);
}

/** The manifest URL of the book a cache holds; undefined for a cache that is no saved book's. */
export function bookOfCache(name: string): string | undefined {
  return name.startsWith(PREFIX) ? name.split(" ")[1] : undefined;
}

/** True for a book's offline manifest as pages name it: a path on the site to a `.json` file, without query or fragment. */
export function isManifestUrl(url: unknown): url is string {
  return typeof url === "string" && /^\/[^?#]*\.json$/.test(url);
}

/** What the page asks the worker about a book. */
export type Request = "status" | "save" | "remove";

/** What the worker answers: how a book stands, and how many books are saved in all. */
export type Answer =
  | { state: "saved"; size: number; version: string; books: number }
  | { state: "none"; books?: number }
  | { state: "saving"; done: number; total: number }
  | { state: "error"; message: string };

/** A size as readers say it, as the site writes the EPUB's: `840 bytes`, `312 KB`, `1.4 MB`. */
export function readableSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
