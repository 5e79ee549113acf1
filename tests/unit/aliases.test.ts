import { describe, expect, it } from "vitest";
import { readContent } from "../../src/book/content.js";
import { readPage } from "../../src/book/page.js";

/** A page's source with the given extra front matter lines. */
const source = (title: string, extra: string[] = [], book = "") =>
  [
    "---",
    `title: ${title}`,
    "description: D.",
    ...(book ? [`book: ${book.split(":")[0]}`, `chapter: ${book.split(":")[1]}`] : []),
    ...extra,
    "---",
    "",
    "Text.",
  ].join("\n");

describe("aliases in front matter", () => {
  it("accepts old URLs as a flow or block list", () => {
    const flow = readPage("pages/a.md", source("A", ["aliases: [/pages/old-a/, /old/a.html]"]));
    expect(flow.problems).toEqual([]);
    expect(flow.page?.data.aliases).toEqual(["/pages/old-a/", "/old/a.html"]);
    const block = readPage("pages/a.md", source("A", ["aliases:", "  - /pages/old-a/"]));
    expect(block.page?.data.aliases).toEqual(["/pages/old-a/"]);
  });

  it("refuses an alias that is not a path on the site, at its own line, with the path it meant", () => {
    const { problems } = readPage(
      "pages/a.md",
      source("A", ["aliases:", "  - /pages/fine/", "  - pages/old-a", "  - https://example.org/x/../y"]),
    );
    expect(problems).toEqual([
      {
        file: "pages/a.md",
        line: 6,
        column: 5,
        field: "aliases",
        message:
          'found "pages/old-a". Allowed: a list of old URLs of this page, each a path on the site such as /pages/old-name/ (or /old/page.html).',
        fix: "write the old URL as a path on the site: /pages/old-a/.",
      },
      expect.objectContaining({ line: 7, column: 5, fix: "write the old URL as a path on the site: /y/." }),
    ]);
  });

  it("asks for a list when a single URL is written", () => {
    const { problems } = readPage("pages/a.md", source("A", ["aliases: /pages/old-a/"]));
    expect(problems).toMatchObject([{ line: 4, field: "aliases", fix: "write a list: aliases: [/pages/old-a/]." }]);
  });

  it("makes one redirect per alias, to the page's URL", () => {
    const { library, problems } = readContent([
      { file: "pages/b.md", text: source("Book") },
      { file: "pages/b-2.md", text: source("Two", ["aliases: [/pages/b-old-2/, /old.html]"], "b:2") },
    ]);
    expect(problems).toEqual([]);
    expect(library.redirects).toEqual([
      { from: "/old.html", to: "/pages/b-2/", title: "Two", file: "pages/b-2.md", line: 6 },
      { from: "/pages/b-old-2/", to: "/pages/b-2/", title: "Two", file: "pages/b-2.md", line: 6 },
    ]);
  });

  it("refuses an alias that is a page's URL, its own, or another page's alias, each at its line", () => {
    const { library, problems } = readContent([
      { file: "index.md", text: source("Home") },
      {
        file: "pages/a.md",
        text: source("A", ["aliases:", "  - /pages/shared/", "  - /pages/a/", "  - /pages/b/index.html"]),
      },
      { file: "pages/b.md", text: source("B", ["aliases:", "  - /pages/shared/", "  - /index.html"]) },
    ]);
    expect(problems).toEqual([
      {
        file: "pages/a.md",
        line: 6,
        column: 5,
        field: "aliases",
        message: "/pages/a/ is this page's own URL, so it cannot also redirect to it.",
        fix: "remove /pages/a/ from aliases.",
      },
      {
        file: "pages/a.md",
        line: 7,
        column: 5,
        field: "aliases",
        message: "/pages/b/index.html is the URL of pages/b.md: a redirect there would hide that page.",
        fix: "remove /pages/b/index.html from aliases, or rename pages/b.md first so that its URL is free.",
      },
      {
        file: "pages/b.md",
        line: 5,
        column: 5,
        field: "aliases",
        message: "/pages/shared/ is also an alias of pages/a.md (line 5): an old URL can lead to one page only.",
        fix: "keep /pages/shared/ in the aliases of one of the two pages.",
      },
      expect.objectContaining({
        file: "pages/b.md",
        line: 6,
        column: 5,
        message: "/index.html is the URL of index.md: a redirect there would hide that page.",
      }),
    ]);
    expect(library.redirects.map((r) => `${r.from} → ${r.to}`)).toEqual(["/pages/shared/ → /pages/a/"]);
  });

  it("accepts an alias written as /old/index.html: the redirect is that file, published as /old/", () => {
    const { library, problems } = readContent([
      { file: "pages/a.md", text: source("A", ["aliases: [/old/index.html, /older/page.html]"]) },
    ]);
    expect(problems).toEqual([]);
    expect(library.redirects.map((r) => `${r.from} → ${r.to}`)).toEqual([
      "/old/ → /pages/a/",
      "/older/page.html → /pages/a/",
    ]);
    const twice = readContent([{ file: "pages/a.md", text: source("A", ["aliases: [/old/, /old/index.html]"]) }]);
    expect(twice.problems).toMatchObject([{ line: 4, column: 18, message: "/old/index.html is listed twice." }]);
  });

  it("refuses an alias on a URL the site writes for itself, at its line, and makes no redirect of it", () => {
    const { library, problems } = readContent([
      { file: "pages/b.md", text: source("Book") },
      { file: "pages/b-1.md", text: source("One", [], "b:1") },
      {
        file: "pages/a.md",
        text: source("A", [
          "aliases:",
          "  - /404.html",
          "  - /pagefind/",
          "  - /assets/old.html",
          "  - /images/",
          "  - /img/x/",
          "  - /pages/b/print/",
          "  - /pages/b/print/index.html",
          "  - /pages/a-old/",
        ]),
      },
    ]);
    const refused = (line: number, alias: string, what: string) => ({
      file: "pages/a.md",
      line,
      column: 5,
      field: "aliases",
      message: `${alias} is ${what}, which the site writes itself: a redirect there would take its place.`,
      fix: `remove ${alias} from aliases: the site keeps that URL for its own use.`,
    });
    expect(problems).toEqual([
      refused(5, "/404.html", "the page the site shows for an address it does not have"),
      refused(6, "/pagefind/", "in /pagefind/, the folder of the site's search index"),
      refused(7, "/assets/old.html", "in /assets/, the folder of the site's stylesheet and scripts"),
      refused(8, "/images/", "in /images/, the folder of the pictures copied from images/"),
      refused(9, "/img/x/", "in /img/, the folder of the pictures the build makes in several sizes"),
      refused(10, "/pages/b/print/", 'the page for printing book "b"'),
      refused(11, "/pages/b/print/index.html", 'the page for printing book "b"'),
    ]);
    expect(library.redirects.map((r) => r.from)).toEqual(["/pages/a-old/"]);
  });

  it("refuses an alias to a file the site writes that is no page, saying what it is", () => {
    const { problems } = readPage("pages/a.md", source("A", ["aliases:", "  - /feed.xml"]));
    expect(problems).toEqual([
      {
        file: "pages/a.md",
        line: 5,
        column: 5,
        field: "aliases",
        message:
          'found "/feed.xml". Allowed: a list of old URLs of this page, each a path on the site such as /pages/old-name/ (or /old/page.html).',
        fix: "remove it: /feed.xml is the site's feed of new chapters, which the site writes itself.",
      },
    ]);
  });

  it("accepts letters outside ASCII, as file names have them, and reads an address copied from a browser", () => {
    expect(readPage("pages/a.md", source("A", ["aliases: [/pages/café/, /pages/日本/x.html]"])).problems).toEqual([]);
    const copied = readPage("pages/a.md", source("A", ["aliases: [/pages/caf%C3%A9/]"]));
    expect(copied.problems).toMatchObject([{ line: 4, fix: "write the old URL as a path on the site: /pages/café/." }]);
  });
});
