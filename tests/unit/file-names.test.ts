import { describe, expect, it } from "vitest";
import { fileNameProblem, misplacedPageProblem } from "../../src/book/file-names.js";

describe("fileNameProblem", () => {
  it("passes names of letters of any script, digits, - _ and .", () => {
    for (const file of [
      "pages/okr-chapter-2.md",
      "pages/café.md",
      "pages/日本語.md",
      "index.md",
      "pages/v1.2_notes.md",
    ]) {
      expect(fileNameProblem(file)).toBeUndefined();
    }
  });

  it("names what a link would have to escape, and a clean name to rename the file to", () => {
    expect(fileNameProblem("pages/Q&A notes.md")).toEqual({
      file: "pages/Q&A notes.md",
      message:
        'the file name can\'t be a clean URL: it holds "&", a space, which every link to the page would have to escape.',
      fix: "rename it to pages/qa-notes.md (letters, digits and dashes), and change the links to it.",
    });
    expect(fileNameProblem("pages/50%#off?.md")?.message).toContain('"%", "#", "?"');
    expect(fileNameProblem("pages/a\tb.md")?.message).toContain("white space");
  });

  it("suggests a name even for a name with nothing clean in it", () => {
    expect(fileNameProblem("pages/???.md")?.fix).toBe(
      "rename it to pages/page.md (letters, digits and dashes), and change the links to it.",
    );
  });
});

describe("misplacedPageProblem", () => {
  it("refuses a page in a folder inside pages/, with the file in pages/ to move it to", () => {
    expect(misplacedPageProblem("pages/okr/chapter-5.md")).toMatchObject({
      file: "pages/okr/chapter-5.md",
      fix: "move it to pages/okr-chapter-5.md, and change the links to it.",
    });
    expect(misplacedPageProblem("pages/a/b c/d.MD")?.fix).toBe(
      "move it to pages/a-b-c-d.md, and change the links to it.",
    );
  });

  it("leaves pages directly in pages/, the home page, other folders and other files", () => {
    for (const file of ["pages/okr.md", "index.md", "docs/a/b.md", "pages/okr/notes.txt"]) {
      expect(misplacedPageProblem(file)).toBeUndefined();
    }
  });
});
