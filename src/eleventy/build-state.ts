import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BadByte } from "../book/characters.js";
import type { ContentResult, KnownFile } from "../book/content.js";
import { printUrl, urlForFile, type Library, type PageInput } from "../book/library.js";
import { escapeUrl } from "../book/urls.js";
import { lastCommitDates } from "../content/git-dates.js";
import { sourceOf } from "../content/load.js";
import type { SiteSettings } from "../site-settings.js";
import {
  absoluteUrl,
  isoDate,
  pageView,
  redirectView,
  type PageView,
  type ViewContext,
  type ViewSource,
} from "../view/page-view.js";
import type { RunMode } from "./adapter.js";
import { BuildFacts } from "./page-facts.js";
import { printChapter } from "../print/print-chapter.js";
import { NOT_FOUND, SITEMAP_URL } from "./site-pages.js";

/** How wide a header picture is shown, for the browser to pick a file. */
const HEADER_SIZES = "(min-width: 48rem) 42rem, 100vw";

/** Where a build reads and writes, and how it runs. */
export interface BuildPlace {
  inputDir: string;
  outputDir: string;
  runMode: RunMode;
}

/**
 * Everything one build learns, in one object made when the build starts (`eleventy.before`) and
 * handed to whatever needs it: front matter texts, what each page's Markdown said, the library and
 * its checks' facts, and the files' last-change dates. Nothing of it outlives the build.
 */
export class BuildState {
  /**
   * Each page's front matter text, by file relative to the content root. Eleventy parses every
   * page's front matter once, through the YAML engine the plugin gives it; that engine keeps the
   * text here, so the library reads what Eleventy read. A page without a front matter block never
   * reaches the engine and has no entry.
   */
  readonly frontMatter = new Map<string, string>();
  /** What the pages' Markdown said about them while it rendered, and the pictures it asked for. */
  readonly facts: BuildFacts;
  #content: ContentResult | undefined;
  #building: Promise<Library> | undefined;
  #pagesByUrl: Map<string, PageInput> | undefined;
  readonly #views = new Map<string, PageView>();

  /** The URL of every page of the site, written in this build or not, once Eleventy knows them. */
  readonly urls = new Set<string>();
  /** Each content file as the library read it, with its text: a partial build reads only the changed ones. */
  known = new Map<string, KnownFile>();
  /** The URLs of the chapters the feed lists, newest first, once the feed's collection is made. */
  feed: readonly string[] = [];
  /** The previous build's `feed`, for a partial build. */
  feedBefore: readonly string[] = [];
  /** Each content file's modification time, read once; a partial build reads the changed files' again. */
  #modified = new Map<string, Date | undefined>();
  /** The changed files' last-change dates in the previous build, for a partial build. */
  readonly #updatedBefore = new Map<string, Date | undefined>();

  private constructor(
    readonly place: BuildPlace,
    /** Date of the last commit of each content file, by path relative to the content root. */
    private readonly commitDates: ReadonlyMap<string, Date>,
    /**
     * The library of the dev server's previous build, when this one renders only the pages a save
     * changed: the pages it does not render stay as that build wrote them.
     */
    readonly before?: Library,
  ) {
    this.facts = new BuildFacts(place.inputDir, place.outputDir);
  }

  /**
   * A build's state, with the content's commit dates read (one `git log` for the whole history).
   * A build that renders only what a save changed starts from the `previous` build's state: the
   * front matter Eleventy does not read again, what the Markdown of the pages it does not render
   * said, and the commit dates.
   */
  static async start(place: BuildPlace, previous?: BuildState, changed: readonly string[] = []): Promise<BuildState> {
    if (!previous?.built) return new BuildState(place, await lastCommitDates(place.inputDir));
    const state = new BuildState(place, previous.commitDates, previous.built);
    for (const [file, text] of previous.frontMatter) state.frontMatter.set(file, text);
    state.known = previous.known;
    state.feedBefore = previous.feed;
    state.#modified = new Map(previous.#modified);
    for (const file of changed) {
      state.#updatedBefore.set(file, previous.lastUpdated(file));
      state.#modified.delete(file);
    }
    state.facts.carryOver(previous.facts);
    return state;
  }

  /** The library, when it has been built. */
  get built(): Library | undefined {
    return this.#content?.library;
  }

