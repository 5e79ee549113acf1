import { site } from "../site-settings.js";
import type { BadByte } from "./characters.js";
import { runContentChecks, type Check, type ContentFacts } from "./checks.js";
import { misplacedPageProblem } from "./file-names.js";
import { assembleLibrary, PAGES_DIR, type LibraryResult, type PageInput } from "./library.js";
import { pageFileReader, type PageFile, type PageRules } from "./page.js";

/** A content file's path (relative to the content root) and its text. */
export interface Source {
  file: string;
  text: string;
  /** The file's first byte that is not UTF-8, when it has one (its text holds "\uFFFD" there). */
  badByte?: BadByte;
}

/** Options for turning sources into a library. */
export interface ContentOptions extends PageRules {
  /** Keep `draft: true` pages in the library (the dev server does; production does not). */
  drafts?: boolean;
  /** The checks to run; every content check by default. */
  checks?: readonly Check[];
  /** Drafts left out before reading (URL to file), so links and chapters to them can say so. */
  draftsLeftOut?: ReadonlyMap<string, string>;
  /**
   * Files read before, with the text they were read from: a source with the same text is not
   * read again (the dev server, after a save of one page, reads that page alone).
   */
  known?: ReadonlyMap<string, KnownFile>;
}

/** A content file as it was read, and the text it was read from. */
export interface KnownFile {
  text: string;
  read: PageFile;
}

/** Each source's file as read, by file, for the next `readContent` to take as `known`. */
export function knownFiles(sources: readonly Source[], files: readonly PageFile[]): Map<string, KnownFile> {
  return new Map(sources.map(({ file, text }, i) => [file, { text, read: files[i] }]));
}

/** The library, the problems of the content checks, and the facts they looked at. */
export interface ContentResult extends LibraryResult {
  facts: ContentFacts;
  /** What the problems kept from being checked, one sentence each. */
  skipped: string[];
}

/** Reads every source, builds the library and runs the content checks: all problems, none thrown. */
export function readContent(sources: readonly Source[], options: ContentOptions = {}): ContentResult {
  const categories = options.categories ?? site.categories;
  const read = pageFileReader({ categories });
  const files: PageFile[] = sources.map(({ file, text }) => {
    const known = options.known?.get(file);
    return known?.text === text ? known.read : read(file, text);
  });
  // A page in a folder inside pages/ is not published (the file-names check says so).
  const pages: PageInput[] = files.flatMap(({ page }) =>
    page && (options.drafts || !page.data.draft) && !misplacedPageProblem(page.file) ? [page] : [],
  );
  const drafts = new Map(options.draftsLeftOut);
  for (const { page } of files) if (page?.data.draft && !options.drafts) drafts.set(page.url, page.file);
  const badBytes = new Map(sources.flatMap(({ file, badByte }) => (badByte ? [[file, badByte] as const] : [])));
  const facts: ContentFacts = { files, pages, library: assembleLibrary(pages), categories, drafts, badBytes };
  return {
    library: facts.library,
    problems: runContentChecks(facts, options.checks),
    facts,
    skipped: skippedChecks(files),
  };
}

/** What the front matter problems of some files kept from being checked, in them and in others. */
function skippedChecks(files: readonly PageFile[]): string[] {
  const unread = new Set(files.filter((file) => !file.page).map((file) => file.file));
  const waiting = files.flatMap(({ page }) => {
    const home = page?.data.book === undefined ? undefined : `${PAGES_DIR}/${page.data.book}.md`;
    return page && home && unread.has(home)
      ? [
          `${page.file}: its place in book "${page.data.book}" was not checked, because ${home} has the front matter problems above.`,
        ]
      : [];
  });
  return [...files.flatMap((file) => (file.skipped ? [file.skipped] : [])), ...waiting];
}
