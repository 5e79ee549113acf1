import { describe, expect, it } from "vitest";
import { buildLibrary, type PageInput } from "../../src/book/library.js";
import { pagesGone, pagesToRewrite } from "../../src/book/shown-changes.js";
import { chapter, home, page } from "../helpers/pages.js";

const library = (pages: PageInput[]) => buildLibrary(pages).library;
const trees = [home("t"), chapter("t", 1), chapter("t", 2), chapter("t", 3)];
const birds = [home("b"), chapter("b", 1), chapter("b", 2)];
const site = [page("index.md", { title: "Home", layout: "home" }), ...trees, ...birds];
const before = library(site);
const sorted = (urls: Set<string>) => [...urls].sort();

/** The site with one page's front matter changed. */
function changed(file: string, data: Partial<PageInput["data"]>): PageInput[] {
  return site.map((p) => (p.file === file ? { ...p, data: { ...p.data, ...data } } : p));
}

describe("pagesToRewrite", () => {
  it("names the page alone and its book's print page when its text changed and nothing the library shows", () => {
    expect(sorted(pagesToRewrite(before, library(site), ["/pages/t-chapter-2/"]))).toEqual([
      "/pages/t-chapter-2/",
      "/pages/t/print/",
    ]);
  });

  it("names a book's print page when its home page's text changed, which the print page holds as the introduction", () => {
    expect(sorted(pagesToRewrite(before, library(site), ["/pages/t/"]))).toEqual(["/pages/t/", "/pages/t/print/"]);
  });

  it("names every page of the book when a chapter's title changes, and no page of another book", () => {
    const after = library(changed("pages/t-chapter-2.md", { title: "Roots" }));
    expect(sorted(pagesToRewrite(before, after, ["/pages/t-chapter-2/"]))).toEqual([
      "/pages/t-chapter-1/",
      "/pages/t-chapter-2/",
      "/pages/t-chapter-3/",
      "/pages/t/",
      "/pages/t/print/",
    ]);
  });

  it("names the other books' last chapters when a book's title changes: their ends offer it", () => {
    const after = library(changed("pages/b.md", { title: "Birds Up Close" }));
    const urls = sorted(pagesToRewrite(before, after, ["/pages/b/"]));
    expect(urls).toContain("/pages/t-chapter-3/");
    expect(urls).not.toContain("/pages/t-chapter-2/");
    expect(urls).toContain("/");
  });

  it("names the home page when a book's card changes: a chapter added", () => {
    const after = library([...site, chapter("b", 3)]);
    const urls = pagesToRewrite(before, after, ["/pages/b-chapter-3/"]);
    expect(sorted(urls)).toEqual([
      "/",
      "/pages/b-chapter-1/",
      "/pages/b-chapter-2/",
      "/pages/b-chapter-3/",
      "/pages/b/",
      "/pages/b/print/",
    ]);
  });

  it("names both books' pages when a chapter moves to another book, and leaves out the pages gone", () => {
    const after = library(changed("pages/t-chapter-3.md", { book: "b", chapter: 0.5 }));
    const urls = pagesToRewrite(before, after, ["/pages/t-chapter-3/"]);
    expect(urls).toContain("/pages/t-chapter-2/");
    expect(urls).toContain("/pages/b-chapter-1/");
    expect(urls).toContain("/pages/b/print/");
    expect(urls).toContain("/pages/t/print/");
    expect(urls).toContain("/");

    const deleted = library(site.filter((p) => p.file !== "pages/b-chapter-2.md"));
    const afterDelete = pagesToRewrite(before, deleted, ["/pages/b-chapter-2/"]);
    expect(afterDelete).not.toContain("/pages/b-chapter-2/");
    expect(afterDelete).toContain("/pages/b-chapter-1/");
  });

  it("names the page an old URL redirects to when its title changes", () => {
    const aliased = changed("pages/b-chapter-1.md", { aliases: ["/pages/old/"] });
    const renamed = aliased.map((p) =>
      p.file === "pages/b-chapter-1.md" ? { ...p, data: { ...p.data, title: "New" } } : p,
    );
    expect(pagesToRewrite(library(aliased), library(renamed), ["/pages/b-chapter-1/"])).toContain("/pages/old/");
  });
});

describe("pagesGone", () => {
  it("names a deleted chapter's page, and the print page of a book left without chapters", () => {
    const after = library(site.filter((p) => !p.file.startsWith("pages/b-chapter")));
    expect(pagesGone(before, after).sort()).toEqual(["/pages/b-chapter-1/", "/pages/b-chapter-2/", "/pages/b/print/"]);
  });

  it("keeps a renamed page's old URL when the page lists it as an alias", () => {
    const renamed = site.map((p) =>
      p.file === "pages/b-chapter-1.md"
        ? {
            ...p,
            file: "pages/b-feeders.md",
            url: "/pages/b-feeders/",
            data: { ...p.data, aliases: ["/pages/b-chapter-1/"] },
          }
        : p,
    );
    expect(pagesGone(before, library(renamed))).toEqual([]);
  });
});