  /**
   * The library, built by `build` the first time it is asked for in this build and kept; its
   * problems are reported after the pages, with theirs.
   */
  library(build: (state: BuildState) => Promise<ContentResult>): Promise<Library> {
    this.#building ??= build(this).then((content) => {
      this.#content = content;
      return content.library;
    });
    return this.#building;
  }

  /** The library and the facts its checks looked at; built before any page renders. */
  get content(): ContentResult {
    if (!this.#content) throw new Error("minibooks: the library is used before it is built.");
    return this.#content;
  }

  /**
   * The view of the page at a URL, computed once: a content page's from its front matter and what
   * its Markdown said, the site's own pages (404, print, sitemap, redirects) from the library.
   */
  view(url: string, site: SiteSettings): PageView {
    let view = this.#views.get(url);
    if (!view) {
      view = this.#makeView(url, site);
      this.#views.set(url, view);
    }
    return view;
  }

  #makeView(url: string, site: SiteSettings): PageView {
    const { library } = this.content;
    this.#pagesByUrl ??= new Map(this.content.facts.pages.map((page) => [page.url, page]));
    const page = this.#pagesByUrl.get(url);
    const context: ViewContext = { site, library };
    if (page) {
      const facts = this.facts.pages.get(url);
      const picture = (src: string, alt: string) =>
        this.facts.picture(src, {
          alt,
          loading: "eager",
          fetchpriority: "high",
          decoding: "async",
          sizes: HEADER_SIZES,
        });
      const source: ViewSource = { ...page.data, url, file: page.file };
      const socialImage = (src: string) => this.facts.socialImage(src);
      return pageView(source, {
        ...context,
        headings: facts?.headings,
        words: facts?.words,
        updated: this.lastUpdated(page.file),
        picture,
        socialImage,
      });
    }
    const unread = this.content.facts.files.find((file) => !file.page && urlForFile(file.file) === url);
    if (unread) {
      // A page whose front matter has problems still renders, so its links, images and text are
      // checked with everything else; the build fails on its problems, so it is never published.
      const facts = this.facts.pages.get(url);
      const title = typeof unread.found?.title === "string" ? unread.found.title : unread.file;
      return pageView(
        { url, file: unread.file, title },
        { ...context, headings: facts?.headings, words: facts?.words },
      );
    }
    if (url === NOT_FOUND.url) return pageView(NOT_FOUND, context);
    if (url === SITEMAP_URL) {
      // In URL order, folder by folder (a page before the pages under it), whatever order the files
      // were found in; each address escaped as a URL must be.
      const pages = [...this.content.facts.pages].sort((a, b) => byPath(a.url, b.url));
      const sitemap = pages.map((p) => {
        const updated = this.lastUpdated(p.file);
        return { loc: escapeUrl(absoluteUrl(p.url, site.url)), lastmod: updated && isoDate(updated) };
      });
      return { ...pageView({ url, title: "Sitemap" }, context), sitemap };
    }
    const redirect = library.redirects.find((r) => r.from === url);
    if (redirect) return redirectView(redirect, context);
    const book = library.books.find((b) => printUrl(b) === url);
    if (book) {
      const source = { url, title: `${book.title}, the whole book`, description: book.description };
      // Each chapter's sections one level below its title, ids kept apart, links between chapters kept on the page.
      const places = new Map(book.chapters.map((chapter, i) => [chapter.url, `chapter-${i + 1}`]));
      const chapters = book.chapters.map((chapter) => {
        const html = this.facts.html.get(chapter.url);
        if (html === undefined) throw new Error(`minibooks: ${url} needs ${chapter.url}, which has not been rendered.`);
        const id = places.get(chapter.url)!;
        return { chapter, id, html: printChapter(html, { prefix: id, chapters: places }) };
      });
      // The page repeats the chapters: search engines are sent to the book's home instead.
      const canonicalUrl = absoluteUrl(book.url, site.url);
      return { ...pageView(source, context), canonicalUrl, noindex: true, book, print: { book, chapters } };
    }
    throw new Error(
      `minibooks: no page view for ${url}: it is neither a content page nor one of the site's own pages.`,
    );
  }

  /**
   * The text the library reads for a content file: its front matter as Eleventy read it, and the
   * text after it (`body`, as Eleventy read it too), whose words give the reading time. A file
   * that has no front matter is read from disk, so its problem says what it holds instead (empty,
   * no `---`).
   */
  async source(file: string, body?: string): Promise<string> {
    const yaml = this.frontMatter.get(file);
    return yaml === undefined
      ? readFile(path.join(this.place.inputDir, file), "utf8")
      : `---${yaml}\n---\n${body ?? ""}`;
  }

  /** A content file's first byte that is not UTF-8, read from disk only when its text shows there may be one. */
  async badByte(file: string, text: string): Promise<BadByte | undefined> {
    if (!text.includes("\uFFFD")) return undefined;
    return sourceOf(file, await readFile(path.join(this.place.inputDir, file))).badByte;
  }

  /** When a content file last changed: its last commit, or else its modification time. */
  lastUpdated(file: string): Date | undefined {
    const committed = this.commitDates.get(file);
    if (committed) return committed;
    if (!this.#modified.has(file))
      this.#modified.set(file, statSync(path.join(this.place.inputDir, file), { throwIfNoEntry: false })?.mtime);
    return this.#modified.get(file);
  }

  /** When a file the partial build is for last changed, as the previous build saw it. */
  updatedBefore(file: string): Date | undefined {
    return this.#updatedBefore.get(file);
  }
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
