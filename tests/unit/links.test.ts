import { describe, expect, it } from "vitest";
import { checkLinks, isExternal, type BuiltPage } from "../../src/book/links.js";

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
    expect(checkLinks(pages, files, (link) => link.tag === "img").map((p) => p.field)).toEqual(["image"]);
  });

  it("leaves external and refused addresses to the URL check", () => {
    const pages = [page("/pages/a/", [{ url: "about:invalid", written: "https://exa mple", tag: "a" }])];
    expect(checkLinks(pages, files)).toEqual([]);
  });

  it("says a link to a draft is a draft, and how to publish it", () => {
    const pages = [page("/pages/a/", [{ url: "/pages/d/", written: "./d.md", tag: "a", line: 3, column: 1 }])];
    expect(checkLinks(pages, files, undefined, new Map([["/pages/d/", "pages/d.md"]]))).toEqual([
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
});

describe("external links", () => {
  it("knows a URL with a scheme or a protocol-relative one", () => {
    expect(["https://a.org", "mailto:x@a.org", "//a.org/x"].every(isExternal)).toBe(true);
    expect(["/a/", "./b.md", "#x"].some(isExternal)).toBe(false);
  });
});
