import type { KnownFile } from "./content.js";
import { splitFrontMatter } from "./front-matter.js";
import type { FrontMatterRecord } from "./front-matter-record.js";
import type { HtmlIssue, MarkupFault } from "./html-policy.js";
import { urlForFile } from "./library.js";
import type { PageLink } from "./links.js";
import type { Problem } from "./problem.js";
import type { HtmlElementFact, MarkdownFacts, Place } from "./page-content.js";

/** A heading of a page's Markdown: its level, its id and its text without markup. */
export interface Heading {
  level: number;
  id: string;
  text: string;
}

/** What the Markdown pass found in a page, once, while it rendered: links, ids, headings and raw HTML. */
export interface MarkdownRecord extends MarkdownFacts {
  links: PageLink[];
  html: HtmlElementFact[];
  markupFaults: (Place & { fault: MarkupFault })[];
  misplaced: (Place & HtmlIssue)[];
  fences: (Place & { language: string })[];
  titleHeadings: Place[];
  placeholders: (Place & { text: string })[];
  /** Every id a `#fragment` may name: headings and ids in the author's HTML. */
  ids: Set<string>;
  /** h2 and h3 headings, in order: the page's contents, its EPUB chapter's sections. */
  headings: Heading[];
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

/**
 * Everything one build knows of one content file, each fact computed once: its front matter (read
 * as Eleventy reads the file), the file as the library read it (its verdict, words and header
 * picture), and what its Markdown held and became while it rendered.
 */
export interface PageRecord {
  /** Path relative to the content root. */
  file: string;
  /** The URL it is published at. */
  url: string;
  /** Its front matter, when Eleventy found a block of it. */
  frontMatter?: FrontMatterRecord;
  /** 0-based line its body starts at: after its front matter, or its last good save's. */
  bodyStart?: number;
  /** The page as it was at its last good save, when the dev server shows that instead. */
  kept?: KeptPage;
  /** When the file was last modified on disk, once asked (undefined when it has no such file). */
  modified?: { date: Date | undefined };
  /** The file as the library read it, and the text it read it from. */
  known?: KnownFile;
  /** What its Markdown held, once it has rendered. */
  markdown?: MarkdownRecord;
  /** Its Markdown as HTML, as it stands inside the page, once it has rendered. */
  html?: string;
}

/**
 * 0-based line of the body of a file's text, where the front matter reader splits it: after the
 * closing `---`; the first line when there is no front matter; past the end when it never closes.
 */
export function bodyStartOf(text: string): number {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const { block, skipped } = splitFrontMatter("", lines);
  if (block) return block.bodyStart;
  // Front matter never closed holds the whole file.
  return skipped ? lines.split("\n").length : 0;
}

/** An empty Markdown record for a page about to render. */
export function emptyMarkdownRecord(file: string, draft: boolean): MarkdownRecord {
  return {
    file,
    draft,
    links: [],
    html: [],
    markupFaults: [],
    misplaced: [],
    fences: [],
    titleHeadings: [],
    placeholders: [],
    ids: new Set(),
    headings: [],
  };
}

/**
 * The records of one build's content files, by file and by URL. A dev server's build that renders
 * only what a save changed starts from the last build's records, less those of the changed files.
 */
export class PageRecords {
  readonly #byFile = new Map<string, PageRecord>();
  readonly #byUrl = new Map<string, PageRecord>();

  /** The records of `previous` but those of the `changed` files, for a build that goes on from it. */
  static carriedOver(previous: PageRecords, changed: readonly string[]): PageRecords {
    const records = new PageRecords();
    for (const record of previous.#byFile.values()) if (!changed.includes(record.file)) records.#put({ ...record });
    return records;
  }

  /** The record of a file, made empty the first time it is asked for. */
  of(file: string): PageRecord {
    return this.#byFile.get(file) ?? this.#put({ file, url: urlForFile(file) });
  }

  /** The record of a file, when the build has one. */
  get(file: string): PageRecord | undefined {
    return this.#byFile.get(file);
  }

  /** The record of the page at a URL, when the build has one. */
  at(url: string): PageRecord | undefined {
    return this.#byUrl.get(url);
  }

  /** Every record, in the order their files were first met. */
  all(): PageRecord[] {
    return [...this.#byFile.values()];
  }

  #put(record: PageRecord): PageRecord {
    this.#byFile.set(record.file, record);
    this.#byUrl.set(record.url, record);
    return record;
  }
}
