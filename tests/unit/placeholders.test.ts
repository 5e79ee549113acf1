import { describe, expect, it } from "vitest";
import { isPlaceholderDescription, isPlaceholderText, PLACEHOLDERS } from "../../src/book/placeholders.js";

describe("the text npm run new writes", () => {
  it("recognises a new chapter's and a new book's description, whatever the title and around it", () => {
    expect(isPlaceholderDescription(PLACEHOLDERS.chapterDescription("Running the Review"))).toBe(true);
    expect(isPlaceholderDescription(`  ${PLACEHOLDERS.bookDescription('Tea "and" Cakes')}\n`)).toBe(true);
  });

  it("leaves a description the author wrote, even one that starts the same way", () => {
    expect(isPlaceholderDescription("How to score key results.")).toBe(false);
    expect(isPlaceholderDescription(`${PLACEHOLDERS.chapterDescription("X")} And more.`)).toBe(false);
    expect(isPlaceholderDescription('What a reader gets from "X"')).toBe(false);
  });

  it("recognises the first heading and paragraph of a new page's body, and nothing else", () => {
    expect(isPlaceholderText("A first section")).toBe(true);
    expect(isPlaceholderText(" Start writing here. ")).toBe(true);
    expect(isPlaceholderText("Start writing here, then stop.")).toBe(false);
    expect(isPlaceholderText("A first section of the book")).toBe(false);
  });
});
