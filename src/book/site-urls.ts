import { epubUrl, offlineUrl, pdfUrl, printUrl, servedFile } from "./library.js";

/** Files the site writes at its root, each with what it is, for messages. */
const SITE_FILES: Readonly<Record<string, string>> = {
  "/404.html": "the page the site shows for an address it does not have",
  "/feed.xml": "the site's feed of new chapters",
  "/sitemap.xml": "the site's sitemap",
  "/robots.txt": "the site's note to search engines",
  "/_headers": "the site's security headers for the web host",
  "/sw.js": "the service worker that keeps books for offline reading",
  "/.minibooks-build": "the mark that says Minibooks made the site's folder",
};

/** Folders the site fills itself: nothing of an author's may be published in them. */
const SITE_FOLDERS: Readonly<Record<string, string>> = {
  "/assets/": "the folder of the site's stylesheet and scripts",
  "/images/": "the folder of the pictures copied from images/",
  "/img/": "the folder of the pictures the build makes in several sizes",
  "/pagefind/": "the folder of the site's search index",
};

/** A book as far as the site's own URLs go: each book has a print page, an EPUB, a PDF and an offline list beside its home. */
interface BookPlace {
  slug: string;
  url: string;
}

/**
 * What the site itself writes at a URL (a page's, an alias's), said to follow "<url> is", or
 * undefined when it writes nothing there: its own files (`/404.html`, `/feed.xml`, ...), anything
 * in its own folders (`/assets/`, `/pagefind/`, ...), and each book's print page, EPUB, PDF and offline list. `/a/`
 * and `/a/index.html` are one URL.
 */
export function siteOwnUrl(url: string, books: readonly BookPlace[]): string | undefined {
  const file = servedFile(url);
  const own = SITE_FILES[file];
  if (own) return own;
  const folder = Object.keys(SITE_FOLDERS).find((prefix) => file.startsWith(prefix));
  if (folder) return `in ${folder}, ${SITE_FOLDERS[folder]}`;
  for (const book of books) {
    if (file === servedFile(printUrl(book))) return `the page for printing book "${book.slug}"`;
    if (file === epubUrl(book)) return `the EPUB of book "${book.slug}"`;
    if (file === pdfUrl(book)) return `the PDF of book "${book.slug}"`;
    if (file === offlineUrl(book)) return `the list of files that keep book "${book.slug}" for offline reading`;
  }
  return undefined;
}
