import { servedFile, type Book, type Chapter, type Library, type Neighbour } from "./library.js";
import { linkToFile } from "./links.js";
import type { Problem } from "./problem.js";

/** A chapter's place at one side of the diff. */
export interface ChapterState {
  file: string;
  url: string;
  title: string;
  /** The number the author gave. */
  number: number;
  /** 1-based place in the book. */
  position: number;
}

/** What happened to a chapter, in the order a reviewer reads them. */
export type ChapterChangeKind = "added" | "removed" | "moved" | "renumbered" | "retitled" | "renamed";

/**
 * One chapter that is new, gone, or different: `before` is the chapter at the base (none when it
 * was added), `after` the chapter now (none when it was removed).
 */
export type ChapterChange =
  | { before?: undefined; after: ChapterState; changes: ChapterChangeKind[] }
  | { before: ChapterState; after?: undefined; changes: ChapterChangeKind[] }
  | { before: ChapterState; after: ChapterState; changes: ChapterChangeKind[] };

/** A previous/next button as a reader sees it: a link, none (first or last chapter), or hidden by the author. */
export type ButtonState = { url: string; label: string } | "none" | "hidden";

/** A button of a chapter that leads elsewhere or reads differently. */
export interface ButtonChange {
  /** The chapter the button is on, now. */
  chapter: ChapterState;
  side: "prev" | "next";
  before: ButtonState;
  after: ButtonState;
}

/** What a change does to one book. */
export interface BookDiff {
  slug: string;
  /** The book's title now, or at the base when it was removed. */
  title: string;
  change: "added" | "removed" | "changed";
  /** The title at the base, when it changed. */
  titleBefore?: string;
  /** Number of chapters at the base and now. */
  chapters: { before: number; after: number };
  chapterChanges: ChapterChange[];
  buttonChanges: ButtonChange[];
}

/** A URL the base published that nothing publishes now: no page, no redirect. */
export interface LostUrl {
  url: string;
  /** The file that published it at the base (as a page, or through its aliases). */
  file: string;
  /** That page's title at the base. */
  title: string;
  /** The file that should list the URL in its `aliases`: where the page went, or what holds its content. */
  successor?: string;
  /** True when `successor` is the same page under a new name (a renamed file). */
  renamed: boolean;
}

/** Everything a change does to the books' navigation and URLs. */
export interface LibraryDiff {
  /** Books that changed, in title order; unchanged books are left out. */
  books: BookDiff[];
  lostUrls: LostUrl[];
}

/**
 * Compares two libraries, as published: which books and chapters were added, removed, moved,
 * renumbered, retitled or renamed, which previous/next buttons lead elsewhere or read differently,
 * and which URLs nothing publishes any more. A chapter is the same chapter when its file is; a
 * removed and an added chapter of one book are one renamed chapter when they share a title, or
 * else a number.
 */
export function diffLibraries(base: Library, head: Library): LibraryDiff {
  const baseBooks = new Map(base.books.map((book) => [book.slug, book]));
  const headBooks = new Map(head.books.map((book) => [book.slug, book]));
  const slugs = [...new Set([...baseBooks.keys(), ...headBooks.keys()])];
  const renamedTo = new Map<string, string>();
  const books: BookDiff[] = [];
  for (const slug of slugs) {
    const [before, after] = [baseBooks.get(slug), headBooks.get(slug)];
    const book = after ?? before;
    if (!book) continue;
    const diff = diffBook(before, after, book);
    for (const change of diff.chapterChanges) {
      if (change.before && change.after && change.changes.includes("renamed"))
        renamedTo.set(change.before.file, change.after.file);
    }
    if (diff.change !== "changed" || diff.titleBefore || diff.chapterChanges.length || diff.buttonChanges.length) {
      books.push(diff);
    }
  }
  books.sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug));
  return { books, lostUrls: lostUrls(base, head, renamedTo) };
}

/** True when a diff has nothing to show. */
export function isEmptyDiff(diff: LibraryDiff): boolean {
  return diff.books.length === 0 && diff.lostUrls.length === 0;
}

