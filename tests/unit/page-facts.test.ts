import markdownIt from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
import { describe, expect, it } from "vitest";
import { BuildFacts, pageFactsPlugin } from "../../src/eleventy/page-facts.js";

/** Renders Markdown as a page of a build whose content root is /site. */
function render(markdown: string, url = "/pages/a/") {
  const facts = new BuildFacts("/site", "/out");
  const md = markdownIt({ html: true })
    .use(markdownItAnchor)
    .use(pageFactsPlugin, () => facts);
  const html = md.render(markdown, { page: { url, inputPath: `/site${url.slice(0, -1)}.md` } });
  return { facts, html, page: facts.pages.get(url) };
}

describe("pageFactsPlugin", () => {
  it("resolves relative links against the Markdown file and records them as written", () => {
    const { html, page } = render("See [b](./b.md#part) and ![x](../images/none.svg).");
    expect(html).toContain('href="/pages/b/#part"');
    expect(html).toContain('src="/images/none.svg"');
    expect(page?.file).toBe("pages/a.md");
    expect(page?.links).toEqual([
      { url: "/pages/b/#part", written: "./b.md#part", tag: "a", line: 1, column: 5 },
      { url: "/images/none.svg", written: "../images/none.svg", tag: "img", line: 1, column: 26, alt: "x" },
    ]);
  });

  it("records h2 and h3 headings for the contents, every id, and the words", () => {
    const { page } = render(
      '## One\n\n### Two *b*\n\n#### Three\n\n<div id="box">in a box</div>\n\nfour words are here',
    );
    expect(page?.headings).toEqual([
      { level: 2, id: "one", text: "One" },
      { level: 3, id: "two-b", text: "Two b" },
    ]);
    expect([...(page?.ids ?? [])].sort()).toEqual(["box", "one", "three", "two-b"]);
    // Text in the author's HTML blocks is not counted.
    expect(page?.words).toBe(8);
  });

  it("resolves and records URLs in the author's HTML", () => {
    const { html, page } = render('<a href="./c.md">c</a>');
    expect(html).toContain('href="/pages/c/"');
    expect(page?.links).toEqual([{ url: "/pages/c/", written: "./c.md", tag: "a", line: 1, column: 4 }]);
  });

  it("keeps each page's HTML for the whole-book outputs, and records nothing for other renders", () => {
    const { facts, html } = render("Hello.");
    expect(facts.html.get("/pages/a/")).toBe(html);
    const md = markdownIt().use(pageFactsPlugin, () => facts);
    md.render("Not a page.", {});
    expect([...facts.pages.keys()]).toEqual(["/pages/a/"]);
  });

  it("turns a refused address into one that goes nowhere, and records it as written, at its place", () => {
    const { html, page } = render("Text.\n\n> [x](https://nohost) and [y](javascript:alert(1))");
    expect(html).toContain('href="about:invalid"');
    expect(html).not.toContain("javascript:");
    expect(page?.links).toEqual([
      { url: "about:invalid", written: "https://nohost", tag: "a", line: 3, column: 3 },
      { url: "about:invalid", written: "javascript:alert(1)", tag: "a", line: 3, column: 27 },
    ]);
  });

  it("resolves raw HTML links whatever their quoting, and records each element at its place", () => {
    const { html, page } = render("<p>\n  <a href='./c.md' onclick=x()>c</a> <img src=../images/x.svg alt=\"\">\n</p>");
    expect(html).toContain('<a href="/pages/c/" onclick=x()>');
    expect(html).toContain('<img src="/images/x.svg" alt="">');
    expect(page?.html).toEqual([
      { tag: "p", line: 1, column: 1, attributes: [] },
      {
        tag: "a",
        line: 2,
        column: 3,
        attributes: [
          { name: "href", line: 2, column: 6 },
          { name: "onclick", line: 2, column: 20 },
        ],
      },
      {
        tag: "img",
        line: 2,
        column: 38,
        attributes: [
          { name: "src", line: 2, column: 43 },
          { name: "alt", line: 2, column: 63 },
        ],
      },
    ]);
  });

  it("notes level-1 headings, placeholders and Markdown nested past the parser's limit, at their lines", () => {
    const { page } = render(`# Title\n\n## A first section\n\nStart writing here.\n\n${"> ".repeat(101)}lost`);
    expect(page?.titleHeadings).toEqual([{ line: 1, column: 1 }]);
    expect(page?.placeholders).toEqual([
      { line: 3, column: 1, text: "A first section" },
      { line: 5, column: 1, text: "Start writing here." },
    ]);
    expect(page?.tooDeep).toEqual({ line: 7, column: 203 });
  });
});
