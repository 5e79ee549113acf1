import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLibrary, numberBetween, urlForFile, type Chapter } from "../../src/book/library.js";
import { formatProblem } from "../../src/book/problem.js";
import { chapter, home, page } from "../helpers/pages.js";

const numbers = (chapters: Chapter[]) => chapters.map((c) => c.number);

describe("buildLibrary", () => {
  it("orders chapters numerically, negatives and decimals included", () => {
    const order = [-1, 0, 0.25, 1.5, 2, 9, 10, 99];
    const shuffled = [10, 0.25, 99, -1, 2, 9, 1.5, 0];
    const { library, problems } = buildLibrary([home("b"), ...shuffled.map((n) => chapter("b", n))]);
    expect(problems).toEqual([]);
    expect(numbers(library.books[0].chapters)).toEqual(order);
    expect(library.books[0].chapters.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("links each chapter to its neighbours and leaves the ends open", () => {
    const { library } = buildLibrary([home("b"), chapter("b", 2), chapter("b", 1), chapter("b", 3)]);
    const [first, second, third] = library.books[0].chapters;
    expect(first.prev).toBeUndefined();
    expect(first.next).toEqual({ url: second.url, title: second.title, label: second.title });
    expect(second.prev).toMatchObject({ url: first.url });
    expect(second.next).toMatchObject({ url: third.url });
    expect(third.next).toBeUndefined();
    expect(library.chapterAt("/pages/b-chapter-2/")).toBe(second);
    expect(second.total).toBe(3);
  });

  it("gives a one-chapter book no neighbours", () => {
    const { library, problems } = buildLibrary([home("solo"), chapter("solo", 1)]);
    expect(problems).toEqual([]);
    const [only] = library.books[0].chapters;
    expect(only).toMatchObject({ position: 1, total: 1, prev: undefined, next: undefined });
  });

  it("keeps a book with no chapters, with an empty chapter list", () => {
    const { library, problems } = buildLibrary([home("empty")]);
    expect(problems).toEqual([]);
    expect(library.books).toHaveLength(1);
    expect(library.books[0].chapters).toEqual([]);
    expect(library.bookAt("/pages/empty/")).toBe(library.books[0]);
  });

  it("reports two chapters with one number at the chapter line of each, naming both files", () => {
    const { problems } = buildLibrary([
      home("b"),
      chapter("b", 2, "pages/b-two.md"),
      {
        ...chapter("b", 2, "pages/b-other.md"),
        lines: { title: 2, book: 4, chapter: 8 },
        columns: { title: 8, book: 7, chapter: 10 },
      },
      chapter("b", 3),
    ]);
    const message =
      'chapter: 2 of book "b" is taken twice: by pages/b-other.md (line 8) and by pages/b-two.md (line 5).';
    const fix = "Fix: give one of them a free number, for example chapter: 2.5.";
    expect(problems.map(formatProblem)).toEqual([
      `pages/b-other.md:8:10: ${message} ${fix}`,
      `pages/b-two.md:5: ${message} ${fix}`,
    ]);
  });

  it("reports three chapters with one number at each, and a free number after the last chapter", () => {
    const { problems } = buildLibrary([
      home("b"),
      chapter("b", 1),
      ...["x", "y", "z"].map((n) => chapter("b", 4, `pages/${n}.md`)),
    ]);
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      ["pages/x.md", 5],
      ["pages/y.md", 5],
      ["pages/z.md", 5],
    ]);
    expect(problems[0].message).toBe(
      '4 of book "b" is taken 3 times: by pages/x.md (line 5), by pages/y.md (line 5) and by pages/z.md (line 5).',
    );
    expect(problems[0].fix).toBe("give all but one of them a free number, for example chapter: 5.");
  });

  it("reports a chapter whose book has no home page, naming the slug and a near match", () => {
    const { problems, library } = buildLibrary([home("okr"), { ...chapter("okrs", 1), columns: { book: 7 } }]);
    expect(problems[0]).toMatchObject({ field: "book", column: 7 });
    expect(problems).toEqual([expect.objectContaining({ file: "pages/okrs-chapter-1.md", field: "book", line: 4 })]);
    expect(problems[0].message).toContain('"okrs" has no home page');
    expect(problems[0].fix).toContain('did you mean "okr"?');
    expect(library.books[0].chapters).toEqual([]);
  });

  it("reports a book page without a chapter number and a chapter number without a book", () => {
    const { problems } = buildLibrary([
      home("b"),
      page("pages/a.md", { book: "b" }),
      page("pages/c.md", { chapter: 3 }),
    ]);
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ["pages/a.md", "chapter"],
      ["pages/c.md", "chapter"],
    ]);
  });

  it("applies prev/next overrides: false hides a side, a string relabels it", () => {
    const { library } = buildLibrary([
      home("b"),
      page("pages/one.md", { book: "b", chapter: 1, next: "Onward" }),
      page("pages/two.md", { book: "b", chapter: 2, prev: false }),
    ]);
    const [one, two] = library.books[0].chapters;
    expect(one.next).toMatchObject({ url: "/pages/two/", label: "Onward", title: "T" });
    expect(two.prev).toBe(false);
  });

  it("lists books by title", () => {
    const { library } = buildLibrary([home("z", "Alpha"), home("a", "Beta")]);
    expect(library.books.map((b) => b.slug)).toEqual(["z", "a"]);
  });
});

