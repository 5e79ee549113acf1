import { describe, expect, it } from "vitest";
import { handOverOrder, searchablePart } from "../../src/search/search-order.js";

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

describe("the part of a page the search index reads", () => {
  const head = '<!doctype html><html lang="de"><head><title>Boden</title><meta name="x" content="y"></head>';
  const article = '<article class="page" data-pagefind-body><h1>Boden</h1><article><p>Kompost</p></article></article>';

  it("is the head and the marked article, without the menus, sidebar and scripts around it", () => {
    const page = `${head}<body><nav>Menu</nav><main>${article}</main><script src="/a.js"></script></body></html>`;
    expect(searchablePart(page)).toBe(`${head}<body>${article}</body></html>`);
  });

  it("is the whole page when no article is marked, or the mark is elsewhere", () => {
    const unmarked = `${head}<body><article><p>Kompost</p></article></body></html>`;
    expect(searchablePart(unmarked)).toBe(unmarked);
    const elsewhere = `${head}<body><article><div data-pagefind-body><p>Kompost</p></div></article></body></html>`;
    expect(searchablePart(elsewhere)).toBe(elsewhere);
  });
});
