import { describe, expect, it } from "vitest";
import { readContent } from "../../src/book/content.js";
import { sourceOf } from "../../src/content/load.js";

const fm = (...lines: string[]) => `---\n${lines.join("\n")}\n---\n\nSome text.\n`;
const sources = [
  { file: "pages/b.md", text: fm("title: B", "description: D") },
  { file: "pages/b-1.md", text: fm("title: One", "description: D", "book: b", "chapter: 1") },
  { file: "pages/b-2.md", text: fm("title: Two", "description: D", "book: b", "chapter: 2", "draft: true") },
];

describe("readContent", () => {
  it("leaves drafts out of the library unless asked to keep them", () => {
    const published = readContent(sources);
    expect(published.problems).toEqual([]);
    expect(published.library.books[0].chapters.map((c) => c.title)).toEqual(["One"]);
    expect(published.facts.files).toHaveLength(3);
    expect(published.facts.pages).toHaveLength(2);
    expect(readContent(sources, { drafts: true }).library.books[0].chapters).toHaveLength(2);
  });

  it("runs the checks it is given over every file", () => {
    const { problems } = readContent(sources, {
      checks: [
        {
          name: "one-problem-a-file",
          about: "for the test",
          stage: "content",
          run: ({ files }) => files.map((f) => ({ file: f.file, message: "seen." })),
        },
      ],
    });
    expect(problems.map((p) => p.file)).toEqual(["pages/b.md", "pages/b-1.md", "pages/b-2.md"]);
  });

  it("reports problems and still builds the library from the valid pages", () => {
    const { library, problems } = readContent([...sources, { file: "pages/x.md", text: "no front matter" }]);
    expect(problems).toEqual([expect.objectContaining({ file: "pages/x.md", message: "has no front matter." })]);
    expect(library.books).toHaveLength(1);
  });

  it("reports a file that is not UTF-8 at its first byte that is not, and still reads the rest", () => {
    const latin1 = Buffer.concat([
      Buffer.from("---\ntitle: Caf"),
      Buffer.from([0xe9]),
      Buffer.from("\ndescription: D\n---\n\nText.\n"),
    ]);
    const { problems, facts } = readContent([sourceOf("pages/x.md", latin1)]);
    expect(problems).toEqual([
      {
        file: "pages/x.md",
        line: 2,
        column: 11,
        field: "encoding",
        message:
          'the file is not UTF-8: the byte 0xE9 here is not UTF-8 text, so the page would show "\uFFFD" in its place.',
        fix: 'save the file as UTF-8 ("Save with Encoding" in most editors), then check that its accented letters still read right.',
      },
    ]);
    expect(facts.pages.map((page) => page.data.title)).toEqual(["Caf\uFFFD"]);
    expect(sourceOf("pages/x.md", Buffer.from("---\ntitle: Café \uFFFD\n---\n")).badByte).toBeUndefined();
  });

  it("leaves a page in a folder inside pages/ out of the library, naming the file and where to move it", () => {
    const nested = [
      ...sources,
      { file: "pages/b/chapter-5.md", text: fm("title: Five", "description: D", "book: b", "chapter: 5") },
      { file: "pages/b/print.md", text: fm("title: Print", "description: D") },
      { file: "pages/old notes/Idée.md", text: fm("title: Idea", "description: D") },
    ];
    const { library, problems } = readContent(nested);
    const refused = (file: string, to: string) => ({
      file,
      message:
        "is in a folder inside pages/, so it is not published: every page is a Markdown file directly in pages/ " +
        "(pages/<name>.md, published at /pages/<name>/), and its book and chapter come from its front matter.",
      fix: `move it to ${to}, and change the links to it.`,
    });
    expect(problems).toEqual([
      refused("pages/b/chapter-5.md", "pages/b-chapter-5.md"),
      refused("pages/b/print.md", "pages/b-print.md"),
      refused("pages/old notes/Idée.md", "pages/old-notes-Idée.md"),
    ]);
    expect(library.pages.map((page) => page.file)).toEqual(["pages/b-1.md", "pages/b.md"]);
    expect(library.books[0].chapters.map((c) => c.number)).toEqual([1]);
  });
});
