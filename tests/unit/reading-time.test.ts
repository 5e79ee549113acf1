import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import { readPage } from "../../src/book/page.js";
import { WORDS_PER_MINUTE, countWords, readingMinutes } from "../../src/book/reading-time.js";
import { chapter, home } from "../helpers/pages.js";

describe("countWords", () => {
  it("counts the words a reader reads, not Markdown's marks, link targets or tags", () => {
    expect(countWords('## What Are My OKRs?\n\n- **Business** — see [the guide](../okr.md "Guide").')).toBe(8);
    expect(countWords('<img src="a.png" alt=""> One <!-- not this --> two')).toBe(2);
    expect(countWords("[ref]: https://example.org/a/b\n\nThree short words")).toBe(3);
  });

  it("counts code as words, and nothing in an empty text", () => {
    expect(countWords("```sh\nnpm run build\n```")).toBe(3);
    expect(countWords("  \n\n ")).toBe(0);
  });
});

describe("readingMinutes", () => {
  it(`takes ${WORDS_PER_MINUTE} words a minute, rounded, and at least one minute`, () => {
    expect(readingMinutes(0)).toBe(1);
    expect(readingMinutes(WORDS_PER_MINUTE * 3)).toBe(3);
    expect(readingMinutes(WORDS_PER_MINUTE * 2.4)).toBe(2);
    expect(readingMinutes(WORDS_PER_MINUTE * 2.6)).toBe(3);
  });
});

describe("reading time in the library", () => {
  const withWords = (words: number, number: number) => ({ ...chapter("b", number), words });

  it("gives each chapter its minutes and the minutes left in the book from its start", () => {
    const { library } = buildLibrary([home("b"), withWords(660, 1), withWords(440, 2), withWords(220, 3)]);
    const [book] = library.books;
    expect(book.chapters.map((c) => [c.minutes, c.minutesLeft])).toEqual([
      [3, 6],
      [2, 3],
      [1, 1],
    ]);
    expect(book.minutes).toBe(6);
  });

  it("adds up: time left is this chapter's time and the next chapter's time left; the book's total is the first's", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(5000), { minLength: 1, maxLength: 12 }), (words) => {
        const { library } = buildLibrary([home("b"), ...words.map((w, i) => withWords(w, i + 1))]);
        const { chapters, minutes } = library.books[0];
        for (const [i, c] of chapters.entries())
          expect(c.minutesLeft).toBe(c.minutes + (chapters[i + 1]?.minutesLeft ?? 0));
        expect(minutes).toBe(chapters[0].minutesLeft);
      }),
    );
  });

  it("gives a book without chapters no reading time", () => {
    expect(buildLibrary([home("empty")]).library.books[0].minutes).toBe(0);
  });

  it("counts a page's words from its text after the front matter", () => {
    const { page } = readPage("pages/a.md", "---\ntitle: A long title here\ndescription: D\n---\n\nOne two three.\n");
    expect(page?.words).toBe(3);
  });
});
