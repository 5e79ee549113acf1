import { describe, expect, it } from "vitest";
import { errorChain, errorMessages } from "../../src/book/error-chain.js";

describe("an error's chain", () => {
  it("lists the messages of an error and of the errors Eleventy wrapped it in", () => {
    const inner = new Error("inner");
    const outer = Object.assign(new Error("outer"), { originalError: new Error("middle", { cause: inner }) });
    expect(errorMessages(outer)).toEqual(["outer", "middle", "inner"]);
    expect(errorMessages("text")).toEqual([]);
  });

  it("follows Eleventy's wrapper before a standard cause, and stops at what is no error", () => {
    const wrappedByEleventy = new Error("by Eleventy");
    const cause = new Error("cause");
    const both = new Error("both", { cause });
    Object.assign(both, { originalError: wrappedByEleventy });
    expect(errorChain(both)).toEqual([both, wrappedByEleventy]);
    expect(errorMessages(new Error("outer", { cause: "a string" }))).toEqual(["outer"]);
  });

  it("ends a chain that comes back to an error it holds", () => {
    const first = new Error("first");
    const second = new Error("second", { cause: first });
    Object.assign(first, { cause: second });
    expect(errorMessages(first)).toEqual(["first", "second"]);
  });
});
