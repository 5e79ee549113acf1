import { describe, expect, it } from "vitest";
import { pageTree } from "../../src/pdf/tree.js";

const options = { pageUrl: "https://books.example.org/pages/a/", labelPrefix: "c1-" };
const tree = (html: string) => pageTree(html, options).blocks;

describe("a page's HTML as a tree for the PDF", () => {
  it("makes headings with labels from their ids, without the section links beside them", () => {
    const html =
      '<div class="heading">\n<h2 id="part" tabindex="-1">Part <code>one</code></h2>\n' +
      '<a class="heading-anchor" href="#part"><span class="visually-hidden">Link to the section: Part</span> <span aria-hidden="true">#</span></a></div>\n' +
      '<h3 id="part">Again</h3><h4>No id</h4>';
    expect(pageTree(html, options)).toEqual({
      blocks: [
        {
          type: "heading",
          level: 2,
          label: "c1-part",
          children: [
            { type: "text", value: "Part " },
            { type: "code", value: "one" },
          ],
        },
        { type: "heading", level: 3, label: undefined, children: [{ type: "text", value: "Again" }] },
        { type: "heading", level: 4, label: undefined, children: [{ type: "text", value: "No id" }] },
      ],
      ids: ["part"],
    });
  });

  it("takes a heading that skips a level one level down from the last, as an outline needs", () => {
    const levels = tree("<h4>a</h4><h2>b</h2><h4>c</h4><h6>d</h6><h3>e</h3>").map((block) =>
      block.type === "heading" ? block.level : 0,
    );
    expect(levels).toEqual([2, 2, 3, 4, 3]);
  });

  it("keeps text as text, whatever it holds", () => {
    const html = '<p>#read("/etc/passwd") $x$ \\ ] [ # @label &lt;tag&gt; // *a* _b_\n  #include "x"</p>';
    expect(tree(html)).toEqual([
      {
        type: "paragraph",
        children: [{ type: "text", value: '#read("/etc/passwd") $x$ \\ ] [ # @label <tag> // *a* _b_ #include "x"' }],
      },
    ]);
  });

  it("resolves links against the page, and keeps a link without a place to go as its text", () => {
    const html =
      '<p><a href="../b/#sec">b</a> <a href="#top">top</a> <a href="https://example.org/x?a=1&amp;b=2">out</a> <a>none</a></p>';
    expect(tree(html)).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "link", href: "https://books.example.org/pages/b/#sec", children: [{ type: "text", value: "b" }] },
          { type: "text", value: " " },
          { type: "link", href: "https://books.example.org/pages/a/#top", children: [{ type: "text", value: "top" }] },
          { type: "text", value: " " },
          { type: "link", href: "https://example.org/x?a=1&b=2", children: [{ type: "text", value: "out" }] },
          { type: "text", value: " none" },
        ],
      },
    ]);
  });

  it("moves footnotes to where they are mentioned, and mentions a footnote given before by its label", () => {
    const html =
      '<p>One.<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup> Again.<sup class="footnote-ref"><a href="#fn1" id="fnref1:1">[1:1]</a></sup></p>\n' +
      '<hr class="footnotes-sep">\n<section class="footnotes" aria-label="Footnotes"><ol class="footnotes-list">' +
      '<li id="fn1" class="footnote-item"><p>The source. <a href="#fnref1" class="footnote-backref">↩︎</a> <a href="#fnref1:1" class="footnote-backref">↩︎</a></p></li>' +
      "</ol></section>";
    expect(tree(html)).toEqual([
      {
        type: "paragraph",
        children: [
          { type: "text", value: "One." },
          {
            type: "footnote",
            label: "c1-fn1",
            children: [{ type: "paragraph", children: [{ type: "text", value: "The source." }] }],
          },
          { type: "text", value: " Again." },
          { type: "footnote-again", label: "c1-fn1" },
        ],
      },
    ]);
  });

  it("makes an alert a box with its label, without its icon", () => {
    const html =
      '<div class="markdown-alert markdown-alert-warning" role="note"><p class="markdown-alert-title">' +
      '<svg class="octicon" viewBox="0 0 16 16" aria-hidden="true"><path d="M0 0"></path></svg>Warning</p><p>Hot <strong>oven</strong>.</p>\n</div>';
    expect(tree(html)).toEqual([
      {
        type: "alert",
        kind: "warning",
        title: "Warning",
        children: [
          {
            type: "paragraph",
            children: [
              { type: "text", value: "Hot " },
              { type: "strong", children: [{ type: "text", value: "oven" }] },
              { type: "text", value: "." },
            ],
          },
        ],
      },
    ]);
  });

  it("reads a table's header, rows and column alignment", () => {
    const html =
      '<div class="table-scroll" role="region" tabindex="0"><table><thead><tr><th class="align-left">Tea</th><th class="align-center">Water</th><th style="text-align:right">Min</th></tr></thead>' +
      '<tbody><tr><td>Green</td><td>80 °C</td><td>2</td></tr><tr><td colspan="2">Black</td><td>4</td></tr></tbody></table></div>';
    expect(tree(html)).toEqual([
      {
        type: "table",
        columns: 3,
        align: ["left", "center", "right"],
        header: [
          [
            { children: [{ type: "text", value: "Tea" }] },
            { children: [{ type: "text", value: "Water" }] },
            { children: [{ type: "text", value: "Min" }] },
          ],
        ],
        rows: [
          [
            { children: [{ type: "text", value: "Green" }] },
            { children: [{ type: "text", value: "80 °C" }] },
            { children: [{ type: "text", value: "2" }] },
          ],
          [{ children: [{ type: "text", value: "Black" }], colspan: 2 }, { children: [{ type: "text", value: "4" }] }],
        ],
      },
    ]);
  });

  it("takes a code block's language and text, without its highlighting", () => {
    const html =
      '<pre tabindex="0" role="region" aria-label="Code example, js" class="language-js"><code class="language-js">' +
      '<span class="token comment">// pour</span>\n<span class="token keyword">const</span> a <span class="token operator">&lt;</span> b;\n</code></pre>';
    expect(tree(html)).toEqual([{ type: "code-block", language: "js", value: "// pour\nconst a < b;" }]);
  });

  it("makes a paragraph that is one responsive picture that picture, at its widest", () => {
    const html =
      '<p><picture><source type="image/webp" srcset="/img/x-480.webp 480w, /img/x-960.webp 960w">' +
      '<img alt="A leaf" src="/img/x-480.png" srcset="/img/x-480.png 480w, /img/x-1000.png 1000w, /img/x-960.png 960w" width="1000" height="500"></picture></p>' +
      '<p>Inline <img src="/images/dot%20one.svg" alt="a dot"> and <img src="https://cdn.example.org/x.png" alt="a chart"></p>';
    expect(tree(html)).toEqual([
      { type: "image", src: "/img/x-1000.png", alt: "A leaf" },
      {
        type: "paragraph",
        children: [
          { type: "text", value: "Inline " },
          { type: "image", src: "/images/dot one.svg", alt: "a dot" },
          { type: "text", value: " and a chart" },
        ],
      },
    ]);
  });

  it("reads lists, tight or loose, ordered from their start, nested", () => {
    const html =
      '<ol start="5">\n<li>Fold.</li>\n<li>Turn.\n<ul>\n<li>left</li>\n</ul>\n</li>\n</ol>\n<ul><li><p>Loose.</p></li></ul>';
    expect(tree(html)).toEqual([
      {
        type: "list",
        ordered: true,
        start: 5,
        tight: true,
        items: [
          [{ type: "paragraph", children: [{ type: "text", value: "Fold." }] }],
          [
            { type: "paragraph", children: [{ type: "text", value: "Turn." }] },
            {
              type: "list",
              ordered: false,
              start: 1,
              tight: true,
              items: [[{ type: "paragraph", children: [{ type: "text", value: "left" }] }]],
            },
          ],
        ],
      },
      {
        type: "list",
        ordered: false,
        start: 1,
        tight: false,
        items: [[{ type: "paragraph", children: [{ type: "text", value: "Loose." }] }]],
      },
    ]);
  });

  it("starts an ordered list that HTML starts below zero at zero, the lowest number the PDF counts from", () => {
    expect(tree('<ol start="-2"><li>A</li></ol>')).toEqual([
      expect.objectContaining({ type: "list", ordered: true, start: 0 }),
    ]);
  });

  it("reads quotes, rules, disclosures, definitions and figures, and drops what cannot be printed", () => {
    const html =
      "<blockquote><p>Said.</p></blockquote><hr>" +
      "<details><summary>More</summary><p>Hidden.</p></details>" +
      "<dl><dt>Steep</dt><dd>Soak.</dd></dl>" +
      '<figure><img src="/images/a.png" alt="A"><figcaption>The <em>pot</em></figcaption></figure>' +
      "<script>alert(1)</script><p>Done<!-- note --><br>now.</p>";
    expect(tree(html)).toEqual([
      { type: "quote", children: [{ type: "paragraph", children: [{ type: "text", value: "Said." }] }] },
      { type: "rule" },
      {
        type: "details",
        summary: [{ type: "text", value: "More" }],
        children: [{ type: "paragraph", children: [{ type: "text", value: "Hidden." }] }],
      },
      {
        type: "definitions",
        items: [
          {
            term: [{ type: "text", value: "Steep" }],
            details: [{ type: "paragraph", children: [{ type: "text", value: "Soak." }] }],
          },
        ],
      },
      {
        type: "figure",
        children: [{ type: "image", src: "/images/a.png", alt: "A" }],
        caption: [
          { type: "text", value: "The " },
          { type: "emphasis", children: [{ type: "text", value: "pot" }] },
        ],
      },
      {
        type: "paragraph",
        children: [{ type: "text", value: "Done" }, { type: "break" }, { type: "text", value: "now." }],
      },
    ]);
  });
});
