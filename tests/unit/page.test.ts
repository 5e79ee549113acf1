import { describe, expect, it } from "vitest";
import { readPage } from "../../src/book/page.js";

const fm = (...lines: string[]) => ["---", ...lines, "---", "", "Body."].join("\n");
const valid = ["title: T", "description: D", "status: green", "category: educational"];

describe("readPage", () => {
  it("reads valid front matter, with the layout defaulting to custom", () => {
    const { page, problems } = readPage("pages/x.md", fm(...valid, "book: okr", "chapter: 1.5"));
    expect(problems).toEqual([]);
    expect(page).toMatchObject({
      url: "/pages/x/",
      data: { title: "T", layout: "custom", chapter: 1.5, book: "okr", draft: false },
      lines: { title: 2, book: 6, chapter: 7 },
    });
  });

  it("reports a chapter that is not a number, naming the file, line and field", () => {
    const { page, problems } = readPage("pages/x.md", fm(...valid, "book: okr", "chapter: two"));
    expect(page).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ file: "pages/x.md", line: 7, field: "chapter" })]);
    expect(problems[0].message).toContain('found "two"');
    expect(problems[0].message).toContain("a finite number");
  });

  it("reports a quoted number with the fix of removing the quotes", () => {
    const { problems } = readPage("pages/x.md", fm(...valid, "book: okr", 'chapter: "3"'));
    expect(problems[0].fix).toBe("write chapter: 3 without quotes.");
  });

  it("reports a chapter that is not finite", () => {
    const { problems } = readPage("pages/x.md", fm(...valid, "book: okr", "chapter: .inf"));
    expect(problems[0]).toMatchObject({ field: "chapter", line: 7 });
    expect(problems[0].message).toContain("not a finite number");
  });

  it("suggests the nearest known key for a typo", () => {
    const { problems } = readPage("pages/x.md", fm(...valid, "chaptr: 2"));
    expect(problems).toEqual([expect.objectContaining({ field: "chaptr", line: 6 })]);
    expect(problems[0].message).toContain('Did you mean "chapter"?');
  });

  it("reports every problem of a file at once", () => {
    const { problems } = readPage("pages/x.md", fm("status: purple", "category: cooking"));
    expect(problems.map((p) => p.field).sort()).toEqual(["category", "description", "status", "title"]);
    const status = problems.find((p) => p.field === "status")!;
    expect(status.message).toBe('found "purple". Allowed: green, yellow, orange, red.');
  });

  it("names the line and column of a YAML syntax error", () => {
    const { problems } = readPage("pages/x.md", fm("title: T", "description: [unclosed", "status: green"));
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBeGreaterThanOrEqual(3);
    expect(problems[0].column).toBeGreaterThan(0);
    expect(problems[0].message).toContain("not valid YAML");
  });

  it("reports an empty file and a file without front matter", () => {
    expect(readPage("pages/x.md", "").problems[0].message).toBe("the file is empty.");
    expect(readPage("pages/x.md", "# Hi").problems[0].message).toBe("has no front matter.");
  });

  it("reads files with a byte order mark and CRLF line endings", () => {
    const source = `\uFEFF${fm(...valid, "book: okr", "chapter: 2").replace(/\n/g, "\r\n")}`;
    const { page, problems } = readPage("pages/x.md", source);
    expect(problems).toEqual([]);
    expect(page?.lines.chapter).toBe(7);
  });

  it("checks categories against the site's own list", () => {
    const { problems } = readPage("pages/x.md", fm(...valid), { categories: ["cooking"] });
    expect(problems[0].message).toBe('found "educational". Allowed: cooking.');
  });
});

describe("readPage, images", () => {
  it("asks for a text alternative when a page has a header image", () => {
    const { problems } = readPage("pages/x.md", fm(...valid, "image: ../images/a.svg"));
    expect(problems).toEqual([expect.objectContaining({ field: "imageAlt", line: 6 })]);
    expect(problems[0].message).toContain("is required when image is set");
  });
});

describe("readPage, places", () => {
  it("gives every front matter problem a line and a column: the value's, or the key's for an unknown key", () => {
    const { problems } = readPage(
      "pages/x.md",
      fm("title: T", "descripton: D", "status:   purple", "aliases: [/ok/, bad]", "chapter: two", "layout: home"),
    );
    expect(problems.map((p) => `${p.line}:${p.column} ${p.field}`)).toEqual([
      "1:1 description",
      "4:11 status",
      "6:10 chapter",
      "5:17 aliases",
      "3:1 descripton",
      "7:9 layout",
    ]);
  });

  it("places a list item at the item, and a value on the lines after its key at the key", () => {
    const { problems } = readPage("pages/x.md", fm(...valid, "aliases:", "  - /ok/", "  -   bad", "prev:", "  7"));
    expect(problems.map((p) => `${p.line}:${p.column} ${p.field}`)).toEqual(["9:1 prev", "8:7 aliases"]);
  });

  it("places the missing text for a header image at the image", () => {
    const { problems } = readPage("pages/x.md", fm(...valid, "image:  ../images/a.svg"));
    expect(problems).toMatchObject([{ field: "imageAlt", line: 6, column: 9 }]);
  });
});

describe("readPage, the body", () => {
  it("refuses a character that is not text in the body, once a line, at its line and column", () => {
    const { problems } = readPage("pages/x.md", `${fm(...valid)}\nA\u0000b and \u0007\nfine\n\tx\u001b\n`);
    const message = (character: string) =>
      `holds the character ${character}, which is not text: feed readers and e-readers refuse a page that holds it, as XML cannot hold it.`;
    const fix = "delete it; most editors do not show it, so delete and retype the text around this place.";
    expect(problems).toEqual([
      { file: "pages/x.md", line: 9, column: 2, field: "text", message: message("U+0000 (NUL)"), fix },
      { file: "pages/x.md", line: 11, column: 3, field: "text", message: message("U+001B (ESC)"), fix },
    ]);
  });

  it("refuses a published chapter with no text after its front matter, at the closing line", () => {
    const chapter = ["title: T", "description: D", "book: b", "chapter: 1"];
    const empty = `---\n${chapter.join("\n")}\n---\n\n  \n<!-- later -->\n`;
    expect(readPage("pages/x.md", empty).problems).toEqual([
      {
        file: "pages/x.md",
        line: 6,
        column: 1,
        field: "text",
        message: "the chapter has no text after its front matter, so readers would find an empty page.",
        fix: 'write the chapter\'s text below this "---" line, or mark it "draft: true" until it has some.',
      },
    ]);
    expect(readPage("pages/x.md", `---\n${chapter.join("\n")}\n---`).problems).toMatchObject([{ line: 6 }]);
    expect(readPage("pages/x.md", `---\n${[...chapter, "draft: true"].join("\n")}\n---\n`).problems).toEqual([]);
    expect(readPage("pages/x.md", `---\n${chapter.join("\n")}\n---\n\nA line.\n`).problems).toEqual([]);
    expect(readPage("pages/b.md", "---\ntitle: Book\ndescription: D\n---\n").problems).toEqual([]);
  });
});
