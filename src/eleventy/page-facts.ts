import type { Place } from "../book/page-content.js";
import { bodyStartOf, emptyMarkdownRecord, type MarkdownRecord, PageRecords } from "../book/page-record.js";
import { entryOf } from "../book/map-entry.js";
import { judgeUrl } from "../book/url-policy.js";
import { resolveRelativeUrl } from "../book/urls.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Pictures } from "./pictures.js";

/** A page's Markdown record with the URL it is published at, as the site checks read it. */
export type BuiltPage = MarkdownRecord & { url: string };

/**
 * The store one build's Markdown pass fills: each page's record (what its Markdown held, its HTML),
 * the pictures to generate, and the drafts left out. Nothing parses HTML afterwards.
 */
export class BuildFacts {
  /** The pictures this build makes, and those it could not. */
  readonly pictures: Pictures;
  /** Drafts left out of this build: their URL and file, so links to them can say so. */
  readonly drafts = new Map<string, string>();

  constructor(
    readonly inputDir: string,
    readonly outputDir: string,
    /** The build's page records, which the Markdown pass completes. */
    readonly records: PageRecords = new PageRecords(),
    /** False when the build writes no file: its pictures are read, and no copy of them made. */
    writesFiles = true,
  ) {
    this.pictures = new Pictures(inputDir, outputDir, writesFiles);
  }

  /** Fresh Markdown facts for the page of a file, whose Markdown is rendering now; they replace any it had. */
  page(file: string, draft = false): MarkdownRecord {
    const record = this.records.of(file);
    record.markdown = emptyMarkdownRecord(file, draft);
    record.html = undefined;
    return record.markdown;
  }

  /** What the Markdown of the page at a URL held, once it has rendered in this build or one it goes on from. */
  pageAt(url: string): MarkdownRecord | undefined {
    return this.records.at(url)?.markdown;
  }

  /** The HTML of the page at a URL's Markdown, as it stands inside the page, once it has rendered. */
  htmlAt(url: string): string | undefined {
    return this.records.at(url)?.html;
  }

  /** Keeps the HTML a page's Markdown became, when its facts are being recorded. */
  rendered(url: string, html: string): void {
    const record = this.records.at(url);
    if (record?.markdown) record.html = html;
  }

  /** Forgets what the Markdown of the pages whose URLs `keep` does not pick held (pages deleted or renamed since). */
  keepPages(keep: (url: string) => boolean): void {
    for (const record of this.records.all()) {
      if (keep(record.url)) continue;
      record.markdown = undefined;
      record.html = undefined;
    }
  }

  /** Every page whose Markdown has rendered, with its URL. */
  built(): BuiltPage[] {
    return this.records.all().flatMap((record) => (record.markdown ? [{ ...record.markdown, url: record.url }] : []));
  }

  /**
   * Resolves a URL written in a page against its file, records it for the link check, and
   * returns it resolved.
   */
  link(facts: MarkdownRecord, written: string, tag: string, place: Place & { alt?: string } = {}): string {
    // Each address is judged and resolved once per page however often the page writes it: a
    // chapter can hold a hundred thousand links.
    // A refused address is never written into a page; the check reports it as written.
    const url = entryOf(
      entryOf(this.#resolved, facts, () => new Map<string, string>()),
      written,
      () => (judgeUrl(written).ok ? resolveRelativeUrl(written, facts.file) : "about:invalid"),
    );
    facts.links.push({ url, written, tag, ...place });
    return url;
  }

  /** The URL each address a page's Markdown wrote resolves to, by the page's facts. */
  readonly #resolved = new WeakMap<MarkdownRecord, Map<string, string>>();

  /** 0-based line of a file's body: the line after its front matter, as its record says. */
  bodyStart(file: string): number {
    const record = this.records.of(file);
    if (record.bodyStart === undefined) {
      // A page rendered without front matter Eleventy read (as in a test) is read from disk, once.
      let text = "";
      try {
        text = readFileSync(path.join(this.inputDir, file), "utf8");
      } catch {
        // no such file: its body starts on its first line
      }
      record.bodyStart = bodyStartOf(text);
    }
    return record.bodyStart;
  }
}
