import type { ContentResult } from "../book/content.js";
import { printUrl, type PageInput } from "../book/library.js";
import type { PageFile } from "../book/page.js";
import type { FileChange } from "../content/git-history.js";
import { escapeUrl } from "../book/urls.js";
import { printChapter } from "../print/print-chapter.js";
import type { SiteSettings } from "../site-settings.js";
import { feedView } from "../view/feed.js";
import {
  absoluteUrl,
  headerImageView,
  isoDate,
  pageView,
  redirectView,
  type PageView,
  type ViewContext,
  type ViewSource,
} from "../view/page-view.js";
import { chapterChanges, type ChapterChange } from "../view/whats-new.js";
import type { BuildFacts } from "./page-facts.js";
import { FEED_URL, NOT_FOUND, SITEMAP_URL } from "./site-page-urls.js";

/** How wide a header picture is shown, for the browser to pick a file. */
const HEADER_SIZES = "(min-width: 48rem) 42rem, 100vw";

/** What a build knows that its pages' views are made from (see `BuildState`). */
export interface ViewState {
  /** The library and the facts its checks looked at. */
  readonly content: ContentResult;
  /** Each page's Markdown record and HTML, and the build's pictures. */
  readonly facts: BuildFacts;
  /** Every commit that changed each content file, newest first. */
  readonly history: ReadonlyMap<string, readonly FileChange[]>;
  /** The changes to chapters the feed lists, newest first. */
  readonly feedChanges: readonly ChapterChange[];
  /** The page the library holds at a URL. */
  pageAt(url: string): PageInput | undefined;
  /** The content file at a URL whose front matter could not be read, so the library holds no page there. */
  unreadAt(url: string): PageFile | undefined;
  /** When a content file was last committed. */
  committed(file: string): Date | undefined;
  /** When a content file last changed. */
  lastUpdated(file: string): Date | undefined;
}

/**
 * The view of the page at a URL: a content page's from its front matter and what its Markdown
 * said, the site's own pages (404, print, sitemap, feed, redirects) from the library.
 */
export function makeView(state: ViewState, url: string, site: SiteSettings): PageView {
  const { library } = state.content;
  const page = state.pageAt(url);
  const context: ViewContext = { site, library };
  if (page) {
    const facts = state.facts.pageAt(url);
    const picture = (src: string, alt: string) =>
      state.facts.pictures.picture(src, {
        alt,
        loading: "eager",
        fetchpriority: "high",
        decoding: "async",
        sizes: HEADER_SIZES,
      });
    const source: ViewSource = { ...page.data, url, file: page.file };
    const socialImage = (src: string) => state.facts.pictures.socialImage(src);
    const committed = (file: string) => state.committed(file);
    const home = library.bookAt(url);
    return pageView(source, {
      ...context,
      headings: facts?.headings,
      words: page.words,
      updated: state.lastUpdated(page.file),
      picture,
      socialImage,
      committed,
      changes: home ? chapterChanges(home.chapters, state.history, committed) : undefined,
    });
  }
  const unread = state.unreadAt(url);
  if (unread) {
    // A page whose front matter has problems still renders, so its links, images and text are
    // checked with everything else; the build fails on its problems, so it is never published.
    const facts = state.facts.pageAt(url);
    const title = typeof unread.found?.title === "string" ? unread.found.title : unread.file;
    return pageView({ url, file: unread.file, title }, { ...context, headings: facts?.headings });
  }
  if (url === NOT_FOUND.url) return pageView(NOT_FOUND, context);
  if (url === SITEMAP_URL) {
    // In URL order, folder by folder (a page before the pages under it), whatever order the files
    // were found in; each address escaped as a URL must be.
    const pages = [...state.content.facts.pages].sort((a, b) => byPath(a.url, b.url));
    const sitemap = pages.map((p) => {
      const updated = state.lastUpdated(p.file);
      return { loc: escapeUrl(absoluteUrl(p.url, site.url)), lastmod: updated && isoDate(updated) };
    });
    return { ...pageView({ url, title: "Sitemap" }, context), sitemap };
  }
  if (url === FEED_URL) {
    const html = (chapterUrl: string) => {
      const found = state.facts.htmlAt(chapterUrl);
      if (found === undefined) throw new Error(`minibooks: ${url} needs ${chapterUrl}, which has not been rendered.`);
      return found;
    };
    return {
      ...pageView({ url, title: site.title }, context),
      feed: feedView(state.feedChanges, html, site.url, url),
    };
  }
  const redirect = library.redirects.find((r) => r.from === url);
  if (redirect) return redirectView(redirect, context);
  const book = library.books.find((b) => printUrl(b) === url);
  if (book) {
    const source = { url, title: `${book.title}, the whole book`, description: book.description };
    const rendered = (pageUrl: string) => {
      const html = state.facts.htmlAt(pageUrl);
      if (html === undefined) throw new Error(`minibooks: ${url} needs ${pageUrl}, which has not been rendered.`);
      return html;
    };
    // Each chapter's sections one level below its title, ids kept apart, links between chapters
    // kept on the page; the book home's text is the introduction, and links to the home lead to it.
    const places = new Map(book.chapters.map((chapter, i) => [chapter.url, `chapter-${i + 1}`]));
    const home = rendered(book.url);
    if (home.trim()) places.set(book.url, "introduction");
    const introduction = home.trim()
      ? { id: "introduction", html: printChapter(home, { prefix: "introduction", chapters: places }) }
      : undefined;
    // Pictures are loaded at once, not when scrolled to: a page printed is never scrolled.
    const picture = (src: string, alt: string) =>
      state.facts.pictures.picture(src, { alt, loading: "eager", decoding: "async", sizes: HEADER_SIZES });
    const pictureContext = { ...context, picture };
    const chapters = book.chapters.map((chapter, i) => {
      const id = `chapter-${i + 1}`;
      const html = printChapter(rendered(chapter.url), { prefix: id, chapters: places });
      return { chapter, id, html, image: headerImageView(chapter.image, pictureContext) };
    });
    const image = headerImageView(book.image, pictureContext);
    // The page repeats the chapters: search engines are sent to the book's home instead.
    const canonicalUrl = absoluteUrl(book.url, site.url);
    const print = { book, image, introduction, chapters };
    return { ...pageView(source, context), canonicalUrl, noindex: true, book, print };
  }
  throw new Error(`minibooks: no page view for ${url}: it is neither a content page nor one of the site's own pages.`);
}

/** Orders URL paths folder by folder: `/pages/b/` before `/pages/b-1/`, `/` first. */
function byPath(a: string, b: string): number {
  const left = a.split("/");
  const right = b.split("/");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}
