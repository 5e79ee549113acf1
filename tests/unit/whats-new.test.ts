import { describe, expect, it } from "vitest";
import { assembleLibrary, type Chapter } from "../../src/book/library.js";
import type { FileChange } from "../../src/content/git-history.js";
import { chapterChanges, WHATS_NEW_LENGTH, whatsNew, type ChapterChange } from "../../src/view/whats-new.js";
import { chapter, home } from "../helpers/pages.js";

const library = assembleLibrary([
  home("tea"),
  home("bread"),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => chapter("tea", n)),
  chapter("bread", 1),
]);
const [tea, bread] = ["tea", "bread"].map((slug) => library.books.find((book) => book.slug === slug));
const teaChapters: Chapter[] = tea?.chapters ?? [];
const breadChapters: Chapter[] = bread?.chapters ?? [];

/** A change of `kind` on a day of 2026 (`03-04`), by a commit named after it. */
const change = (day: string, kind: FileChange["kind"] = "changed"): FileChange => ({
  commit: `${kind}-${day}`,
  date: new Date(`2026-${day}T12:00:00Z`),
  kind,
});

/** Each change as `<url> <day> <kind>`. */
const told = (changes: readonly ChapterChange[]) =>
  changes.map((c) => `${c.chapter.url} ${c.date.toISOString().slice(5, 10)} ${c.kind}`);

describe("chapterChanges", () => {
  it("lists every change of every chapter, newest first, chapters of one day in URL order", () => {
    const history = new Map([
      ["pages/tea-chapter-1.md", [change("03-04"), change("01-02", "added")]],
      ["pages/tea-chapter-2.md", [change("03-04", "retitled"), change("01-02", "added")]],
    ]);
    const changes = chapterChanges(teaChapters.slice(0, 2), history, () => undefined);
    expect(told(changes)).toEqual([
      "/pages/tea-chapter-1/ 03-04 changed",
      "/pages/tea-chapter-2/ 03-04 retitled",
      "/pages/tea-chapter-1/ 01-02 added",
      "/pages/tea-chapter-2/ 01-02 added",
    ]);
    expect(changes[0].commit).toBe("changed-03-04");
  });

  it("counts a chapter changed the same way twice in one day once, its last change", () => {
    const later = { ...change("03-04"), commit: "later", date: new Date("2026-03-04T18:00:00Z") };
    const history = new Map([["pages/tea-chapter-1.md", [later, change("03-04"), change("03-04", "retitled")]]]);
    const changes = chapterChanges(teaChapters.slice(0, 1), history, () => undefined);
    expect(changes.map((c) => `${c.commit} ${c.kind}`)).toEqual(["later changed", "retitled-03-04 retitled"]);
  });

  it("dates a chapter the history does not know by its last change, when that is known", () => {
    const known = new Date("2026-02-01T00:00:00Z");
    const changes = chapterChanges(teaChapters.slice(0, 2), new Map(), (file) =>
      file === "pages/tea-chapter-2.md" ? known : undefined,
    );
    expect(told(changes)).toEqual(["/pages/tea-chapter-2/ 02-01 dated"]);
    expect(changes[0].commit).toBeUndefined();
  });
});

describe("whatsNew", () => {
  it("lists a book's own last changes from the history, at most six, leaving out chapters only dated", () => {
    const history = new Map(
      teaChapters.map((c, i) => [c.file, [change(`03-${String(10 + i).padStart(2, "0")}`)]] as const),
    );
    history.set(breadChapters[0].file, [change("04-01", "added")]);
    const all = chapterChanges([...teaChapters, ...breadChapters], history, () => undefined);
    const dated = chapterChanges(teaChapters.slice(0, 1), new Map(), () => new Date("2026-05-01T00:00:00Z"));
    const shown = whatsNew(tea ?? library.books[0], [...dated, ...all]);
    expect(WHATS_NEW_LENGTH).toBe(6);
    expect(told(shown)).toEqual([
      "/pages/tea-chapter-8/ 03-17 changed",
      "/pages/tea-chapter-7/ 03-16 changed",
      "/pages/tea-chapter-6/ 03-15 changed",
      "/pages/tea-chapter-5/ 03-14 changed",
      "/pages/tea-chapter-4/ 03-13 changed",
      "/pages/tea-chapter-3/ 03-12 changed",
    ]);
  });
});
