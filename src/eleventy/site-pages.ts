import { printUrl, type Book, type Redirect } from "../book/library.js";
import { paginateBooks, paginateRedirects } from "./adapter.js";

/** The page shown for an address the site does not have. */
export const NOT_FOUND = {
  url: "/404.html",
  title: "Page not found",
  description: "There is no page at this address.",
} as const;

/** Where the sitemap is published. */
export const SITEMAP_URL = "/sitemap.xml";

/** Where the Atom feed of new chapters is published, and how many of the newest it lists. */
export const FEED_URL = "/feed.xml";
export const FEED_LENGTH = 50;

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
    pagination: paginateBooks((books: Book[]) => books.filter((book) => book.chapters.length > 0)),
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
