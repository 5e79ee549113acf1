import { describe, expect, it } from "vitest";
import { checkLinks, isExternal, linkToFile, type BuiltPage } from "../../src/book/links.js";

const page = (url: string, links: BuiltPage["links"], ids: string[] = []): BuiltPage => ({
  file: `pages${url.slice(6, -1)}.md`,
  url,
  links,
  ids: new Set(ids),
});
const files = new Set(["/pages/a/index.html", "/pages/b/index.html", "/images/x.svg"]);

describe("checkLinks", () => {
  it("accepts links to pages, files and ids that exist", () => {
    const pages = [
      page("/pages/a/", [
        { url: "/pages/b/#part", written: "./b.md#part", tag: "a" },
        { url: "/images/x.svg", written: "../images/x.svg", tag: "img" },
        { url: "https://example.org/", written: "https://example.org/", tag: "a" },
      ]),
      page("/pages/b/", [], ["part"]),
    ];
    expect(checkLinks(pages, files)).toEqual([]);
  });

  it("names the file, the line and column and the link as written, with a guess", () => {
    const pages = [page("/pages/a/", [{ url: "/pages/bb/", written: "./bb.md", tag: "a", line: 5, column: 5 }])];
    expect(checkLinks(pages, files)).toEqual([
      {
        file: "pages/a.md",
        line: 5,
        column: 5,
        field: "link",
        message: '"./bb.md" points at /pages/bb/, but the site has no such page or file.',
        fix: "did you mean /pages/a/?",
        link: { written: "./bb.md", path: "/pages/bb/" },
      },
    ]);
  });

  it("reports a missing #fragment with the nearest id", () => {
    const pages = [
      page("/pages/a/", [{ url: "/pages/b/#prat", written: "./b.md#prat", tag: "a" }]),
      page("/pages/b/", [], ["part"]),
    ];
    expect(checkLinks(pages, files)[0]).toMatchObject({
      message: '"./b.md#prat" points at #prat, but /pages/b/ has no element with that id.',
      fix: "did you mean #part?",
    });
  });

  it("reports each place a link is written, and only the links picked", () => {
    const broken = { url: "/nowhere/", written: "/nowhere/", tag: "a" };
    const image = { url: "/images/none.svg", written: "../images/none.svg", tag: "img" };
    const pages = [page("/pages/a/", [{ ...broken, line: 1 }, { ...broken, line: 2 }, { ...broken, line: 2 }, image])];
    expect(checkLinks(pages, files).map((p) => p.line)).toEqual([1, 2, undefined]);
    expect(checkLinks(pages, files, { which: (link) => link.tag === "img" }).map((p) => p.field)).toEqual(["image"]);
  });

  it("leaves external and refused addresses to the URL check", () => {
    const pages = [page("/pages/a/", [{ url: "about:invalid", written: "https://exa mple", tag: "a" }])];
    expect(checkLinks(pages, files)).toEqual([]);
  });

  it("says a link to a draft is a draft, and how to publish it", () => {
    const pages = [page("/pages/a/", [{ url: "/pages/d/", written: "./d.md", tag: "a", line: 3, column: 1 }])];
    expect(checkLinks(pages, files, { drafts: new Map([["/pages/d/", "pages/d.md"]]) })).toEqual([
      {
        file: "pages/a.md",
        line: 3,
        column: 1,
        field: "link",
        message: '"./d.md" points at pages/d.md, which is a draft and is not published.',
        fix: 'publish it by removing "draft: true" from pages/d.md, or remove the link until it is ready.',
      },
    ]);
  });

  it("refuses a link to a page's old URL, naming the page to link to in the form the link was written", () => {
    const redirects = [
      { from: "/pages/old-b/", to: "/pages/b/", title: "B", file: "pages/b.md", line: 7 },
      { from: "/old/b.html", to: "/pages/b/", title: "B", file: "pages/b.md" },
    ];
    const served = new Set([...files, "/pages/old-b/index.html", "/old/b.html"]);
    const pages = [
      page("/pages/a/", [
        { url: "/pages/old-b/#part", written: "./old-b.md#part", tag: "a", line: 3, column: 1 },
        { url: "/pages/old-b/index.html", written: "/pages/old-b/index.html", tag: "a", line: 4, column: 1 },
        { url: "/old/b.html", written: "/old/b.html", tag: "a", line: 5, column: 1 },
      ]),
      page("/pages/b/", [], ["part"]),
    ];
    expect(checkLinks(pages, served, { redirects })).toEqual([
      {
        file: "pages/a.md",
        line: 3,
        column: 1,
        field: "link",
        message:
          '"./old-b.md#part" points at /pages/old-b/, an old URL of pages/b.md that its aliases (line 7) keep only to send old links and bookmarks on.',
        fix: "link to the page itself: ./b.md#part.",
      },
      expect.objectContaining({ line: 4, fix: "link to the page itself: /pages/b/." }),
      expect.objectContaining({
        line: 5,
        message:
          '"/old/b.html" points at /old/b.html, an old URL of pages/b.md that its aliases keep only to send old links and bookmarks on.',
      }),
    ]);
    expect(checkLinks(pages, served)).toEqual([]);
  });
});

describe("linkToFile", () => {
  it("writes a link to a page as the original was written: relative Markdown or a site path", () => {
    expect(linkToFile("pages/a.md", "pages/b.md", "./old.md#x")).toBe("./b.md#x");
    expect(linkToFile("pages/a.md", "pages/b.md", "old.md")).toBe("./b.md");
    expect(linkToFile("index.md", "pages/b.md", "pages/old.md")).toBe("./pages/b.md");
    expect(linkToFile("pages/a.md", "index.md", "./old.md")).toBe("../index.md");
    expect(linkToFile("pages/a.md", "pages/b.md", "/pages/old/?q=1#x")).toBe("/pages/b/?q=1#x");
  });
});

describe("external links", () => {
  it("knows a URL with a scheme or a protocol-relative one", () => {
    expect(["https://a.org", "mailto:x@a.org", "//a.org/x"].every(isExternal)).toBe(true);
    expect(["/a/", "./b.md", "#x"].some(isExternal)).toBe(false);
  });
});
