import { printUrl, type Book, type Redirect } from "../book/library.js";
import { paginateBooks, paginateRedirects } from "./adapter.js";
import { FEED_LENGTH, FEED_URL, NOT_FOUND, SITEMAP_URL } from "./site-page-urls.js";

export { FEED_LENGTH, FEED_URL, NOT_FOUND, SITEMAP_URL };

/** The books that get a print page: those with chapters. */
function printedBooks(books: readonly Book[]): Book[] {
  return books.filter((book) => book.chapters.length > 0);
}

/**
 * Templates every site gets: 404, sitemap, the feed, robots.txt, a printable page per book with chapters, and
 * a redirect page at each old URL a page lists in `aliases`.
 * What they show comes from their page view; this is only where they are published.
 */
export const SITE_PAGES: Record<string, object> = {
  "404.njk": { layout: "not-found.njk", permalink: NOT_FOUND.url, eleventyExcludeFromCollections: true },
  "sitemap.njk": { permalink: SITEMAP_URL, layout: "sitemap.njk", eleventyExcludeFromCollections: true },
  // The feed renders after the chapters it lists, whose HTML it carries.
  "feed.njk": {
    permalink: FEED_URL,
    layout: "feed.njk",
    eleventyExcludeFromCollections: true,
    eleventyImport: { collections: ["chapters"] },
  },
  "headers.njk": { permalink: "/_headers", layout: "headers.njk", eleventyExcludeFromCollections: true },
  "robots.njk": { permalink: "/robots.txt", layout: "robots.njk", eleventyExcludeFromCollections: true },
  "print.njk": {
    // Print pages render after the chapters, whose HTML they gather.
    pagination: paginateBooks(printedBooks),
    permalink: (data: { book: Book }) => printUrl(data.book),
    layout: "print.njk",
    eleventyExcludeFromCollections: true,
  },
  "redirect.njk": {
    pagination: paginateRedirects(),
    permalink: (data: { redirect: Redirect }) => data.redirect.from,
    layout: "redirect.njk",
    // Left out of every collection, so of the sitemap and the feed too.
    eleventyExcludeFromCollections: true,
  },
};

/**
 * The site pages that only show the chapters' HTML again (the feed, the print pages), which a build
 * that checks the content and makes no whole-book output leaves out: nothing in them is checked.
 */
export const SHOWN_AGAIN: ReadonlySet<string> = new Set(["feed.njk", "print.njk"]);

/** The files the pages of `SHOWN_AGAIN` are served from, which a link may still lead to. */
export function shownAgainFiles(books: readonly Book[]): string[] {
  return [FEED_URL, ...printedBooks(books).map((book) => `${printUrl(book)}index.html`)];
}
