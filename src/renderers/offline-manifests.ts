import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { epubUrl, offlineUrl, printUrl, servedFile, type Book, type Library } from "../book/library.js";
import { entryOf } from "../book/map-entry.js";
import { cacheKey, openOutputCache, recipe } from "./output-cache.js";

/** A file a book needs offline: its URL, its size in bytes and the SHA-256 of its bytes. */
export interface OfflineFile {
  url: string;
  size: number;
  hash: string;
}

/**
 * What a reader's browser keeps to read a book without a connection: every page of the book and
 * every file they need, as `/sw.js` fetches and caches them when the reader saves the book.
 */
export interface OfflineManifest {
  book: string;
  title: string;
  /** Changes whenever any file of the book changes: a saved book whose version differs is saved again. */
  version: string;
  /** The bytes of every file, added up: what saving the book takes on the reader's device. */
  size: number;
  /** In URL order. */
  files: OfflineFile[];
}

/**
 * Writes each book's offline manifest beside its home page (`/pages/okr/offline.json`), once the
 * pages and the whole-book files are written and hold their sizes. It lists the book's pages (its
 * home, its chapters, its print page), the files they load (stylesheet, scripts, icon, every
 * candidate of every picture, the pictures they open larger), its EPUB and, when the build has one,
 * its PDF. Returns the URL paths written.
 */
export async function writeOfflineManifests(outputDir: string, library: Library, cacheDir?: string): Promise<string[]> {
  const written: string[] = [];
  // The files each page loads, as the last build found them, by the page's URL and bytes: only the
  // pages that changed are read for them again.
  const memo = await openAssetsMemo(cacheDir);
  // Each file is read and hashed once, however many books load it (the stylesheet, the scripts,
  // a picture two books show).
  const described = new Map<string, Promise<OfflineFile | undefined>>();
  // URLs as browsers request them (`/pages/caf%C3%A9/`), files by their names on disk.
  const read = (url: string) =>
    readFile(path.join(outputDir, servedFile(decodePath(url)))).then(
      (bytes) => new Uint8Array(bytes),
      () => undefined,
    );
  const describe = (url: string) =>
    entryOf(described, url, () => read(url).then((bytes) => bytes && describeFile(url, bytes)));
  for (const book of library.books) {
    if (book.chapters.length === 0) continue;
    const pages = [book.url, ...book.chapters.map((chapter) => chapter.url), printUrl(book)].map(encodePath);
    const urls = new Set([...pages, ...wholeBookFiles(book).map(encodePath)]);
    // A page is read once: for the files it loads, and for its own size and hash.
    await Promise.all(
      pages.map(async (page) => {
        const html = await read(page);
        if (!html) return;
        const file = describeFile(page, html);
        described.set(page, Promise.resolve(file));
        for (const url of memo.assets(file, () => pageAssets(Buffer.from(html).toString("utf8"), page))) urls.add(url);
      }),
    );
    const files = (await Promise.all([...urls].map(describe))).filter((file) => file !== undefined);
    const manifest = listedManifest(book, files);
    await writeFile(path.join(outputDir, offlineUrl(book)), `${JSON.stringify(manifest, null, 1)}\n`);
    written.push(offlineUrl(book));
  }
  await memo.keep();
  return written;
}

/** What the build knows of the files its pages load, kept in the books' cache from one build to the next. */
interface AssetsMemo {
  /** The files the page `file` describes loads: as the memo holds them for its URL and bytes, or as `find` finds them. */
  assets(file: OfflineFile, find: () => string[]): readonly string[];
  /** Keeps what this build's pages load, and nothing else, for the next build. */
  keep(): Promise<void>;
}

/** What makes a page's list of files besides its URL and bytes: this module, and the parser it reads pages with. */
const ASSETS_RECIPE: readonly [readonly string[], readonly string[]] = [
  ["src/renderers/offline-manifests.ts"],
  ["htmlparser2"],
];

/**
 * The memo of the pages' files in the books' cache under `cacheDir`, as one entry whose key is
 * the code that finds them; without a cache (the folder is not ours, the checkout is read-only),
 * every page is read for them.
 */
