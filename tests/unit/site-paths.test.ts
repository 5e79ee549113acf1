import { describe, expect, it } from "vitest";
import {
  bookSlugForFile,
  epubUrl,
  offlineUrl,
  pdfUrl,
  printUrl,
  servedFile,
  urlForFile,
} from "../../src/book/site-paths.js";

describe("the paths the site publishes", () => {
  it("publishes a content file at a URL of its own: index.md at /, pages/x.md at /pages/x/", () => {
    expect(urlForFile("index.md")).toBe("/");
    expect(urlForFile("pages/okr-chapter-2.md")).toBe("/pages/okr-chapter-2/");
    expect(urlForFile("pages/guide/index.md")).toBe("/pages/guide/");
    expect(urlForFile("pages/café.md")).toBe("/pages/café/");
  });

  it("serves a folder's URL from its index.html, and a file's URL from itself", () => {
    expect(servedFile("/pages/a/")).toBe("/pages/a/index.html");
    expect(servedFile("/")).toBe("/index.html");
    expect(servedFile("/feed.xml")).toBe("/feed.xml");
  });

  it("names a book by a file directly in pages/, and no other file", () => {
    expect(bookSlugForFile("pages/okr.md")).toBe("okr");
    expect(bookSlugForFile("pages/okr/chapter.md")).toBeUndefined();
    expect(bookSlugForFile("index.md")).toBeUndefined();
    expect(bookSlugForFile("pages/okr.txt")).toBeUndefined();
  });

  it("puts a book's print page, EPUB, PDF and offline list beside its home page", () => {
    const book = { slug: "okr", url: "/pages/okr/" };
    expect([printUrl(book), epubUrl(book), pdfUrl(book), offlineUrl(book)]).toEqual([
      "/pages/okr/print/",
      "/pages/okr/okr.epub",
      "/pages/okr/okr.pdf",
      "/pages/okr/offline.json",
    ]);
  });
});
