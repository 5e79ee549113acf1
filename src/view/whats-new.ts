import type { Book, Chapter } from "../book/library.js";
import type { FileChange } from "../content/git-history.js";

/** How many of a book's last changes its home lists under "What's new". */
export const WHATS_NEW_LENGTH = 6;

/** A change to a chapter, as "What's new" and the feed list it. */
export interface ChapterChange {
  chapter: Chapter;
  date: Date;
  /**
   * What the commit did to the chapter; `dated` for a chapter with no history (no git): only when
   * it last changed is known.
   */
  kind: FileChange["kind"] | "dated";
  /** The commit, for a change from the history. */
  commit?: string;
  /** For a retitled chapter: its title before. */
  titleBefore?: string;
}

/**
 * Every change of the given chapters, newest first, chapters of one date in URL order; a chapter
 * changed more than once in a day in the same way counts once, its last. A chapter the history does
 * not know is one `dated` change at its last change date, when that is known.
 */
export function chapterChanges(
  chapters: readonly Chapter[],
  history: ReadonlyMap<string, readonly FileChange[]>,
  lastUpdated: (file: string) => Date | undefined,
): ChapterChange[] {
  const changes = chapters.flatMap((chapter): (ChapterChange & { order: number })[] => {
    const known = history.get(chapter.file) ?? [];
    if (known.length > 0) return known.map((change, order) => ({ chapter, ...change, order }));
    const date = lastUpdated(chapter.file);
    return date ? [{ chapter, date, kind: "dated", order: 0 }] : [];
  });
  changes.sort(
    (a, b) =>
      b.date.getTime() - a.date.getTime() ||
      (a.chapter.url < b.chapter.url ? -1 : a.chapter.url > b.chapter.url ? 1 : a.order - b.order),
  );
  const counted = new Set<string>();
  return changes
    .filter((change) => {
      const key = `${change.chapter.url} ${change.kind} ${change.date.toISOString().slice(0, 10)}`;
      if (counted.has(key)) return false;
      counted.add(key);
      return true;
    })
    .map(({ order: _, ...change }) => change);
}

/** A book's last changes to its chapters from the history, newest first, for its home's "What's new". */
export function whatsNew(book: Book, changes: readonly ChapterChange[]): ChapterChange[] {
  return changes
    .filter((change) => change.chapter.book.slug === book.slug && change.kind !== "dated")
    .slice(0, WHATS_NEW_LENGTH);
}
