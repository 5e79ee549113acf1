import { describe, expect, it } from "vitest";
import { printChapter } from "../../src/print/print-chapter.js";

const place = {
  prefix: "chapter-2",
  chapters: new Map([
    ["/pages/a/", "chapter-1"],
    ["/pages/b/", "chapter-2"],
  ]),
};

describe("a chapter on the print page", () => {
  it("puts its headings one level below the chapter's title", () => {
    expect(printChapter("<h2>A</h2><h3>B</h3><h4>C</h4><h6>D</h6>", place)).toBe(
      "<h3>A</h3><h4>B</h4><h5>C</h5><h6>D</h6>",
    );
  });

  it("prefixes its ids and the links to them", () => {
    expect(printChapter('<h2 id="x">X</h2><a href="#x">to x</a>', place)).toBe(
      '<h3 id="chapter-2-x">X</h3><a href="#chapter-2-x">to x</a>',
    );
  });

  it("keeps links to other chapters on the page, and others as they are", () => {
    expect(
      printChapter(
        '<a href="/pages/a/#y">a</a> <a href="/pages/a/">a</a> <a href="/pages/c/">c</a> <a href="https://example.org/">out</a>',
        place,
      ),
    ).toBe(
      '<a href="#chapter-1-y">a</a> <a href="#chapter-1">a</a> <a href="/pages/c/">c</a> <a href="https://example.org/">out</a>',
    );
  });

  it("keeps text and attributes escaped", () => {
    expect(printChapter('<p title="&quot;q&quot;">a &amp; b &lt;c&gt;</p>', place)).toBe(
      '<p title="&quot;q&quot;">a &amp; b &lt;c&gt;</p>',
    );
  });

  it("writes again only the tags it changes, and keeps the others as the page has them", () => {
    expect(
      printChapter('<p class=lede>Hi<br/></p><img id=fig src="/a.png" alt="A &amp; B"/><details open id="d">', place),
    ).toBe(
      '<p class=lede>Hi<br/></p><img id="chapter-2-fig" src="/a.png" alt="A &amp; B"/><details open="" id="chapter-2-d">',
    );
  });
});
