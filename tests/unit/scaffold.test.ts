import { describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import { readPage } from "../../src/book/page.js";
import { planBook, planChapter } from "../../src/content/scaffold.js";
import { chapter, home } from "../helpers/pages.js";

const { library } = buildLibrary([home("okr"), chapter("okr", 1), chapter("okr", 2.5)]);

describe("planChapter", () => {
  it("starts the next whole-numbered chapter as a draft with valid front matter", () => {
    const plan = planChapter(library, "okr", "Reviews");
    if ("error" in plan) throw new Error(plan.error);
    expect(plan.file).toBe("pages/okr-chapter-3.md");
    const { page, problems } = readPage(plan.file, plan.text);
    expect(problems).toEqual([]);
    expect(page?.data).toMatchObject({ title: "Reviews", book: "okr", chapter: 3, draft: true, status: "red" });
  });

  it("puts a chapter --after another halfway to the next, or after the last at the next whole number", () => {
    const { library } = buildLibrary([home("okr"), chapter("okr", 1), chapter("okr", 2), chapter("okr", 3)]);
    const plan = (after: number) => planChapter(library, "okr", "Between", after);
    expect(plan(2)).toMatchObject({
      file: "pages/okr-chapter-2-5.md",
      text: expect.stringContaining("\nchapter: 2.5\n"),
    });
    expect(plan(1)).toMatchObject({ file: "pages/okr-chapter-1-5.md" });
    expect(plan(3)).toMatchObject({ file: "pages/okr-chapter-4.md", text: expect.stringContaining("\nchapter: 4\n") });
    const { library: negative } = buildLibrary([home("okr"), chapter("okr", -2), chapter("okr", -1)]);
    expect(planChapter(negative, "okr", "Preface", -2)).toMatchObject({ file: "pages/okr-chapter-minus-1-5.md" });
  });

  it("refuses --after a number that is not a chapter of the book, listing its chapters", () => {
    expect(planChapter(library, "okr", "X", 2)).toEqual({
      error:
        'Book "okr" has no chapter 2: its chapters are 1, 2.5. Give --after one of those numbers, or leave --after out to add the chapter at the end.',
    });
    const { library: empty } = buildLibrary([home("okr")]);
    expect(planChapter(empty, "okr", "X", 1)).toEqual({
      error: 'Book "okr" has no chapter 1: it has no chapters yet. Leave --after out to add its first chapter.',
    });
  });

  it("names the books there are when the book does not exist, with a guess", () => {
    expect(planChapter(library, "okrs", "X")).toEqual({
      error:
        'There is no book "okrs" (no pages/okrs.md). Did you mean "okr"? Known books: okr. ' +
        'Create one with: npm run new -- book okrs "<Title>"',
    });
  });
});

describe("planBook", () => {
  it("starts a book home with valid front matter", () => {
    const plan = planBook(library, "garden", "Gardening", "educational");
    if ("error" in plan) throw new Error(plan.error);
    expect(plan.file).toBe("pages/garden.md");
    expect(readPage(plan.file, plan.text).problems).toEqual([]);
  });

  it("refuses a bad slug with a good one, and a book that exists", () => {
    expect(planBook(library, "My Garden", "G", "meta")).toEqual({
      error:
        '"My Garden" is not a valid book slug: use lower-case letters, digits and dashes, for example "my-garden".',
    });
    expect(planBook(library, "okr", "O", "meta")).toEqual({ error: 'The book "okr" already exists: pages/okr.md.' });
  });
});
