import { describe, expect, it } from "vitest";
import { emptyMarkdownRecord } from "../../src/book/page-record.js";
import { authoredHtml, type LinkRecorder, type Nesting, scanHtml } from "../../src/eleventy/html-scanner.js";

const nesting = (): Nesting => ({ depth: 0, holders: [], markdownDepth: 0 });

describe("scanHtml", () => {
  it("reads each tag as a browser's tokenizer does, with its attributes where they stand", () => {
    const { tags, faults } = scanHtml('<p class="a">Hi <b>there</b></p>');
    expect(tags).toEqual([
      { kind: "start", tag: "p", start: 0, attributes: [{ name: "class", value: "a", start: 3, end: 12 }] },
      { kind: "text", start: 13 },
      { kind: "start", tag: "b", start: 16, attributes: [] },
      { kind: "text", start: 19 },
      { kind: "end", tag: "b", start: 24 },
      { kind: "end", tag: "p", start: 28 },
    ]);
    expect(faults).toEqual([]);
  });

  it("finds markup that does not read as it looks: a bogus comment, an attribute twice, a tag never closed", () => {
    expect(scanHtml("<?x ?>").faults).toEqual([{ start: 0, fault: { kind: "bogus-comment", written: "<?x" } }]);
    expect(scanHtml('<a id="x" id="y">').faults).toEqual([
      { start: 10, fault: { kind: "duplicate-attribute", tag: "a", attribute: "id" } },
    ]);
    expect(scanHtml('<img src="a.png"').faults).toEqual([{ start: 0, fault: { kind: "unfinished-tag", tag: "img" } }]);
  });
});

describe("authoredHtml", () => {
  it("records elements and ids, and writes every href and src as the recorder resolves it", () => {
    const record = emptyMarkdownRecord("pages/a.md", false);
    const asked: [string, string][] = [];
    const link: LinkRecorder = (written, tag) => {
      asked.push([written, tag]);
      return `/resolved/${written}`;
    };
    const html = authoredHtml(
      "<a href='b.md' id=top>b</a><img src=c.png>",
      link,
      record,
      (i) => ({ line: 1, column: i + 1 }),
      nesting(),
    );
    expect(html).toBe('<a href="/resolved/b.md" id=top>b</a><img src="/resolved/c.png">');
    expect(asked).toEqual([
      ["b.md", "a"],
      ["c.png", "img"],
    ]);
    expect([...record.ids]).toEqual(["top"]);
    expect(record.html.map((element) => [element.tag, element.column])).toEqual([
      ["a", 1],
      ["img", 28],
    ]);
  });

  it("leaves out the author's HTML from where it nests deeper than a page may", () => {
    const record = emptyMarkdownRecord("pages/a.md", false);
    const deep = "<div>".repeat(200);
    expect(
      authoredHtml(
        deep,
        () => "",
        record,
        () => ({ line: 3 }),
        nesting(),
      ),
    ).toBe("");
    expect(record.htmlTooDeep).toEqual({ line: 3 });
  });
});
