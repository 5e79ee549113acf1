import { describe, expect, it } from "vitest";
import { MAX_FRONT_MATTER_CHARS, parseFrontMatter, splitFrontMatter } from "../../src/book/front-matter.js";
import { readPage } from "../../src/book/page.js";

const file = (...lines: string[]) => ["---", ...lines, "---", "", "Body."].join("\n");

describe("front matter YAML errors", () => {
  it.each([
    {
      kind: "a tab used for indentation",
      lines: ["title: T", "description: D", "\tstatus: green"],
      at: { line: 4, column: 1 },
      message: "the front matter is not valid YAML: a tab is used for indentation.",
      fix: "indent with spaces; YAML does not allow tabs at the start of a line.",
    },
    {
      kind: "a duplicate key",
      lines: ["title: T", "description: D", "title: U"],
      at: { line: 4, column: 1 },
      message: "the front matter is not valid YAML: a key is written twice.",
      fix: "keep one line for the key and remove the other.",
    },
    {
      kind: "an unquoted colon",
      lines: ["title: Setup: the basics", "description: D"],
      at: { line: 2, column: 8 },
      message: 'the front matter is not valid YAML: a value contains ": ", which YAML reads as a second key.',
      fix: 'put the whole value in double quotes, like title: "Setup: the basics".',
    },
    {
      kind: "an unclosed quote",
      lines: ["title: T", "description: 'It is", "status: green"],
      at: { line: 3, column: 14 },
      message: "the front matter is not valid YAML: a single quote is opened and never closed.",
      fix: "end the value with ' on the same line, or remove the opening quote.",
    },
  ])("names the file line of $kind, with its fix", ({ lines, at, message, fix }) => {
    const { page, problems } = readPage("pages/x.md", file(...lines));
    expect(page).toBeUndefined();
    expect(problems).toEqual([{ file: "pages/x.md", ...at, message, fix }]);
  });

  it("says front matter that is never closed, and after which line to close it", () => {
    const { problems, skipped } = readPage("pages/x.md", "---\ntitle: T\ndescription: D\n\n## Start\n\nText.\n");
    expect(problems).toEqual([
      {
        file: "pages/x.md",
        line: 1,
        column: 1,
        message: 'the front matter opened on line 1 is never closed: no line with "---" follows.',
        fix: 'add a line with only "---" after the last key (after line 3).',
      },
    ]);
    expect(skipped).toContain("nothing else in it was checked");
  });

  it("refuses front matter in JavaScript without running it", () => {
    const { problems } = splitFrontMatter("pages/x.md", "---js\n{ title: process.exit(1) }\n---\n");
    expect(problems[0]).toMatchObject({
      line: 1,
      message:
        'opens its front matter with "---js"; only YAML front matter opened by "---" alone is read, and no other kind is run.',
    });
  });
});

describe("front matter limits", () => {
  it("refuses an alias bomb at its first alias, without expanding it", () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 14; level++) {
      const prev = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const { data, problems } = parseFrontMatter("pages/x.md", bomb.join("\n"), 2);
    expect(data).toBeUndefined();
    expect(problems).toEqual([
      {
        file: "pages/x.md",
        line: 3,
        column: 8,
        message: "the front matter uses the YAML alias *a; aliases are not read in front matter.",
        fix: "write the value out in full where the alias stands, and remove the anchor (&name) it refers to.",
      },
    ]);
  });

  it("refuses front matter longer than the limit, naming the file", () => {
    const long = `title: ${"x".repeat(MAX_FRONT_MATTER_CHARS)}`;
    const { problems } = parseFrontMatter("pages/x.md", long, 2);
    expect(problems).toEqual([expect.objectContaining({ file: "pages/x.md", line: 2 })]);
    expect(problems[0].message).toContain(`at most ${MAX_FRONT_MATTER_CHARS} are read`);
  });

  it("gives each top-level key its file line", () => {
    expect(parseFrontMatter("pages/x.md", "\ntitle: T\n\ndescription: D", 1).lines).toEqual({
      title: 2,
      description: 4,
    });
  });
});

describe("front matter checks authors expect", () => {
  const valid = ["description: D", "status: green"];

  it("refuses a title longer than 120 characters", () => {
    const { problems } = readPage("pages/x.md", file(`title: ${"a".repeat(121)}`, ...valid));
    expect(problems).toEqual([
      {
        file: "pages/x.md",
        line: 2,
        column: 8,
        field: "title",
        message: "is 121 characters long; at most 120 fit on buttons, in lists and in a browser tab.",
        fix: "shorten the title and say the rest in the description.",
      },
    ]);
  });

  it("allows layout: home in index.md only", () => {
    expect(readPage("index.md", file("title: T", ...valid, "layout: home")).problems).toEqual([]);
    const { problems } = readPage("pages/x.md", file("title: T", ...valid, "layout: home"));
    expect(problems).toEqual([expect.objectContaining({ line: 5, field: "layout" })]);
    expect(problems[0].message).toBe('is "home", which only index.md may use: it lays out the list of every book.');
  });

  it("reports keys that would take a page out of the checks as unknown keys", () => {
    const { problems } = readPage(
      "pages/x.md",
      file("title: T", ...valid, "permalink: /x/", "eleventyExcludeFromCollections: true"),
    );
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ["permalink", 5],
      ["eleventyExcludeFromCollections", 6],
    ]);
    expect(problems[0].message).toContain("is not a known front matter key");
  });

  it("refuses the placeholder description once the page is no longer a draft", () => {
    const placeholder = 'description: "What a reader gets from \\"Soil\\", in one sentence."';
    expect(readPage("pages/x.md", file("title: Soil", placeholder, "draft: true")).problems).toEqual([]);
    const { problems } = readPage("pages/x.md", file("title: Soil", placeholder));
    expect(problems).toEqual([expect.objectContaining({ line: 3, field: "description" })]);
    expect(problems[0].message).toBe("is still the placeholder npm run new wrote, and the page is no longer a draft.");
  });
});