/**
 * The no-URL-lost check: each URL the base published that nothing publishes now is a problem on the
 * file that published it, with the alias that keeps it.
 */
export function lostUrlProblems(diff: LibraryDiff, base: string): Problem[] {
  return diff.lostUrls.map((lost) => ({
    file: lost.file,
    field: "aliases",
    message: `${lost.url} ("${oneLine(lost.title)}") is published at ${base} and would be lost: no page or redirect is at that URL any more, so links and bookmarks to it would break.`,
    fix: aliasFix(lost),
  }));
}

/**
 * Problems of links that lead to no page, with a better guess where the base published a page at
 * that URL that is now elsewhere (a renamed file): the fix names the new file, in the form the
 * link was written (`./new-name.md`, or `/pages/new-name/`).
 */
export function withRenamedTargets(problems: readonly Problem[], diff: LibraryDiff, base: string): Problem[] {
  const moved = new Map(
    diff.lostUrls.flatMap((lost) => (lost.renamed && lost.successor ? [[servedFile(lost.url), lost] as const] : [])),
  );
  return problems.map((problem) => {
    if (!problem.link) return problem;
    const { path, written } = problem.link;
    const lost = [path, servedFile(path), `${path}/index.html`].map((file) => moved.get(file)).find(Boolean);
    if (!lost?.successor) return problem;
    const link = linkToFile(problem.file, lost.successor, written);
    const why =
      lost.file === lost.successor
        ? `at ${base}, ${lost.url} was an old URL of ${lost.successor}, which no longer lists it.`
        : `${lost.file}, published at ${lost.url} at ${base}, is now ${lost.successor}.`;
    return { ...problem, fix: `did you mean ${link}? ${why}` };
  });
}

/** Text on one line: control characters (a newline in a quoted title) become spaces. */
export function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
}

/** How to keep a lost URL: the alias to add, and where. */
export function aliasFix(lost: LostUrl): string {
  const alias = `\`aliases: [${lost.url}]\``;
  if (lost.successor && lost.renamed) return `add ${alias} to ${lost.successor}.`;
  if (lost.successor) return `add ${alias} to the page that now holds its content, such as ${lost.successor}.`;
  return `add ${alias} to the page that now holds its content.`;
}

/** What happened to one chapter between the base and now, or undefined when nothing did. */
function chapterChange(before: ChapterState | undefined, after: ChapterState | undefined): ChapterChange | undefined {
  if (!before) return after && { after, changes: ["added"] };
  if (!after) return { before, changes: ["removed"] };
  const changes: ChapterChangeKind[] = [];
  if (before.position !== after.position) changes.push("moved");
  if (before.number !== after.number) changes.push("renumbered");
  if (before.title !== after.title) changes.push("retitled");
  if (before.file !== after.file) changes.push("renamed");
  return changes.length > 0 ? { before, after, changes } : undefined;
}

/** What changed in one book (`book` is the book now, or at the base when it was removed). */
function diffBook(before: Book | undefined, after: Book | undefined, book: Book): BookDiff {
  const beforeChapters = before?.chapters ?? [];
  const afterChapters = after?.chapters ?? [];
  const diff: BookDiff = {
    slug: book.slug,
    title: book.title,
    change: !before ? "added" : !after ? "removed" : "changed",
    chapters: { before: beforeChapters.length, after: afterChapters.length },
    chapterChanges: [],
    buttonChanges: [],
  };
  if (before && after && before.title !== after.title) diff.titleBefore = before.title;

  const pairs = pairChapters(beforeChapters, afterChapters);
  for (const [old, now] of pairs) {
    const change = chapterChange(old && state(old), now && state(now));
    if (change) diff.chapterChanges.push(change);
    if (old && now) {
      for (const side of ["prev", "next"] as const) {
        const was = button(old[side]);
        const is = button(now[side]);
        if (!sameButton(was, is)) diff.buttonChanges.push({ chapter: state(now), side, before: was, after: is });
      }
    }
  }
  // Reading order: chapters as they stand now, then the removed ones where they stood.
  const place = (change: ChapterChange) => (change.after ? change.after.position : change.before.position - 0.5);
  diff.chapterChanges.sort((a, b) => place(a) - place(b));
  diff.buttonChanges.sort((a, b) => a.chapter.position - b.chapter.position || (a.side === "prev" ? -1 : 1));
  return diff;
}

