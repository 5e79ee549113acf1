import { describe, expect, it } from "vitest";
import { buildLibrary, type PageInput } from "../../src/book/library.js";
import { diffLibraries, isEmptyDiff, lostUrlProblems, withRenamedTargets } from "../../src/book/nav-diff.js";
import { diffMarkdown, formatDiff, formatOrder } from "../../src/book/nav-report.js";
import { readingOrder } from "../../src/book/reading-order.js";
import { home, page } from "../helpers/pages.js";

/** A chapter of book "b" with a title of its own. */
const ch = (number: number, title: string, file = `pages/b-${number}.md`, extra = {}) =>
  page(file, { title, book: "b", chapter: number, ...extra });

const base = [home("b", "Birds"), ch(1, "Eggs"), ch(2, "Nests"), ch(3, "Songs")];

const diff = (before: PageInput[], after: PageInput[]) => {
  const a = buildLibrary(before);
  const b = buildLibrary(after);
  expect([...a.problems, ...b.problems]).toEqual([]);
  return diffLibraries(a.library, b.library);
};

describe("diffLibraries", () => {
  it("finds nothing between a library and itself", () => {
    const result = diff(base, base);
    expect(isEmptyDiff(result)).toBe(true);
    expect(formatDiff(result, "main")).toBe("No change to any book's chapters, buttons or URLs since main.");
  });

  it("names an inserted chapter's position, the chapters it moves and the buttons that now lead to it", () => {
    const result = diff(base, [...base, ch(2.5, "Feathers", "pages/b-feathers.md")]);
    expect(result.lostUrls).toEqual([]);
    const [book] = result.books;
    expect(book).toMatchObject({ slug: "b", change: "changed", chapters: { before: 3, after: 4 } });
    expect(book.chapterChanges).toEqual([
      {
        after: { file: "pages/b-feathers.md", url: "/pages/b-feathers/", title: "Feathers", number: 2.5, position: 3 },
        before: undefined,
        changes: ["added"],
      },
      {
        before: { file: "pages/b-3.md", url: "/pages/b-3/", title: "Songs", number: 3, position: 3 },
        after: { file: "pages/b-3.md", url: "/pages/b-3/", title: "Songs", number: 3, position: 4 },
        changes: ["moved"],
      },
    ]);
    expect(book.buttonChanges.map((b) => [b.chapter.title, b.side, b.before, b.after])).toEqual([
      ["Nests", "next", { url: "/pages/b-3/", label: "Songs" }, { url: "/pages/b-feathers/", label: "Feathers" }],
      ["Songs", "prev", { url: "/pages/b-2/", label: "Nests" }, { url: "/pages/b-feathers/", label: "Feathers" }],
    ]);
  });

  it("changes the label of both neighbours' buttons when a chapter is retitled, and nothing else", () => {
    const result = diff(base, [home("b", "Birds"), ch(1, "Eggs"), ch(2, "Nests and Roosts"), ch(3, "Songs")]);
    expect(formatDiff(result, "main")).toBe(
      [
        "Compared with main:",
        "",
        'Book "Birds" (b): 3 chapters',
        '  "Nests and Roosts", pages/b-2.md: retitled from "Nests"',
        '  next button of "Eggs" (position 1): "Nests" /pages/b-2/ → "Nests and Roosts" /pages/b-2/',
        '  prev button of "Songs" (position 3): "Nests" /pages/b-2/ → "Nests and Roosts" /pages/b-2/',
      ].join("\n"),
    );
  });

  it("keeps a button's label when the author set one, so retitling its target changes nothing there", () => {
    const labelled = [home("b", "Birds"), ch(1, "Eggs", undefined, { next: "Onward" }), ch(2, "Nests"), ch(3, "Songs")];
    const retitled = [
      home("b", "Birds"),
      ch(1, "Eggs", undefined, { next: "Onward" }),
      ch(2, "Roosts"),
      ch(3, "Songs"),
    ];
    const [book] = diff(labelled, retitled).books;
    expect(book.buttonChanges.map((b) => `${b.chapter.title} ${b.side}`)).toEqual(["Songs prev"]);
  });

  it("reports a renumbered chapter that keeps its place as renumbered only", () => {
    const [book] = diff(base, [
      home("b", "Birds"),
      ch(1, "Eggs"),
      ch(2.2, "Nests", "pages/b-2.md"),
      ch(3, "Songs"),
    ]).books;
    expect(book.chapterChanges).toMatchObject([
      { changes: ["renumbered"], before: { number: 2 }, after: { number: 2.2 } },
    ]);
    expect(book.buttonChanges).toEqual([]);
  });

  it("reports a deleted chapter, the buttons that skip it, and its URL as lost", () => {
    const result = diff(base, [home("b", "Birds"), ch(1, "Eggs"), ch(3, "Songs")]);
    expect(formatDiff(result, "main")).toBe(
      [
        "Compared with main:",
        "",
        'Book "Birds" (b): 2 chapters, was 3',
        '  removed from position 2 (chapter 2): "Nests", pages/b-2.md',
        '  "Songs", pages/b-3.md: moved from position 3 to 2',
        '  next button of "Eggs" (position 1): "Nests" /pages/b-2/ → "Songs" /pages/b-3/',
        '  prev button of "Songs" (position 2): "Nests" /pages/b-2/ → "Eggs" /pages/b-1/',
        "",
        "URLs that disappear:",
        "  /pages/b-2/, published by pages/b-2.md: add `aliases: [/pages/b-2/]` to the page that now holds its content, such as pages/b.md.",
      ].join("\n"),
    );
  });

  it("pairs a renamed file with its old name, and the fix names the new file", () => {
    const renamed = [home("b", "Birds"), ch(1, "Eggs"), ch(2, "Nests", "pages/b-nests.md"), ch(3, "Songs")];
    const result = diff(base, renamed);
    expect(result.books[0].chapterChanges).toMatchObject([
      { changes: ["renamed"], before: { file: "pages/b-2.md" }, after: { file: "pages/b-nests.md" } },
    ]);
    expect(lostUrlProblems(result, "main")).toEqual([
      {
        file: "pages/b-2.md",
        field: "aliases",
        message:
          '/pages/b-2/ ("Nests") is published at main and would be lost: no page or redirect is at that URL any more, so links and bookmarks to it would break.',
        fix: "add `aliases: [/pages/b-2/]` to pages/b-nests.md.",
      },
    ]);
  });

  it("names a renamed page's new file in the fix of each broken link to its old URL, as the link was written", () => {
    const renamed = [home("b", "Birds"), ch(1, "Eggs"), ch(2, "Nests", "pages/b-nests.md"), ch(3, "Songs")];
    const broken = (written: string, path: string) => ({
      file: "pages/b-1.md",
      line: 9,
      field: "link",
      message: `"${written}" points at ${path}, but the site has no such page or file.`,
      fix: "did you mean /pages/b-1/?",
      link: { written, path },
    });
    const elsewhere = broken("./b-9.md", "/pages/b-9/");
    const problems = [broken("./b-2.md#twigs", "/pages/b-2/"), broken("/pages/b-2", "/pages/b-2"), elsewhere];
    const why = "pages/b-2.md, published at /pages/b-2/ at main, is now pages/b-nests.md.";
    expect(withRenamedTargets(problems, diff(base, renamed), "main").map((p) => p.fix)).toEqual([
      `did you mean ./b-nests.md#twigs? ${why}`,
      `did you mean /pages/b-nests/? ${why}`,
      "did you mean /pages/b-1/?",
    ]);
  });

  it("loses no URL when the renamed file keeps its old URL as an alias", () => {
    const renamed = [
      home("b", "Birds"),
      ch(1, "Eggs"),
      ch(2, "Nests", "pages/b-nests.md", { aliases: ["/pages/b-2/"] }),
      ch(3, "Songs"),
    ];
    const result = diff(base, renamed);
    expect(result.lostUrls).toEqual([]);
    expect(result.books[0].chapterChanges[0].changes).toEqual(["renamed"]);
  });

  it("reports a dropped alias as a lost URL, to be put back on the same page", () => {
    const before = [home("b", "Birds"), ch(1, "Eggs", undefined, { aliases: ["/old/eggs.html"] })];
    const after = [home("b", "Birds"), ch(1, "Eggs")];
    expect(diff(before, after).lostUrls).toEqual([
      { url: "/old/eggs.html", file: "pages/b-1.md", title: "Eggs", successor: "pages/b-1.md", renamed: true },
    ]);
  });

  it("reports books added and removed with all their chapters", () => {
    const result = diff(
      [...base],
      [
        home("b", "Birds"),
        ch(1, "Eggs"),
        ch(2, "Nests"),
        ch(3, "Songs"),
        home("a", "Ants"),
        page("pages/a-1.md", { title: "Hills", book: "a", chapter: 1 }),
      ],
    );
    expect(result.books.map((b) => [b.title, b.change, b.chapterChanges.map((c) => c.changes.join())])).toEqual([
      ["Ants", "added", ["added"]],
    ]);
    const removed = diff(base, [home("c", "Cats")]);
    expect(removed.books.map((b) => [b.title, b.change, b.chapters])).toEqual([
      ["Birds", "removed", { before: 3, after: 0 }],
      ["Cats", "added", { before: 0, after: 0 }],
    ]);
    expect(removed.lostUrls.map((l) => l.url)).toEqual(["/pages/b-1/", "/pages/b-2/", "/pages/b-3/", "/pages/b/"]);
  });

  it("keeps a title with a line break in it on one line of the report, where a CI log cannot read it as a command", () => {
    const sneaky = "Nests\n::warning::owned";
    const result = diff(base, [home("b", "Birds"), ch(1, "Eggs"), ch(2, sneaky), ch(3, "Songs")]);
    for (const report of [formatDiff(result, "main"), diffMarkdown(result, "main")]) {
      expect(report).toContain("Nests ::warning::owned");
      expect(report.split("\n").some((line) => line.startsWith("::"))).toBe(false);
    }
    const order = formatOrder(readingOrder(buildLibrary([home("b", "Birds"), ch(1, sneaky)]).library, () => false));
    expect(order.split("\n").some((line) => line.startsWith("::"))).toBe(false);
  });
});
