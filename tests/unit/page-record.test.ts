import { describe, expect, it } from "vitest";
import { readContent } from "../../src/book/content.js";
import { frontMatterProblems } from "../../src/book/front-matter-problems.js";
import { readFrontMatter } from "../../src/book/front-matter-record.js";
import { pageFileReader } from "../../src/book/page.js";
import { bodyStartOf, emptyMarkdownRecord, PageRecords } from "../../src/book/page-record.js";
import { readingMinutes } from "../../src/book/reading-time.js";

describe("readFrontMatter", () => {
  it("reads the text Eleventy finds between the --- lines at the file's own lines, and where the body starts", () => {
    const read = readFrontMatter("pages/a.md", "\ntitle: A\ndescription: D\n");
    expect(read?.parsed.data).toEqual({ title: "A", description: "D" });
    expect(read?.parsed.lines).toMatchObject({ title: 2, description: 3 });
    expect(read?.block).toEqual({ yaml: "title: A\ndescription: D\n", firstLine: 2, bodyStart: 5 });
  });

  it("reads Windows line ends as the file's lines", () => {
    const read = readFrontMatter("pages/a.md", "\r\ntitle: A\r\ntitle: B\r\ndescription: D");
    expect(read?.parsed.data).toBeUndefined();
    expect(read?.parsed.problems.map((problem) => problem.line)).toEqual([3]);
    expect(read?.parsed).toEqual(readFrontMatter("pages/a.md", "\ntitle: A\ntitle: B\ndescription: D")?.parsed);
  });

  it("reads nothing from an opening line that is not --- alone", () => {
    expect(readFrontMatter("pages/a.md", "yaml\ntitle: A")).toBeUndefined();
  });
});

describe("bodyStartOf", () => {
  it("is the line after the closing ---, the first line without front matter, the end when it never closes", () => {
    expect(bodyStartOf("---\ntitle: A\n---\nText")).toBe(3);
    expect(bodyStartOf("Text\n---\n")).toBe(0);
    expect(bodyStartOf("---\ntitle: A\n")).toBe(3);
  });
});

describe("the library's reading of a page whose front matter was read already", () => {
  it("takes the front matter as read, without parsing it again, and counts the body's words once", () => {
    const record = readFrontMatter("pages/a.md", "\ntitle: As read\ndescription: D");
    // The text the library reads says otherwise: what was read is what counts.
    const text = "---\ntitle: Not read\ndescription: D\n---\nOne two three.\n";
    const { page } = pageFileReader()("pages/a.md", text, record);
    expect(page?.data.title).toBe("As read");
    expect(page?.words).toBe(3);
    expect(pageFileReader()("pages/a.md", text).page?.data.title).toBe("Not read");
  });

  it("gives a chapter the minutes of that one count", () => {
    const words = Array.from({ length: 660 }, (_, i) => `word${i}`).join(" ");
    const home = { file: "pages/b.md", text: "---\ntitle: B\ndescription: D\n---\nHome.\n" };
    const yaml = "\ntitle: One\ndescription: D\nbook: b\nchapter: 1";
    const chapter = {
      file: "pages/b-1.md",
      text: `---${yaml}\n---\n${words}\n`,
      frontMatter: readFrontMatter("pages/b-1.md", yaml),
    };
    const { library } = readContent([home, chapter]);
    expect(library.chapterAt("/pages/b-1/")?.minutes).toBe(readingMinutes(660));
    expect(library.chapterAt("/pages/b-1/")?.minutes).toBe(3);
  });
});

describe("frontMatterProblems", () => {
  it("explains a file whose front matter could not be read by its own problems", () => {
    const unreadable = [{ file: "a.md", line: 1, column: 1, message: "the file is empty.", fix: "write it." }];
    expect(frontMatterProblems({ file: "a.md", lines: {}, unreadable, issues: [] })).toEqual(unreadable);
  });
});

describe("PageRecords", () => {
  it("keeps one record a file, found by its file or by its URL", () => {
    const records = new PageRecords();
    const record = records.of("pages/a.md");
    expect(record).toEqual({ file: "pages/a.md", url: "/pages/a/" });
    expect(records.of("pages/a.md")).toBe(record);
    expect(records.at("/pages/a/")).toBe(record);
    expect(records.get("pages/b.md")).toBeUndefined();
    expect(records.at("/")).toBeUndefined();
    expect(records.of("index.md").url).toBe("/");
    expect(records.all().map((r) => r.file)).toEqual(["pages/a.md", "index.md"]);
  });

  it("carries every record over but those of the files a save changed, each a copy", () => {
    const before = new PageRecords();
    before.of("pages/a.md").bodyStart = 5;
    before.of("pages/b.md").markdown = emptyMarkdownRecord("pages/b.md", false);
    const after = PageRecords.carriedOver(before, ["pages/b.md"]);
    expect(after.all().map((r) => [r.file, r.bodyStart])).toEqual([["pages/a.md", 5]]);
    expect(after.get("pages/b.md")).toBeUndefined();
    after.of("pages/a.md").bodyStart = 9;
    expect(before.of("pages/a.md").bodyStart).toBe(5);
  });
});
