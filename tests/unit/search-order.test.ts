import { describe, expect, it } from "vitest";
import { handOverOrder } from "../../src/site/search-order.js";

describe("the order pages reach the search index in", () => {
  it("is by URL, code unit by code unit, whatever order the pages came in", () => {
    const urls = ["/pages/b/", "/pages/B/", "/pages/a-2/", "/pages/a/", "/pages/é/"];
    expect(handOverOrder(urls)).toEqual(["/pages/B/", "/pages/a-2/", "/pages/a/", "/pages/b/", "/pages/é/"]);
    expect(handOverOrder([...urls].reverse())).toEqual(handOverOrder(urls));
  });

  it("puts the home page, which renders after every other page, last", () => {
    expect(handOverOrder(["/pages/a/", "/", "/pages/b/"])).toEqual(["/pages/a/", "/pages/b/", "/"]);
  });

  it("hands each page once", () => {
    expect(handOverOrder(["/pages/a/", "/pages/a/", "/"])).toEqual(["/pages/a/", "/"]);
  });
});
