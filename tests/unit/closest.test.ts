import { describe, expect, it } from "vitest";
import { closest } from "../../src/book/closest.js";

describe("closest", () => {
  it("finds a likely typo's intended word, whatever its case", () => {
    expect(closest("chaptr", ["title", "chapter", "book"])).toBe("chapter");
    expect(closest("TITEL", ["title", "chapter"])).toBe("title");
  });

  it("finds nothing when no candidate is near enough", () => {
    expect(closest("colour", ["title", "chapter"])).toBeUndefined();
    expect(closest("x", [])).toBeUndefined();
  });
});
