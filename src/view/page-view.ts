import {
  epubUrl,
  headerImageOf,
  offlineUrl,
  pdfUrl,
  printUrl,
  type Book,
  type Chapter,
  type Library,
  type PageImage,
  type Redirect,
} from "../book/library.js";
import type { Status } from "../book/schema.js";
import { isExternal } from "../book/links.js";
import { readingMinutes } from "../book/reading-time.js";
import { resolveRelativeUrl } from "../book/urls.js";
import type { SiteSettings } from "../site-settings.js";
import type { FeedView } from "./feed.js";
import { whatsNew, type ChapterChange } from "./whats-new.js";

/** What a page is: a chapter, a book's home, the site's home, or a page of the site (404, print). */
export type PageKind = "chapter" | "book" | "home" | "page";

/** A heading of a page, for its table of contents. */
export interface Heading {
  level: number;
  id: string;
  text: string;
}

/** A page's header picture. */
export interface HeaderImage {
  /** URL of the picture's file on the site, or the external URL as written. */
  url: string;
  /** The same as a full URL, for social cards. */
  absoluteUrl: string;
  alt: string;
  /** Responsive `<picture>` markup, when the picture is a file of the site. */
  picture?: string;
}

/** The picture social networks show for a shared page: a PNG made at build time. */
export interface SocialImage {
  /** Full URL of the PNG. */
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** A chapter of a printable book, with its HTML as the print page shows it. */
export interface PrintChapter {
  chapter: Chapter;
  /** The id of its heading on the page; its own ids start with it. */
  id: string;
  html: string;
  /** Its header picture, as its own page shows it. */
  image?: HeaderImage;
}

/** A whole book on one page: its header picture, its introduction (the home page's text) and its chapters. */
export interface PrintBook {
  book: Book;
  image?: HeaderImage;
  /** The book home's own text, when it has any: its id on the page, its HTML as the print page shows it. */
  introduction?: { id: string; html: string };
  chapters: PrintChapter[];
}

/** Where to take a whole book along: its EPUB, its PDF and its page for printing or saving as PDF. */
export interface BookDownloads {
  epub: string;
  pdf: string;
  print: string;
  /** Its offline manifest, which the "Save for offline reading" control reads (production builds write it). */
  offline: string;
}

/**
 * What the last chapter of a book ends with: the whole book to take along (its PDF, when the build
 * made one, is shown once it is written) and the library's other books.
 */
export interface BookEnd {
  epub: string;
  pdf: string;
  print: string;
  /** Up to three other books with chapters, those after this one in the library's order first. */
  books: Book[];
}

/** One entry of the sitemap. */
export interface SitemapEntry {
  loc: string;
  /** `YYYY-MM-DD`. */
  lastmod?: string;
}

/**
 * Everything one page shows, computed once in code; layouts only render it. Like Starlight's route
 * data: kind, titles, canonical URL, header picture, neighbours, position, contents, dates, edit link.
 */
export interface PageView {
  kind: PageKind;
  url: string;
  /** Full URL of the page, for `<link rel="canonical">` and social cards. */
  canonicalUrl: string;
  /** True for a page search engines should leave out (the print page repeats the chapters). */
  noindex?: boolean;
  /** The page's own title, for its heading. */
  title: string;
  /** The title for `<title>`: the page's, then its book's or the site's. */
  documentTitle: string;
  description?: string;
  status?: Status;
  draft: boolean;
  image?: HeaderImage;
  /** The picture for social cards, made from the page's header image or else its book's. */
  socialImage?: SocialImage;
  /** Whether the page's pictures are dimmed slightly in the dark theme. */
  dimImages: boolean;
  /** The chapter this page is: its position, total, and neighbours. */
  chapter?: Chapter;
  /** The book of a chapter, or the book whose home this page is. */
  book?: Book;
  /** h2 and h3 headings, in order. */
  toc: readonly Heading[];
  readingMinutes: number;
  /** When the source last changed. */
  updated?: Date;
  /** Where to edit the source on the web. */
  editUrl?: string;
  /** On a chapter, when the site has a repository: its new-issue form, for reporting a passage. */
  reportUrl?: string;
  /** The book's EPUB and print page, on its chapters and its home, when it has chapters. */
  downloads?: BookDownloads;
  /** On a book's last chapter: where to go once it is read. */
  bookEnd?: BookEnd;
  /** When each chapter of the page's book was last committed (ISO), by URL, for the marks of changes since a reader's visit. */
  chapterUpdated?: Readonly<Record<string, string>>;
  /** On a book's home: the last changes to its chapters, newest first. */
  whatsNew?: ChapterChange[];
  /** The site's books, on the home page. */
  books?: readonly Book[];
  /** A whole book, on its print page. */
  print?: PrintBook;
  /** Every page of the site, on the sitemap. */
  sitemap?: SitemapEntry[];
  /** The site's Atom feed, on the feed. */
  feed?: FeedView;
  /** Where an old URL of a page (an alias) sends readers; its canonical URL is the page's. */
  redirect?: { url: string; title: string };
}

/** What a page's source says about it. */
export interface ViewSource {
  url: string;
  /** Source file relative to the content root; none for pages the site makes (404, print). */
  file?: string;
  title: string;
  description?: string;
  status?: Status;
  draft?: boolean;
  /** Header image as written, relative to `file`. */
  image?: string;
  imageAlt?: string;
  /** false keeps the page's pictures at full brightness in the dark theme. */
  dimImages?: boolean;
}

/** What the build knows that a view draws on. */
export interface ViewContext {
  site: SiteSettings;
  library: Library;
  /** Headings the page's Markdown had. */
  headings?: readonly Heading[];
  /** Words of the page's Markdown. */
  words?: number;
  /** When the source last changed. */
  updated?: Date;
  /** Picture markup for a site file, or undefined when there is no such file. */
  picture?: (url: string, alt: string) => string | undefined;
  /** The social card picture made from a site file: its URL on the site and size; undefined when there is no such file. */
  socialImage?: (url: string) => { url: string; width: number; height: number } | undefined;
  /**
   * When a content file was last committed: the marks of changes since a reader's visit follow git,
   * never a file's modification time, which every save in the dev server changes.
   */
  committed?: (file: string) => Date | undefined;
  /** The changes to the page's book's chapters, newest first. */
  changes?: readonly ChapterChange[];
}

/** The view of one page. Pure, given its context. */
export function pageView(source: ViewSource, context: ViewContext): PageView {
  const { site, library } = context;
  const { url } = source;
  const chapter = library.chapterAt(url);
  const home = library.bookAt(url);
  const kind: PageKind = chapter ? "chapter" : home ? "book" : url === "/" ? "home" : "page";
  const book = chapter?.book ?? home;
  const documentTitle = url === "/" ? site.title : `${source.title} · ${chapter ? chapter.book.title : site.title}`;
  return {
    kind,
    url,
    canonicalUrl: absoluteUrl(url, site.url),
    title: source.title,
    documentTitle,
    description: source.description,
    status: source.status,
    draft: source.draft ?? false,
    image: headerImageView(chapter?.image ?? headerImageOf(source.file, source), context),
    socialImage: socialImage(source, book, context),
    dimImages: source.dimImages !== false,
    chapter,
    book,
    toc: context.headings ?? [],
    readingMinutes: readingMinutes(context.words ?? 0),
    updated: context.updated,
    editUrl: site.repository && source.file ? `${site.repository}/edit/${site.branch}/${source.file}` : undefined,
    reportUrl: site.repository && kind === "chapter" ? `${site.repository.replace(/\/$/, "")}/issues/new` : undefined,
    downloads:
      book?.chapters.length && (kind === "chapter" || kind === "book")
        ? { epub: epubUrl(book), pdf: pdfUrl(book), print: printUrl(book), offline: offlineUrl(book) }
        : undefined,
    books: kind === "home" ? library.books : undefined,
    bookEnd: chapter && book && chapter.position === chapter.total ? bookEnd(book, library) : undefined,
    chapterUpdated: book && (kind === "chapter" || kind === "book") ? chapterUpdated(book, context) : undefined,
    whatsNew: kind === "book" && book && context.changes ? whatsNew(book, context.changes) : undefined,
  };
}

/** When each chapter of a book was last committed, as ISO text, by URL; chapters git does not know left out. */
function chapterUpdated(book: Book, context: ViewContext): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const chapter of book.chapters) {
    const date = context.committed?.(chapter.file);
    if (date) dates[chapter.url] = date.toISOString();
  }
  return dates;
}

