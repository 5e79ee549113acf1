import type { Book } from "../book/library.js";

/** Templates every site gets, with their data: 404, sitemap, robots.txt and a printable page per book. */
export const SITE_PAGES: Record<string, object> = {
  "404.njk": {
    layout: "not-found.njk",
    permalink: "/404.html",
    title: "Page not found",
    description: "There is no page at this address.",
    eleventyExcludeFromCollections: true,
  },
  "sitemap.njk": { permalink: "/sitemap.xml", layout: "sitemap.njk", eleventyExcludeFromCollections: true },
  "robots.njk": { permalink: "/robots.txt", layout: "robots.njk", eleventyExcludeFromCollections: true },
  "print.njk": {
    pagination: {
      data: "collections.library.books",
      size: 1,
      alias: "book",
      before: (books: Book[]) => books.filter((book) => book.chapters.length > 0),
    },
    permalink: (data: { book: Book }) => `${data.book.url}print/`,
    layout: "print.njk",
    eleventyComputed: {
      title: (data: { book: Book }) => `${data.book.title}, the whole book`,
      description: (data: { book: Book }) => data.book.description,
    },
    eleventyExcludeFromCollections: true,
  },
};
