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