async function openAssetsMemo(cacheDir: string | undefined): Promise<AssetsMemo> {
  const cache = cacheDir ? await openOutputCache(cacheDir) : undefined;
  const key = cache && cacheKey(await recipe(...ASSETS_RECIPE));
  const kept = key ? await cache?.get("assets", key) : undefined;
  const before = kept ? memoFrom(kept) : new Map<string, readonly string[]>();
  const now = new Map<string, readonly string[]>();
  return {
    assets(file, find) {
      const id = `${file.url} ${file.hash}`;
      const assets = now.get(id) ?? before.get(id) ?? find();
      now.set(id, assets);
      return assets;
    },
    async keep() {
      if (!cache || !key) return;
      await cache.put("assets", key, new TextEncoder().encode(JSON.stringify(Object.fromEntries(now))));
    },
  };
}

/** The memo an entry holds; an empty one when it does not hold lists of URL paths by page. */
function memoFrom(bytes: Uint8Array): Map<string, readonly string[]> {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (typeof parsed !== "object" || parsed === null) return new Map();
    const entries = Object.entries(parsed);
    const lists = (value: unknown): value is string[] =>
      Array.isArray(value) && value.every((url) => typeof url === "string" && url.startsWith("/"));
    return new Map(entries.filter((entry): entry is [string, string[]] => lists(entry[1])));
  } catch {
    return new Map();
  }
}

/** A URL path as browsers request it: `/pages/café/` is `/pages/caf%C3%A9/`. */
function encodePath(url: string): string {
  return new URL(url, "https://site.invalid").pathname;
}

/** A URL path as a file's name on disk; a path with a broken escape stays as it is. */
function decodePath(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The whole-book files a book may have beside its home page: its EPUB, and its PDF. */
function wholeBookFiles(book: Pick<Book, "url" | "slug">): string[] {
  return [epubUrl(book), `${book.url}${book.slug}.pdf`];
}

/** A book's manifest from its files' URLs and bytes. Pure: the same files give the same manifest. */
export function offlineManifest(
  book: Pick<Book, "slug" | "title">,
  files: readonly { url: string; bytes: Uint8Array }[],
): OfflineManifest {
  return listedManifest(
    book,
    files.map(({ url, bytes }) => describeFile(url, bytes)),
  );
}

/** A file as a manifest lists it. */
function describeFile(url: string, bytes: Uint8Array): OfflineFile {
  return { url, size: bytes.byteLength, hash: createHash("sha256").update(bytes).digest("hex") };
}

/** A book's manifest from its files as listed. */
function listedManifest(book: Pick<Book, "slug" | "title">, files: readonly OfflineFile[]): OfflineManifest {
  const listed = [...files].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const version = createHash("sha256")
    .update(listed.map((file) => `${file.url} ${file.hash}\n`).join(""))
    .digest("hex")
    .slice(0, 20);
  return {
    book: book.slug,
    title: book.title,
    version,
    size: listed.reduce((sum, file) => sum + file.size, 0),
    files: listed,
  };
}

/**
 * The files of the site a page loads, as URL paths: stylesheets and icons (`<link href>`),
 * scripts, every candidate of every picture (`src`, `srcset`), and the pictures a page opens
 * larger (`<a data-zoom href>`). Addresses elsewhere and links to other pages are left out.
 */
export function pageAssets(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  const base = new URL(pageUrl, "https://site.invalid");
  const add = (written: string | undefined) => {
    if (!written) return;
    let url: URL;
    try {
      url = new URL(written.trim(), base);
    } catch {
      return;
    }
    if (url.origin === base.origin && url.pathname !== "/") found.add(url.pathname);
  };
  const candidates = (srcset: string | undefined) => {
    for (const candidate of (srcset ?? "").split(",")) add(candidate.trim().split(/\s+/)[0]);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "link" && /\b(?:stylesheet|icon)\b/i.test(attributes.rel ?? "")) add(attributes.href);
        else if (name === "script") add(attributes.src);
        else if (name === "img") {
          add(attributes.src);
          candidates(attributes.srcset);
        } else if (name === "source") candidates(attributes.srcset);
        else if (name === "a" && "data-zoom" in attributes) add(attributes.href);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return [...found];
}