/** The end of a book: its files and print page, and the library's other books. */
function bookEnd(book: Book, library: Library): BookEnd {
  const at = library.books.indexOf(book);
  const others = [...library.books.slice(at + 1), ...library.books.slice(0, Math.max(at, 0))];
  const epub = epubUrl(book);
  return {
    epub,
    pdf: epub.replace(/\.epub$/, ".pdf"),
    print: printUrl(book),
    books: others.filter((other) => other.chapters.length > 0).slice(0, 3),
  };
}

/**
 * The social card of the page's own header image, or else of its book's; the home page's, without
 * one of its own, is the first book's (in title order) that has a header image.
 */
function socialImage(source: ViewSource, book: Book | undefined, context: ViewContext): SocialImage | undefined {
  const shown = book ?? (source.url === "/" ? context.library.books.find((b) => b.image) : undefined);
  const [written, alt, file] = source.image
    ? [source.image, source.imageAlt ?? "", source.file]
    : [shown?.image, shown?.imageAlt ?? "", shown?.file];
  if (!written || !file || !context.socialImage) return undefined;
  const url = resolveRelativeUrl(written, file);
  if (isExternal(url) || !url.startsWith("/")) return undefined;
  const made = context.socialImage(url);
  return made && { ...made, url: absoluteUrl(made.url, context.site.url), alt };
}

/** A header picture as a page shows it; a chapter's comes from the book model, any other page's from its front matter. */
export function headerImageView(image: PageImage | undefined, context: ViewContext): HeaderImage | undefined {
  if (!image) return undefined;
  const { url, alt } = image;
  const local = !isExternal(url) && url.startsWith("/");
  return {
    url,
    absoluteUrl: absoluteUrl(url, context.site.url),
    alt,
    picture: local ? context.picture?.(url, alt) : undefined,
  };
}

/** A site-absolute path (`/pages/a/`) as a full URL on the site's base; anything else through URL. */
export function absoluteUrl(url: string, base: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return base.replace(/\/$/, "") + url;
  return URL.canParse(url, base) ? new URL(url, base).href : url;
}

/** Minutes a page takes to read: the book model's measure, so every time on the site adds up. */
export { readingMinutes };

/** The view of a page's old URL: it names the page, and its canonical URL is the page's. */
export function redirectView(redirect: Redirect, context: ViewContext): PageView {
  const view = pageView({ url: redirect.from, title: `Moved: ${redirect.title}` }, context);
  return {
    ...view,
    canonicalUrl: absoluteUrl(redirect.to, context.site.url),
    redirect: { url: redirect.to, title: redirect.title },
  };
}

/** The date part of a date, `YYYY-MM-DD`, as sitemaps and `<time>` want it. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
