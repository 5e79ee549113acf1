/** The folder whose top-level Markdown files without `book` are book homes. */
export const PAGES_DIR = "pages";

/** A book as far as its own files' URLs go: its slug and the URL of its home page. */
export interface BookPlace {
  slug: string;
  url: string;
}

/** URL a content file is published at: `index.md` is `/`, `pages/x.md` is `/pages/x/`. */
export function urlForFile(file: string): string {
  const withoutExt = file.replace(/\.md$/, "");
  if (withoutExt === "index") return "/";
  return `/${withoutExt.replace(/\/index$/, "")}/`;
}

/** Where a book's whole-book page for printing is published: `/pages/okr/print/`. */
export function printUrl(book: Pick<BookPlace, "url">): string {
  return `${book.url}print/`;
}

/** Where a book's EPUB is published, beside its home page: `/pages/okr/okr.epub`. */
export function epubUrl(book: BookPlace): string {
  return `${book.url}${book.slug}.epub`;
}

/** Where a book's offline manifest is published, beside its home page: `/pages/okr/offline.json`. */
export function offlineUrl(book: Pick<BookPlace, "url">): string {
  return `${book.url}offline.json`;
}

/** Where a book's PDF is published, beside its EPUB: `/pages/okr/okr.pdf`. */
export function pdfUrl(book: BookPlace): string {
  return `${book.url}${book.slug}.pdf`;
}

/** The file a URL is served from: `/a/` is `/a/index.html`, `/a.html` is itself. */
export function servedFile(url: string): string {
  return url.endsWith("/") ? `${url}index.html` : url;
}

/** The slug a top-level file of `pages/` gives its book, or undefined for any other file. */
export function bookSlugForFile(file: string): string | undefined {
  const match = new RegExp(`^${PAGES_DIR}/([^/]+)\\.md$`).exec(file);
  return match?.[1];
}