describe("urlForFile", () => {
  it("publishes pages under /pages/<name>/ and index.md at /", () => {
    expect(urlForFile("pages/okr-chapter-2.md")).toBe("/pages/okr-chapter-2/");
    expect(urlForFile("index.md")).toBe("/");
  });
});

describe("buildLibrary, for random books", () => {
  const distinctNumbers = fc.uniqueArray(
    fc.oneof(
      fc.integer({ min: -50, max: 500 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    ),
    {
      minLength: 1,
      maxLength: 40,
      comparator: (a, b) => a === b || (Object.is(a, 0) && Object.is(b, -0)) || (Object.is(a, -0) && Object.is(b, 0)),
    },
  );

  it("chains prev/next through every chapter once, in numeric order", () => {
    fc.assert(
      fc.property(distinctNumbers, (nums) => {
        const pages = nums.map((n, i) => chapter("b", n, `pages/c${i}.md`));
        const { library, problems } = buildLibrary([home("b"), ...pages]);
        expect(problems).toEqual([]);
        const chapters = library.books[0].chapters;

        // Walk from the first chapter by `next` and collect every URL.
        const start = chapters.find((c) => c.prev === undefined)!;
        const walked: string[] = [];
        for (let c: Chapter | undefined = start; c; c = c.next ? library.chapterAt(c.next.url) : undefined) {
          walked.push(c.url);
        }
        expect(walked).toHaveLength(nums.length);
        expect(new Set(walked).size).toBe(nums.length);

        const walkedNumbers = walked.map((url) => library.chapterAt(url)!.number);
        expect(walkedNumbers).toEqual([...nums].sort((a, b) => a - b));

        // prev is the mirror of next.
        for (const c of chapters) {
          if (c.next) expect(library.chapterAt(c.next.url)!.prev).toMatchObject({ url: c.url });
        }
      }),
    );
  });
});

describe("numberBetween", () => {
  it("gives the number with the fewest decimals nearest halfway", () => {
    expect(numberBetween(2, 3)).toBe(2.5);
    expect(numberBetween(2, 2.5)).toBe(2.3);
    expect(numberBetween(1, 4)).toBe(3);
    expect(numberBetween(0.1, 0.2)).toBe(0.15);
    expect(numberBetween(-2, -1)).toBe(-1.5);
  });

  it("always falls strictly between the two", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-9, max: 1e3, noNaN: true }),
        (low, gap) => {
          const high = low + gap;
          fc.pre(high > low);
          const between = numberBetween(low, high);
          return between > low && between < high;
        },
      ),
    );
  });
});
