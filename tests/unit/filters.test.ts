import { describe, expect, it } from "vitest";
import { prefixIds } from "../../src/eleventy/filters.js";

describe("prefixIds", () => {
  it("prefixes ids and the links to them, so chapters can share a page", () => {
    expect(prefixIds('<h2 id="a">A</h2><a href="#a">A</a><a href="/x/#a">X</a>', "c1")).toBe(
      '<h2 id="c1-a">A</h2><a href="#c1-a">A</a><a href="/x/#a">X</a>',
    );
  });
});
