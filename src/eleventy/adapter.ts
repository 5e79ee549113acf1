/**
 * Where Eleventy's data meets the model: its collection items, the page data its Markdown renderer,
 * front matter engine and preprocessors are handed, and its pagination, turned into the model's
 * terms (file paths relative to the content root, and URLs). Everything else works on those.
 */
import type { CollectionApi, CollectionItem, FrontMatterEngine, PreprocessData } from "./config-types.js";
import { toContentPath } from "./paths.js";

/**
 * Eleventy pagination over the library's books, one page each, for the books `keep` picks. Pages
 * paginated over a collection render after the pages they gather.
 */
export function paginateBooks<Book>(keep: (books: Book[]) => Book[]): object {
  return { data: "collections.library.books", size: 1, alias: "book", before: keep };
}

/** Eleventy pagination over the library's redirects (the pages' old URLs), one page each. */
export function paginateRedirects(): object {
  return { data: "collections.library.redirects", size: 1, alias: "redirect" };
}

/** A content page of the build: its URL and its file relative to the content root. */
export interface PageRef {
  url: string;
  file: string;
  /** The text after the front matter, where Eleventy has read it. */
  body?: string;
  /** The page says `draft: true` (known for a render, where the page's data is at hand). */
  draft?: boolean;
}

/** Every Markdown page Eleventy publishes in this build, drafts left out of production builds. */
export function contentPages(api: CollectionApi, inputDir: string): PageRef[] {
  return publishedItems(api)
    .filter((item) => item.inputPath.endsWith(".md"))
    .map((item) => ({
      ...toPageRef(item.url, item.inputPath, inputDir),
      body: typeof item.rawInput === "string" ? item.rawInput : undefined,
    }));
}

/** The items of Eleventy's collection whose URLs `keep` picks, in Eleventy's order. */
export function itemsAt(api: CollectionApi, keep: (url: string) => boolean): CollectionItem[] {
  return publishedItems(api).filter((item) => keep(item.url));
}

/** The items of Eleventy's collection that are written at a URL (those with `permalink: false` are not). */
function publishedItems(api: CollectionApi): (CollectionItem & { url: string })[] {
  return api.getAll().filter((item): item is CollectionItem & { url: string } => item.url !== false);
}

/**
 * The page a Markdown render is for, from the environment Eleventy hands markdown-it (the page's
 * data); undefined for anything else markdown-it renders.
 */
export function pageOfRender(env: unknown, inputDir: string): PageRef | undefined {
  if (typeof env !== "object" || env === null || !("page" in env)) return undefined;
  const { page } = env;
  if (typeof page !== "object" || page === null || !("url" in page) || !("inputPath" in page)) return undefined;
  if (typeof page.url !== "string" || typeof page.inputPath !== "string") return undefined;
  return { ...toPageRef(page.url, page.inputPath, inputDir), draft: "draft" in env && env.draft === true };
}

function toPageRef(url: string, inputPath: string, inputDir: string): PageRef {
  return { url, file: toContentPath(inputDir, inputPath) };
}

/**
 * A front matter engine for Eleventy's parser that hands `read` the text with its file relative to
 * the content root (undefined when Eleventy names none). Eleventy calls it once per page and build.
 */
export function frontMatterEngine(
  read: (text: string, file: string | undefined) => object,
  inputDir: () => string,
): FrontMatterEngine {
  return (text, options) => read(text, options?.filePath ? toContentPath(inputDir(), options.filePath) : undefined);
}

/** The content file a preprocessor is handed the data of, relative to the content root. */
export function preprocessedFile(data: PreprocessData, inputDir: string): string | undefined {
  return typeof data.page?.inputPath === "string" ? toContentPath(inputDir, data.page.inputPath) : undefined;
}
