import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BadByte } from "../book/characters.js";
import type { ContentResult, KnownFile, Source } from "../book/content.js";
import { parseFrontMatter, splitFrontMatter } from "../book/front-matter.js";
import { headerImageOf, printUrl, urlForFile, type Library, type PageInput } from "../book/library.js";
import type { PageFile, PageResult } from "../book/page.js";
import type { Problem } from "../book/problem.js";
import { escapeUrl } from "../book/urls.js";
import { commitDates, type CommitDates } from "../content/git-dates.js";
import { fileHistory, type FileChange } from "../content/git-history.js";
import { sourceOf } from "../content/load.js";
import type { SiteSettings } from "../site-settings.js";
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
import type { RunMode } from "./adapter.js";
import { BuildFacts } from "./page-facts.js";
import { printChapter } from "../print/print-chapter.js";
import { FEED_URL, NOT_FOUND, SITEMAP_URL } from "./site-pages.js";
import { feedView } from "../view/feed.js";
import { chapterChanges, type ChapterChange } from "../view/whats-new.js";

/** How wide a header picture is shown, for the browser to pick a file. */
const HEADER_SIZES = "(min-width: 48rem) 42rem, 100vw";

/** Where a build reads and writes, and how it runs. */
export interface BuildPlace {
  inputDir: string;
  outputDir: string;
  runMode: RunMode;
}

/** What the build starts from: the dev server's earlier builds. */
export interface BuildStart {
  /**
   * The last build that wrote its pages, when this one renders only what a save changed: the
   * pages it does not render stay as that build wrote them.
   */
  previous?: BuildState;
  /** The content files the save changed, relative to the content root, for a build that starts from `previous`. */
  changed?: readonly string[];
  /** The dev server's last build, whatever its end: the pages' last good versions go on from it. */
  last?: BuildState;
}

/**
 * A content page as it was at its last good save, which the dev server shows while the page's
 * front matter does not read: its text, its front matter values and its body.
 */
export interface KeptPage {
  /** The whole text of the last good save. */
  text: string;
  /** Its front matter, as read. */
  values: Readonly<Record<string, unknown>>;
  /** Its body: the text after the front matter. */
  body: string;
  /** 0-based line of the body in the file. */
  bodyStart: number;
  /** The problems of the file as it is saved now. */
  problems: readonly Problem[];
}

/** Reads a content file's front matter and judges it (`pageReader` of src/book/page.ts). */
export type PageJudge = (file: string, text: string) => PageResult;

