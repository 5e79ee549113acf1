import { readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BadByte } from "../book/characters.js";
import type { ContentResult, KnownFile, Source } from "../book/content.js";
import { parseFrontMatter, splitFrontMatter } from "../book/front-matter.js";
import { readFrontMatter } from "../book/front-matter-record.js";
import { urlForFile, type Library, type PageInput } from "../book/library.js";
import { type PageFile, type PageResult, siteFrontMatter } from "../book/page.js";
import { type KeptPage, PageRecords } from "../book/page-record.js";
import type { Problem } from "../book/problem.js";
import type { CommitDates } from "../content/git-dates.js";
import { datesAndHistory, type FileChange } from "../content/git-history.js";
import { sourceOf } from "../content/load.js";
import type { SiteSettings } from "../site-settings.js";
import type { PageView } from "../view/page-view.js";
import type { ChapterChange } from "../view/whats-new.js";
import type { RunMode } from "./config-types.js";
import { BuildFacts } from "./page-facts.js";
import { makeView } from "./page-views.js";

export type { KeptPage } from "../book/page-record.js";

/** Where a build reads and writes, and how it runs. */
export interface BuildPlace {
  inputDir: string;
  outputDir: string;
  runMode: RunMode;
  /** False when the build writes no file of the site (`npm run check`'s). */
  writesFiles: boolean;
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

/** Where the steps of a build find its state: the build running now. */
export interface CurrentBuild {
  /** The state of the build running now; throws when no build has started. */
  readonly current: BuildState;
}

/** Reads a content file's front matter and judges it (`pageReader` of src/book/page.ts). */
export type PageJudge = (file: string, text: string) => PageResult;

/**
 * Everything one build learns, in one object made when the build starts (`eleventy.before`) and
 * handed to whatever needs it: a record of each content file (its front matter, read once, what the
 * library read, what its Markdown said), the library and its checks' facts, and the files'
 * last-change dates. Nothing of it outlives the build but the pages' last good versions, which the
 * dev server's next build goes on from, and the records a partial build starts from.
 */
export class BuildState {
  /** What the pages' Markdown said about them while it rendered, their records, and the pictures it asked for. */
  readonly facts: BuildFacts;
  #content: ContentResult | undefined;
  #building: Promise<Library> | undefined;
  #pagesByUrl: Map<string, PageInput> | undefined;
  #unreadByUrl: Map<string, PageFile> | undefined;
  readonly #views = new Map<string, PageView>();

  /** The URL of every page of the site, written in this build or not, once Eleventy knows them. */
  readonly urls = new Set<string>();
  /** The URLs of the chapters the feed lists, once the feed's collection is made. */
  feed: readonly string[] = [];
  /** The changes to chapters the feed lists, newest first, once the feed's collection is made. */
  feedChanges: readonly ChapterChange[] = [];
  /** The previous build's `feed`, for a partial build. */
  feedBefore: readonly string[] = [];
  /** The changed files' last-change dates in the previous build, for a partial build. */
  readonly #updatedBefore = new Map<string, Date | undefined>();
  /**
   * The text of each content page at its last save whose front matter read, by file: the dev
   * server shows a page as it was then while its front matter does not read. Shared by the dev
   * server's builds, each adding what it read, whatever their end.
   */
  #lastGood = new Map<string, string>();
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
    records = new PageRecords(),
  ) {
    this.facts = new BuildFacts(place.inputDir, place.outputDir, records, place.writesFiles);
  }

  /**
   * A build's state, with the content's commit dates and each file's changes read (`git log`s for
   * the whole history, not one per file).
   * A build that renders only what a save changed starts from the `previous` build's state: the
   * records of the files the save did not touch (their front matter, what the library read, what
   * their Markdown said, their last good save), the pictures already made, and the commit dates.
   */
  static async start(place: BuildPlace, { previous, changed = [], last }: BuildStart = {}): Promise<BuildState> {
    const state = previous?.built
      ? new BuildState(
          place,
          previous.commits,
          previous.history,
          previous.built,
          PageRecords.carriedOver(previous.records, changed),
        )
      : new BuildState(place, ...(await datesAndHistory(place.inputDir)));
    if (last) state.#lastGood = last.#lastGood;
    if (!previous?.built) return state;
    state.#changed = changed;
    state.feedBefore = previous.feed;
    for (const file of changed) state.#updatedBefore.set(file, previous.lastUpdated(file));
    state.facts.pictures.carryOver(previous.facts.pictures);
    return state;
  }

