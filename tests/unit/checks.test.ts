import { describe, expect, it } from "vitest";
import { CHECKS, runContentChecks, runSiteChecks, type Check, type ContentFacts } from "../../src/book/checks.js";
import { assembleLibrary } from "../../src/book/library.js";
import { pageFileReader } from "../../src/book/page.js";
import { site } from "../../src/site-settings.js";

const read = pageFileReader();
const fm = (...lines: string[]) => `---\n${lines.join("\n")}\n---\n\nSome text.\n`;

/** The content facts of a few files, as a build gathers them. */
function contentFacts(files: Record<string, string>): ContentFacts {
  const pageFiles = Object.entries(files).map(([file, text]) => read(file, text));
  const pages = pageFiles.flatMap((file) => (file.page ? [file.page] : []));
  return { files: pageFiles, pages, library: assembleLibrary(pages), categories: site.categories };
}

const book = fm("title: Book", "description: D");
const chapter = (n: number) => fm(`title: C${n}`, "description: D", "book: b", `chapter: ${n}`);

describe("the check list", () => {
  it("names every check once", () => {
    const names = CHECKS.map((check) => check.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(["front-matter", "structure", "links", "images"]));
  });

  it("finds nothing wrong with a valid book", () => {
    expect(runContentChecks(contentFacts({ "pages/b.md": book, "pages/b-1.md": chapter(1) }))).toEqual([]);
  });

  it("reports front matter and structure problems together", () => {
    const facts = contentFacts({
      "pages/b.md": book,
      "pages/b-1.md": chapter(1),
      "pages/b-2.md": chapter(1),
      "pages/x.md": fm("title: X", "description: D", "status: purple"),
    });
    expect(runContentChecks(facts).map((p) => `${p.file}:${p.line}: ${p.field}`)).toEqual([
      "pages/x.md:4: status",
      "pages/b-1.md:5: chapter",
      "pages/b-2.md:5: chapter",
    ]);
  });

  it("takes a book's author on its home page, and names the home page when a chapter or another page says it", () => {
    const facts = contentFacts({
      "pages/b.md": fm("title: Book", "description: D", "author: Ada Lovelace"),
      "pages/b-1.md": fm("title: C1", "description: D", "book: b", "chapter: 1", "author: Someone"),
      "index.md": fm("title: X", "description: D", "author: Someone"),
    });
    expect(runContentChecks(facts)).toEqual([
      {
        file: "pages/b-1.md",
        line: 6,
        column: 1,
        field: "author",
        message:
          "is set on a page that is not a book's home page: it names who wrote a whole book, on its cover and in its EPUB.",
        fix: 'remove the "author" line here and set it in pages/b.md.',
      },
      {
        file: "index.md",
        line: 4,
        column: 1,
        field: "author",
        message:
          "is set on a page that is not a book's home page: it names who wrote a whole book, on its cover and in its EPUB.",
        fix: `remove the "author" line here and set it in the book's home page (pages/<slug>.md).`,
      },
    ]);
    expect(facts.library.books[0].author).toBe("Ada Lovelace");
  });

  it("runs only the checks it is given, each at its own stage", () => {
    const facts = contentFacts({ "pages/x.md": "" });
    const only: Check = { name: "nothing", about: "finds nothing", stage: "content", run: () => [] };
    expect(runContentChecks(facts, [only])).toEqual([]);
    expect(runContentChecks(facts).map((p) => p.message)).toEqual(["the file is empty."]);
    expect(runSiteChecks({ ...facts, built: [], served: new Set() })).toEqual([]);
  });

  it("checks links and images apart, each naming its field", () => {
    const facts = contentFacts({ "pages/b.md": book });
    const built = [
      {
        file: "pages/b.md",
        url: "/pages/b/",
        ids: new Set<string>(),
        links: [
          { url: "/pages/none/", written: "./none.md", tag: "a" },
          { url: "/images/none.png", written: "../images/none.png", tag: "img" },
        ],
      },
    ];
    const served = new Set(["/pages/b/index.html"]);
    const run = (name: string) => CHECKS.find((check) => check.name === name)!;
    const links = run("links");
    const images = run("images");
    if (links.stage !== "site" || images.stage !== "site") throw new Error("links and images are site checks");
    expect(links.run({ ...facts, built, served }).map((p) => p.field)).toEqual(["link"]);
    expect(images.run({ ...facts, built, served }).map((p) => p.field)).toEqual(["image"]);
  });

  it("checks a page's header image as one of its images, on the line of the image field", () => {
    const text = fm("title: Book", "description: D", "image: ../images/none.svg", "imageAlt: Nothing");
    const facts = contentFacts({ "pages/b.md": text });
    const built = [{ file: "pages/b.md", url: "/pages/b/", ids: new Set<string>(), links: [], source: () => text }];
    const images = CHECKS.find((check) => check.name === "images")!;
    if (images.stage !== "site") throw new Error("images is a site check");
    const served = new Set(["/pages/b/index.html"]);
    expect(images.run({ ...facts, built, served })).toEqual([
      expect.objectContaining({
        file: "pages/b.md",
        line: 4,
        column: 8,
        field: "image",
        message: '"../images/none.svg" points at /images/none.svg, but the site has no such image.',
      }),
    ]);
    expect(images.run({ ...facts, built, served: new Set([...served, "/images/none.svg"]) })).toEqual([]);
  });

  it("reports a picture that could not be made at each place a page shows it, the header's included", () => {
    const text = fm("title: Book", "description: D", "image: ../images/huge.png", "imageAlt: A field");
    const facts = contentFacts({ "pages/b.md": text });
    const links = [
      { url: "/images/huge.png", written: "../images/huge.png", tag: "img", line: 9, column: 3 },
      { url: "/images/small.png", written: "../images/small.png", tag: "img", line: 10, column: 1 },
      { url: "/images/huge.png", written: "../images/huge.png", tag: "a", line: 11, column: 1 },
    ];
    const built = [{ file: "pages/b.md", url: "/pages/b/", ids: new Set<string>(), links }];
    const pictures = CHECKS.find((check) => check.name === "pictures")!;
    if (pictures.stage !== "site") throw new Error("pictures is a site check");
    const failure = { message: "is too large.", fix: "make it smaller." };
    const failedPictures = new Map([["/images/huge.png", failure]]);
    const served = new Set(["/pages/b/index.html"]);
    const where = (line: number, column: number) => ({
      file: "pages/b.md",
      line,
      column,
      field: "image",
      message: '"../images/huge.png" is too large.',
      fix: "make it smaller.",
    });
    expect(pictures.run({ ...facts, built, served, failedPictures })).toEqual([where(9, 3), where(4, 8)]);
    expect(pictures.run({ ...facts, built, served })).toEqual([]);
  });
});