describe("characters that are not text in front matter", () => {
  const NOT_TEXT = "which is not text: feed readers and e-readers refuse a page that holds it, as XML cannot hold it.";
  const DELETE = "delete it; most editors do not show it, so delete and retype the text around this place.";

  it.each([
    {
      kind: "a NUL in a title",
      lines: ["title: Tea\u0000time", "description: D"],
      line: 2,
      column: 11,
      field: "title",
      character: "U+0000 (NUL)",
    },
    {
      kind: "a bell in quotes",
      lines: ["title: T", 'description: "Ring\u0007"'],
      line: 3,
      column: 19,
      field: "description",
      character: "U+0007 (BEL)",
    },
    {
      kind: "DEL",
      lines: ["title: T\u007f", "description: D"],
      line: 2,
      column: 9,
      field: "title",
      character: "U+007F (DEL)",
    },
    {
      kind: "a C1 control",
      lines: ["title: T", "description: a\u0085b"],
      line: 3,
      column: 15,
      field: "description",
      character: "U+0085 (a C1 control character)",
    },
    {
      kind: "half a surrogate pair",
      lines: ["title: a\uD800b", "description: D"],
      line: 2,
      column: 9,
      field: "title",
      character: "U+D800 (half of a surrogate pair, without its other half)",
    },
    {
      kind: "U+FFFF",
      lines: ["title: T", "description: D", "aliases: [/a\uFFFF/]"],
      line: 4,
      column: 13,
      field: "aliases",
      character: "U+FFFF (not a character)",
    },
  ])("refuses $kind at its line and column", ({ lines, line, column, field, character }) => {
    const { page, problems } = readPage("pages/x.md", file(...lines));
    expect(page).toBeUndefined();
    expect(problems).toEqual([
      {
        file: "pages/x.md",
        line,
        column,
        field,
        message: `holds the character ${character}, ${NOT_TEXT}`,
        fix: DELETE,
      },
    ]);
  });

  it("reports one such character a line, each line that has one", () => {
    const { problems } = readPage("pages/x.md", file("title: \u0001\u0002", "description: D\u0003"));
    expect(problems.map((p) => [p.line, p.column, p.field])).toEqual([
      [2, 8, "title"],
      [3, 15, "description"],
    ]);
  });

  it.each([
    { escape: "\\a", character: "U+0007 (BEL)" },
    { escape: "\\0", character: "U+0000 (NUL)" },
    { escape: "\\e", character: "U+001B (ESC)" },
    { escape: "\\x08", character: "U+0008 (BS)" },
    { escape: "\\u009F", character: "U+009F (a C1 control character)" },
    { escape: "\\uDC00", character: "U+DC00 (half of a surrogate pair, without its other half)" },
  ])("refuses the escape $escape at its place in the quoted value", ({ escape: written, character }) => {
    const { problems } = readPage("pages/x.md", file(`title: "Tea ${written} time"`, "description: D"));
    expect(problems).toEqual([
      {
        file: "pages/x.md",
        line: 2,
        column: 13,
        field: "title",
        message: `the escape "${written}" stands for the character ${character}, ${NOT_TEXT}`,
        fix: `remove "${written}" from the value.`,
      },
    ]);
  });

  it("reads the escapes of tab and newline, and an escaped backslash, as text", () => {
    const { page, problems } = readPage("pages/x.md", file('title: "a\\tb"', 'description: "c\\\\a and \\n d"'));
    expect(problems).toEqual([]);
    expect(page?.data).toMatchObject({ title: "a\tb", description: "c\\a and \n d" });
  });
});

describe("a key indented by mistake", () => {
  const problem = (line: number, column: number, key: string) => ({
    file: "pages/x.md",
    line,
    column,
    message: `the front matter is not valid YAML: the key "${key}" is indented, so YAML reads it as part of the value above it.`,
    fix: `start "${key}:" at the beginning of the line, as the other keys are; if the line goes on with the value above, put that whole value in double quotes on one line.`,
  });

  it.each([
    {
      kind: "after a value",
      lines: ["title: T", "description: D", "  book: b", "chapter: 1"],
      at: problem(4, 3, "book"),
    },
    { kind: "by one space", lines: ["title: T", " description: D"], at: problem(3, 2, "description") },
    { kind: "first of all", lines: ["  title: T", "description: D"], at: problem(2, 3, "title") },
    {
      kind: "after a list",
      lines: ["title: T", "aliases:", "  - /a/", " description: D"],
      at: problem(5, 2, "description"),
    },
  ])("is reported at its own line and column, $kind", ({ lines, at }) => {
    expect(readPage("pages/x.md", file(...lines)).problems).toEqual([at]);
  });

  it("is not confused with a line of a block text that holds a colon", () => {
    expect(
      readPage("pages/x.md", file("title: T", "description: |", "  Note: this.", "status: green")).problems,
    ).toEqual([]);
  });
});
