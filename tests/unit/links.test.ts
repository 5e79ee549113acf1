import { describe, expect, it } from "vitest";
import { checkLinks, isExternal, isWellFormedExternal, type BuiltPage } from "../../src/book/links.js";

const page = (url: string, links: BuiltPage["links"], ids: string[] = [], source?: string): BuiltPage => ({
  file: `pages${url.slice(6, -1)}.md`,
  url,
  links,
  ids: new Set(ids),
  source: source === undefined ? undefined : () => source,
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

  it("names the file, the line and the link as written, with a guess", () => {
    const source = "---\ntitle: A\n---\n\nSee [b](./bb.md).\n";
    const pages = [page("/pages/a/", [{ url: "/pages/bb/", written: "./bb.md", tag: "a" }], [], source)];
    expect(checkLinks(pages, files)).toEqual([
      {
        file: "pages/a.md",
        line: 5,
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

  it("reports a link once however often it is written, and only the links picked", () => {
    const broken = { url: "/nowhere/", written: "/nowhere/", tag: "a" };
    const image = { url: "/images/none.svg", written: "../images/none.svg", tag: "img" };
    const pages = [page("/pages/a/", [broken, broken, image])];
    expect(checkLinks(pages, files)).toHaveLength(2);
    expect(checkLinks(pages, files, (link) => link.tag === "img").map((p) => p.field)).toEqual(["image"]);
  });

  it("checks external links for form only", () => {
    const pages = [page("/pages/a/", [{ url: "about:invalid", written: "https://exa mple", tag: "a" }])];
    expect(checkLinks(pages, files)[0].message).toBe('"https://exa mple" is not a well-formed URL.');
  });
});

describe("external links", () => {
  it("knows a URL with a scheme or a protocol-relative one", () => {
    expect(["https://a.org", "mailto:x@a.org", "//a.org/x"].every(isExternal)).toBe(true);
    expect(["/a/", "./b.md", "#x"].some(isExternal)).toBe(false);
  });

  it("accepts addresses a browser can follow and refuses the rest", () => {
    expect(["https://a.org/x", "http://localhost:8080/", "mailto:x@a.org", "//a.org/"].every(isWellFormedExternal)).toBe(
      true,
    );
    expect(["https://nohost", "javascript:alert(1)", "https://exa mple"].some(isWellFormedExternal)).toBe(false);
  });
});