  /** Every content file's record: one map, which a partial build starts from. */
  get records(): PageRecords {
    return this.facts.records;
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

  /** Each content file as the library last read it, with its text: a partial build reads only the changed ones. */
  knownFiles(): ReadonlyMap<string, KnownFile> {
    return new Map(this.records.all().flatMap((record) => (record.known ? [[record.file, record.known]] : [])));
  }

  /** Notes each file as the library read it, with the text it read it from, in its record. */
  noteKnown(files: ReadonlyMap<string, KnownFile>): void {
    for (const [file, known] of files) this.records.of(file).known = known;
  }

  /** The pages this build shows as they were at their last good save, by file. */
  get kept(): ReadonlyMap<string, KeptPage> {
    return new Map(this.records.all().flatMap((record) => (record.kept ? [[record.file, record.kept]] : [])));
  }

  /** The page the library holds at a URL (drafts left out of a production build are not). */
  pageAt(url: string): PageInput | undefined {
    this.#pagesByUrl ??= new Map(this.content.facts.pages.map((page) => [page.url, page]));
    return this.#pagesByUrl.get(url);
  }

  /** The content file at a URL whose front matter could not be read: it renders, to be checked, and fails the build. */
  unreadAt(url: string): PageFile | undefined {
    this.#unreadByUrl ??= new Map(
      this.content.facts.files.flatMap((file) => (file.page ? [] : [[urlForFile(file.file), file] as const])),
    );
    return this.#unreadByUrl.get(url);
  }

  /**
   * Notes each file whose front matter read in this build's library, with the text it was read
   * from: the last good save the dev server goes back to.
   */
  rememberGood(sources: readonly Source[], files: readonly PageFile[]): void {
    if (this.place.runMode === "build") return;
    sources.forEach(({ file, text }, i) => {
      if (files[i]?.page && !this.records.get(file)?.kept) this.#lastGood.set(file, text);
    });
  }

  /**
   * Eleventy's reading of a content file's front matter (the text between its `---` lines), the
   * one parse of it a build makes: kept in the file's record, with where its body starts, for the
   * library and the Markdown pass. Returns the values Eleventy may see (`siteFrontMatter`): the
   * last good save's when the dev server shows the page as it was then (see `keep`).
   */
  readFrontMatter(file: string, text: string, judge: PageJudge): Record<string, unknown> {
    const record = this.records.of(file);
    const kept = this.keep(file, text, judge);
    if (kept) {
      record.bodyStart = kept.bodyStart;
      return siteFrontMatter(kept.values);
    }
    const read = readFrontMatter(file, text);
    // The text runs from the end of the opening "---" line to the start of the closing one.
    record.bodyStart = read?.block.bodyStart ?? text.split("\n").length + 1;
    // Front matter that does not read is read again from the file on disk, so its problems say what it holds.
    if (!read?.parsed.data) return {};
    record.frontMatter = read;
    return siteFrontMatter(read.parsed.data);
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
    if (kept) this.records.of(file).kept = kept;
    return kept;
  }

  /**
   * The page a preprocessor renders for a content file instead of the file as Eleventy read it:
   * its last good save, when the dev server keeps the page at that (see `keep`). A file Eleventy
   * read in this build without a front matter block (empty, or none at all) is judged here.
   */
  keptPage(file: string, judge: PageJudge): KeptPage | undefined {
    const kept = this.records.get(file)?.kept;
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
      view = makeView(this, url, site);
      this.#views.set(url, view);
    }
    return view;
  }

  /**
   * The text the library reads for a content file: its front matter as Eleventy read it, and the
   * text after it (`body`, as Eleventy read it too), whose words give the reading time. A file
   * that has no front matter is read from disk, so its problem says what it holds instead (empty,
   * no `---`).
   */
  async source(file: string, body?: string): Promise<string> {
    const record = this.records.get(file);
    if (record?.kept) return record.kept.text;
    const yaml = record?.frontMatter?.text;
    // An empty body may be front matter never closed, which Eleventy reads to the end of the file.
    return yaml === undefined || !body
      ? readFile(path.join(this.place.inputDir, file), "utf8")
      : `---${yaml}\n---\n${body}`;
  }

  /**
   * A content file as the library reads it (see `source`), with its front matter as Eleventy's
   * reading parsed it when the text is made of that, so it is not parsed again, and its first byte
   * that is not UTF-8, if any.
   */
  async sourceOf(file: string, body?: string): Promise<Source> {
    const record = this.records.get(file);
    const text = await this.source(file, body);
    const frontMatter = !record?.kept && body ? record?.frontMatter : undefined;
    const badByte = await this.badByte(file, text);
    return { file, text, ...(frontMatter ? { frontMatter } : {}), ...(badByte ? { badByte } : {}) };
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
    const record = this.records.of(file);
    record.modified ??= { date: statSync(path.join(this.place.inputDir, file), { throwIfNoEntry: false })?.mtime };
    return record.modified.date;
  }

  /** When a content file was last committed, if it was. */
  committed(file: string): Date | undefined {
    return this.commits.last.get(file);
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
