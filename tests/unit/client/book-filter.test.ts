import { describe, expect, it } from "vitest";
import { cardMatches, shownCount } from "../../../src/client/book-filter.js";

describe("the book filter", () => {
  const card = { text: "OKRs for Infrastructure Teams", status: "green", category: "educational" };
  const any = { text: "", status: "", category: "" };

  it("shows a card holding the words in any case, with the status and category asked for", () => {
    expect(cardMatches(card, any)).toBe(true);
    expect(cardMatches(card, { ...any, text: "  infrastructure " })).toBe(true);
    expect(cardMatches(card, { text: "okrs", status: "green", category: "educational" })).toBe(true);
  });

  it("hides a card without the words, or of another status or category", () => {
    expect(cardMatches(card, { ...any, text: "gardening" })).toBe(false);
    expect(cardMatches(card, { ...any, status: "red" })).toBe(false);
    expect(cardMatches(card, { ...any, category: "reference" })).toBe(false);
    expect(cardMatches({ text: "Untitled" }, { ...any, status: "green" })).toBe(false);
  });

  it("says how many books it shows", () => {
    expect(shownCount(1, 1)).toBe("1 of 1 book shown");
    expect(shownCount(0, 3)).toBe("0 of 3 books shown");
  });
});