/** Matches the chapters of a book at the base with those now: by file, then renamed files by title, then by number. */
function pairChapters(
  before: readonly Chapter[],
  after: readonly Chapter[],
): [Chapter | undefined, Chapter | undefined][] {
  const pairs: [Chapter | undefined, Chapter | undefined][] = [];
  const afterByFile = new Map(after.map((chapter) => [chapter.file, chapter]));
  const unmatchedBefore: Chapter[] = [];
  const matched = new Set<Chapter>();
  for (const old of before) {
    const now = afterByFile.get(old.file);
    if (now) {
      pairs.push([old, now]);
      matched.add(now);
    } else unmatchedBefore.push(old);
  }
  const unmatchedAfter = after.filter((chapter) => !matched.has(chapter));
  for (const key of ["title", "number"] as const) {
    for (const old of [...unmatchedBefore]) {
      const now = unmatchedAfter.find((chapter) => chapter[key] === old[key]);
      if (!now) continue;
      pairs.push([old, now]);
      unmatchedBefore.splice(unmatchedBefore.indexOf(old), 1);
      unmatchedAfter.splice(unmatchedAfter.indexOf(now), 1);
    }
  }
  for (const old of unmatchedBefore) pairs.push([old, undefined]);
  for (const now of unmatchedAfter) pairs.push([undefined, now]);
  return pairs;
}

/** URLs the base publishes (pages and redirects) that nothing publishes now, with where each should go. */
function lostUrls(base: Library, head: Library, renamedTo: ReadonlyMap<string, string>): LostUrl[] {
  const published = new Set(
    [...head.pages.map((page) => page.url), ...head.redirects.map((r) => r.from)].map(servedFile),
  );
  const headFiles = new Set(head.pages.map((page) => page.file));
  const headTitles = new Map(head.pages.map((page) => [page.title, page.file]));
  const baseUrls = new Set(base.pages.map((page) => page.url));
  const lost: LostUrl[] = [];
  const successorOf = (file: string, title: string): Pick<LostUrl, "successor" | "renamed"> => {
    const renamed = renamedTo.get(file);
    if (renamed) return { successor: renamed, renamed: true };
    const sameTitle = headTitles.get(title);
    const sameTitleUrl = head.pages.find((page) => page.file === sameTitle)?.url;
    if (sameTitle && sameTitleUrl !== undefined && !baseUrls.has(sameTitleUrl)) {
      return { successor: sameTitle, renamed: true };
    }
    const chapter = base.chapterAt(base.pages.find((page) => page.file === file)?.url ?? "");
    const home = chapter && head.books.find((book) => book.slug === chapter.book.slug);
    if (home) return { successor: home.file, renamed: false };
    return { successor: headFiles.has("index.md") ? "index.md" : undefined, renamed: false };
  };
  for (const page of base.pages) {
    if (!published.has(servedFile(page.url))) {
      lost.push({ url: page.url, file: page.file, title: page.title, ...successorOf(page.file, page.title) });
    }
  }
  for (const redirect of base.redirects) {
    if (published.has(servedFile(redirect.from))) continue;
    // An alias dropped from a page that is still there goes back on that page.
    const where = headFiles.has(redirect.file)
      ? { successor: redirect.file, renamed: true }
      : successorOf(redirect.file, redirect.title);
    lost.push({ url: redirect.from, file: redirect.file, title: redirect.title, ...where });
  }
  return lost.sort((a, b) => a.url.localeCompare(b.url));
}

function state(chapter: Chapter): ChapterState {
  const { file, url, title, number, position } = chapter;
  return { file, url, title, number, position };
}

function button(neighbour: Neighbour): ButtonState {
  if (neighbour === false) return "hidden";
  if (neighbour === undefined) return "none";
  return { url: neighbour.url, label: neighbour.label };
}

function sameButton(a: ButtonState, b: ButtonState): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.url === b.url && a.label === b.label;
}
