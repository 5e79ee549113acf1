import markdownIt from "markdown-it";
import { authorMarkdown } from "../../src/eleventy/markdown.js";
import { describe, expect, it } from "vitest";
import { BuildFacts, pageFactsPlugin } from "../../src/eleventy/page-facts.js";

/** Renders Markdown as a page of a build whose content root is /site. */
function render(markdown: string, url = "/pages/a/") {
  const facts = new BuildFacts("/site", "/out");
  const md = markdownIt({ html: true })
    .use(authorMarkdown)
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
          { name: "href", value: "./c.md", line: 2, column: 6 },
          { name: "onclick", value: "x()", line: 2, column: 20 },
        ],
      },
      {
        tag: "img",
        line: 2,
        column: 38,
        attributes: [
          { name: "src", value: "../images/x.svg", line: 2, column: 43 },
          { name: "alt", value: "", line: 2, column: 63 },
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

  it("reads raw HTML as browsers do: CDATA is a bogus comment, and the script after it a tag", () => {
    const { page } = render('Text.\n\n<![CDATA[ > <script src="/x.js"></script> ]]>\n\nA <?x > <b>b</b> ?> c.');
    expect(page?.markupFaults).toEqual([
      { line: 3, column: 1, fault: { kind: "bogus-comment", written: "<![CDATA[" } },
      { line: 5, column: 3, fault: { kind: "bogus-comment", written: "<?x" } },
    ]);
    expect(page?.html.map((element) => [element.tag, element.line, element.column])).toEqual([
      ["script", 3, 13],
      ["b", 5, 9],
    ]);
  });

  it("notes a tag or comment left unfinished where an HTML block ends, and an attribute written twice", () => {
    const { page } = render("<div title='\n\n' onmouseover=x\n\n<a href=/a title=t href=/b>a</a>\n\n<!-- open");
    expect(page?.markupFaults).toEqual([
      { line: 1, column: 1, fault: { kind: "unfinished-tag", tag: "div" } },
      { line: 5, column: 20, fault: { kind: "duplicate-attribute", tag: "a", attribute: "href" } },
      { line: 7, column: 1, fault: { kind: "unfinished-comment" } },
    ]);
  });

  it("leaves raw HTML nested past the limit out of the page, from the tag that opens one too many", () => {
    const deep = `${"<span>".repeat(60)}\n\nText ${"<i>".repeat(60)}x${"</i>".repeat(60)}${"</span>".repeat(60)}`;
    const { html, page } = render(deep);
    expect(page?.htmlTooDeep).toEqual({ line: 3, column: 6 + 3 * 40 });
    expect(html.match(/<span>/g)).toHaveLength(60);
    expect(html.match(/<i>/g)).toHaveLength(40);
    expect(html).not.toContain("</i>");
  });

  it("records each fence's language, and leaves one that is not a plain name out of the page", () => {
    const { html, page } = render('```c++\na\n```\n\n```x"onmouseover="alert(5)\nb\n```');
    expect(page?.fences).toEqual([
      { line: 1, column: 1, language: "c++" },
      { line: 5, column: 1, language: 'x"onmouseover="alert(5)' },
    ]);
    expect(html).toContain('class="language-c++"');
    expect(html).not.toContain("onmouseover");
  });

  it("records raw HTML that stands where HTML does not let it, at its place, and what browsers close by themselves", () => {
    const { page } = render(
      [
        "<ul><li>a<li>b</ul>",
        "",
        "<details></details>",
        "",
        "<ul>",
        "",
        "A paragraph in a list.",
        "",
        "</ul>",
        "",
        "Text with <div>a block</div> in it.",
      ].join("\n"),
    );
    expect(page?.misplaced).toEqual([
      {
        line: 3,
        column: 10,
        message: "<details> has nothing in it; it must start with its <summary>, the line readers click to open it.",
        fix: "write <summary>…</summary> right after <details>, then what it hides.",
      },
      {
        line: 7,
        column: 1,
        message: "<ul> holds only <li>; Markdown (a paragraph) cannot stand directly inside it.",
        fix: "put it inside an item (<li>), or move it out of the <ul>.",
      },
      expect.objectContaining({
        line: 11,
        column: 11,
        message: expect.stringMatching(/^<div> is a block, which cannot stand inside a line of text/),
      }),
    ]);
  });
});