/**
 * Everything one build learns, in one object made when the build starts (`eleventy.before`) and
 * handed to whatever needs it: front matter texts, what each page's Markdown said, the library and
 * its checks' facts, and the files' last-change dates. Nothing of it outlives the build but the
 * pages' last good versions, which the dev server's next build goes on from.
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
  /** The URLs of the chapters the feed lists, once the feed's collection is made. */
  feed: readonly string[] = [];
  /** The changes to chapters the feed lists, newest first, once the feed's collection is made. */
  feedChanges: readonly ChapterChange[] = [];
  /** The previous build's `feed`, for a partial build. */
  feedBefore: readonly string[] = [];
  /** Each content file's modification time, read once; a partial build reads the changed files' again. */
  #modified = new Map<string, Date | undefined>();
  /** The changed files' last-change dates in the previous build, for a partial build. */
  readonly #updatedBefore = new Map<string, Date | undefined>();
  /**
   * The text of each content page at its last save whose front matter read, by file: the dev
   * server shows a page as it was then while its front matter does not read. Shared by the dev
   * server's builds, each adding what it read.
   */
  #lastGood = new Map<string, string>();
  /** The pages this build shows as they were at their last good save, by file. */
  readonly kept = new Map<string, KeptPage>();
  /** The content files whose front matter Eleventy read in this build (a file without any is not among them). */
  readonly #frontMatterRead = new Set<string>();
  /** The files the save changed, when this build renders only what they change. */
  #changed: readonly string[] | undefined;

  private constructor(
    readonly place: BuildPlace,
    /** Dates of the first and last commit of each content file, by path relative to the content root. */
    private readonly commits: Readonly<CommitDates>,
    /** Every commit that changed each content file, newest first, by path relative to the content root. */
    readonly history: ReadonlyMap<string, readonly FileChange[]>,
    /**
     * The library of the dev server's previous build, when this one renders only the pages a save
     * changed: the pages it does not render stay as that build wrote them.
     */
    readonly before?: Library,
  ) {
    this.facts = new BuildFacts(place.inputDir, place.outputDir);
  }

  /**
   * A build's state, with the content's commit dates and each file's changes read (`git log`s for
   * the whole history, not one per file).
   * A build that renders only what a save changed starts from the `previous` build's state: the
   * front matter Eleventy does not read again, what the Markdown of the pages it does not render
   * said, the pages kept at their last good save that the save did not touch, and the commit dates.
   */
  static async start(place: BuildPlace, { previous, changed = [], last }: BuildStart = {}): Promise<BuildState> {
    const state = previous?.built
      ? new BuildState(place, previous.commits, previous.history, previous.built)
      : new BuildState(place, ...(await Promise.all([commitDates(place.inputDir), fileHistory(place.inputDir)])));
    if (last) state.#lastGood = last.#lastGood;
    if (!previous?.built) return state;
    state.#changed = changed;
    for (const [file, text] of previous.frontMatter) if (!changed.includes(file)) state.frontMatter.set(file, text);
    for (const [file, kept] of previous.kept) if (!changed.includes(file)) state.kept.set(file, kept);
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
   * problems are reported after the pages, with theirs, and with the problems of the pages shown
   * as they were at their last good save.
   */
  library(build: (state: BuildState) => Promise<ContentResult>): Promise<Library> {
    this.#building ??= build(this).then((content) => {
      const kept = [...this.kept];
      this.#content =
        kept.length === 0
          ? content
          : {
              ...content,
              problems: [...kept.flatMap(([, page]) => page.problems), ...content.problems],
              skipped: [
                ...kept.map(
                  ([file]) =>
                    `${file}: what changed in it since its last good save; the preview shows it as it was then, body included, until its front matter reads.`,
                ),
                ...content.skipped,
              ],
            };
      return content.library;
    });
    return this.#building;
  }

  /**
   * Notes each file whose front matter read in this build's library, with the text it was read
   * from: the last good save the dev server goes back to.
   */
  rememberGood(sources: readonly Source[], files: readonly PageFile[]): void {
    if (this.place.runMode === "build") return;
    sources.forEach(({ file, text }, i) => {
      if (files[i]?.page && !this.kept.has(file)) this.#lastGood.set(file, text);
    });
  }

  /**
   * Called as Eleventy reads a content file's front matter (`frontMatter`, the YAML between the
   * `---` lines; undefined when the file has none): in the dev server, when the file as saved has
   * front matter that does not read (a YAML mistake, a wrong value, none at all) and the page read
   * well before, the page as it was at that last good save, which this build renders and the
   * library reads instead, the problems of the saved file reported. Undefined otherwise: the file
   * is read as it is.
   */
  keep(file: string, frontMatter: string | undefined, judge: PageJudge): KeptPage | undefined {
    if (frontMatter !== undefined) this.#frontMatterRead.add(file);
    const good = this.#lastGood.get(file);
    if (this.place.runMode === "build" || good === undefined) return undefined;
    // Eleventy's reading of a file is not ours (front matter never closed reads to its end, say):
    // the file is judged as saved.
    let saved: string;
    try {
      saved = readFileSync(path.join(this.place.inputDir, file), "utf8");
    } catch {
      return undefined;
    }
    if (saved === good) return undefined;
    const now = judge(file, saved);
    if (now.page) return undefined;
    const kept = keptPage(file, good, now.problems);
    if (kept) this.kept.set(file, kept);
    return kept;
  }

  /**
   * The page a preprocessor renders for a content file instead of the file as Eleventy read it:
   * its last good save, when the dev server keeps the page at that (see `keep`). A file Eleventy
   * read in this build without a front matter block (empty, or none at all) is judged here.
   */
  keptPage(file: string, judge: PageJudge): KeptPage | undefined {
    const kept = this.kept.get(file);
    if (kept) return kept;
    const read = this.#changed === undefined || this.#changed.includes(file);
    if (!read || this.#frontMatterRead.has(file)) return undefined;
    return this.keep(file, undefined, judge);
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
      const committed = (file: string) => this.commits.last.get(file);
      const home = library.bookAt(url);
      return pageView(source, {
        ...context,
        headings: facts?.headings,
        words: facts?.words,
        updated: this.lastUpdated(page.file),
        picture,
        socialImage,
        committed,
        changes: home ? chapterChanges(home.chapters, this.history, committed) : undefined,
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
    if (url === FEED_URL) {
      const html = (chapterUrl: string) => {
        const found = this.facts.html.get(chapterUrl);
        if (found === undefined) throw new Error(`minibooks: ${url} needs ${chapterUrl}, which has not been rendered.`);
        return found;
      };
      return {
        ...pageView({ url, title: site.title }, context),
        feed: feedView(this.feedChanges, html, site.url, url),
      };
    }
    const redirect = library.redirects.find((r) => r.from === url);
    if (redirect) return redirectView(redirect, context);
    const book = library.books.find((b) => printUrl(b) === url);
    if (book) {
      const source = { url, title: `${book.title}, the whole book`, description: book.description };
      const rendered = (pageUrl: string) => {
        const html = this.facts.html.get(pageUrl);
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
        this.facts.picture(src, { alt, loading: "eager", decoding: "async", sizes: HEADER_SIZES });
      const pictureContext = { ...context, picture };
      const chapters = book.chapters.map((chapter) => {
        const id = places.get(chapter.url)!;
        const html = printChapter(rendered(chapter.url), { prefix: id, chapters: places });
        return { chapter, id, html, image: headerImageView(chapter.image, pictureContext) };
      });
      const image = headerImageView(headerImageOf(book.file, book), pictureContext);
      // The page repeats the chapters: search engines are sent to the book's home instead.
      const canonicalUrl = absoluteUrl(book.url, site.url);
      const print = { book, image, introduction, chapters };
      return { ...pageView(source, context), canonicalUrl, noindex: true, book, print };
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
    const kept = this.kept.get(file);
    if (kept) return kept.text;
    const yaml = this.frontMatter.get(file);
    // An empty body may be front matter never closed, which Eleventy reads to the end of the file.
    return yaml === undefined || !body
      ? readFile(path.join(this.place.inputDir, file), "utf8")
      : `---${yaml}\n---\n${body}`;
  }

  /** A content file's first byte that is not UTF-8, read from disk only when its text shows there may be one. */
  async badByte(file: string, text: string): Promise<BadByte | undefined> {
    if (!text.includes("\uFFFD")) return undefined;
    return sourceOf(file, await readFile(path.join(this.place.inputDir, file))).badByte;
  }

  /** When a content file last changed: its last commit, or else its modification time. */
  lastUpdated(file: string): Date | undefined {
    const committed = this.commits.last.get(file);
    if (committed) return committed;
    if (!this.#modified.has(file))
      this.#modified.set(file, statSync(path.join(this.place.inputDir, file), { throwIfNoEntry: false })?.mtime);
    return this.#modified.get(file);
  }

  /** When a content file was first published: its first commit, or else when it last changed. */
  firstPublished(file: string): Date | undefined {
    return this.commits.first.get(file) ?? this.lastUpdated(file);
  }

  /** When a file the partial build is for last changed, as the previous build saw it. */
  updatedBefore(file: string): Date | undefined {
    return this.#updatedBefore.get(file);
  }
}

/** A page's last good save, read: undefined when it does not read (never, as it read when saved). */
function keptPage(file: string, text: string, problems: readonly Problem[]): KeptPage | undefined {
  const lines = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .split("\n");
  const { block } = splitFrontMatter(file, lines.join("\n"));
  const values = block && parseFrontMatter(file, block.yaml, block.firstLine).data;
  if (!block || !values) return undefined;
  const body = lines.slice(block.bodyStart).join("\n");
  return { text, values, body, bodyStart: block.bodyStart, problems };
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
