import { describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import { site } from "../../src/site-settings.js";
import { absoluteUrl, isoDate, pageView, readingMinutes, type ViewContext } from "../../src/view/page-view.js";
import { chapter, home } from "../helpers/pages.js";

const { library } = buildLibrary([home("b", "The Book"), chapter("b", 1), chapter("b", 2)]);
const context: ViewContext = { site, library };

describe("pageView", () => {
  it("makes a chapter's view: kind, titles, canonical URL, neighbours and position", () => {
    const view = pageView({ url: "/pages/b-chapter-2/", file: "pages/b-chapter-2.md", title: "b 2" }, context);
    expect(view).toMatchObject({
      kind: "chapter",
      title: "b 2",
      documentTitle: "b 2 · The Book",
      canonicalUrl: "https://minibooks.example.org/pages/b-chapter-2/",
      editUrl: "https://github.com/minibooks/minibooks/edit/main/pages/b-chapter-2.md",
      draft: false,
    });
    expect(view.chapter).toMatchObject({
      position: 2,
      total: 2,
      prev: { url: "/pages/b-chapter-1/" },
      next: undefined,
    });
    expect(view.book?.slug).toBe("b");
  });

  it("tells a book home, the site's home and another page apart", () => {
    expect(pageView({ url: "/pages/b/", title: "The Book" }, context)).toMatchObject({
      kind: "book",
      documentTitle: "The Book · Minibooks",
      book: { slug: "b" },
      chapter: undefined,
    });
    const homeView = pageView({ url: "/", title: "Welcome" }, context);
    expect(homeView).toMatchObject({ kind: "home", documentTitle: "Minibooks" });
    expect(homeView.books).toBe(library.books);
    expect(pageView({ url: "/404.html", title: "Page not found" }, context)).toMatchObject({
      kind: "page",
      book: undefined,
    });
  });

  it("resolves the header image against the Markdown file and asks for its picture", () => {
    const asked: string[] = [];
    const picture = (url: string, alt: string) => {
      asked.push(url);
      return `<picture alt="${alt}"></picture>`;
    };
    const view = pageView(
      { url: "/pages/b/", file: "pages/b.md", title: "B", image: "../images/a.svg", imageAlt: "A cat" },
      { ...context, picture },
    );
    expect(view.image).toEqual({
      url: "/images/a.svg",
      absoluteUrl: "https://minibooks.example.org/images/a.svg",
      alt: "A cat",
      picture: '<picture alt="A cat"></picture>',
    });
    expect(asked).toEqual(["/images/a.svg"]);
  });

  it("shows a chapter's header picture as the book model resolved it, the one its EPUB and print page show", () => {
    const withPicture = buildLibrary([
      home("b"),
      { ...chapter("b", 1), data: { ...chapter("b", 1).data, image: "../images/c.svg", imageAlt: "A cup" } },
    ]).library;
    const modelled = withPicture.chapterAt("/pages/b-chapter-1/")?.image;
    expect(modelled).toEqual({ url: "/images/c.svg", alt: "A cup" });
    // The page's own source names no picture: what it shows comes from the model alone.
    const view = pageView(
      { url: "/pages/b-chapter-1/", file: "pages/b-chapter-1.md", title: "b 1" },
      { ...context, library: withPicture },
    );
    expect(view.image).toMatchObject({ url: "/images/c.svg", alt: "A cup" });
  });

  it("leaves an external header image as written, without a picture", () => {
    const view = pageView({ url: "/", file: "index.md", title: "H", image: "https://cdn.example.org/a.png" }, context);
    expect(view.image).toMatchObject({ url: "https://cdn.example.org/a.png", picture: undefined });
  });

  it("has no edit link without a repository, and carries the page's contents and dates", () => {
    const updated = new Date("2026-03-04T10:00:00Z");
    const headings = [{ level: 2, id: "a", text: "A" }];
    const view = pageView(
      { url: "/pages/b/", file: "pages/b.md", title: "B" },
      { ...context, site: { ...site, repository: undefined }, headings, words: 1000, updated },
    );
    expect(view).toMatchObject({ editUrl: undefined, toc: headings, readingMinutes: 5, updated });
  });
});

describe("view formatting", () => {
  it("makes site paths absolute on the site's URL and leaves other URLs whole", () => {
    expect(absoluteUrl("/a/", "https://x.org/")).toBe("https://x.org/a/");
    expect(absoluteUrl("https://y.org/b", "https://x.org")).toBe("https://y.org/b");
    expect(absoluteUrl("https://bad host/", "https://x.org")).toBe("https://bad host/");
  });

  it("reads at 220 words a minute, at least a minute", () => {
    expect([0, 100, 440, 1000].map(readingMinutes)).toEqual([1, 1, 2, 5]);
  });

  it("writes dates as YYYY-MM-DD in UTC", () => {
    expect(isoDate(new Date("2026-01-02T23:30:00Z"))).toBe("2026-01-02");
  });
});

describe("the end of a book", () => {
  const { library: shelf } = buildLibrary([
    home("a", "Alpha"),
    chapter("a", 1),
    home("b", "Beta"),
    chapter("b", 1),
    chapter("b", 2),
    home("c", "Gamma"),
    home("d", "Delta"),
    chapter("d", 1),
    home("e", "Epsilon"),
    chapter("e", 1),
  ]);
  const end = (url: string) => pageView({ url, title: "x" }, { site, library: shelf }).bookEnd;

  it("is on a book's last chapter only, with its EPUB, PDF and print page", () => {
    expect(end("/pages/b-chapter-1/")).toBeUndefined();
    expect(end("/pages/b-chapter-2/")).toMatchObject({
      epub: "/pages/b/b.epub",
      pdf: "/pages/b/b.pdf",
      print: "/pages/b/print/",
    });
  });

  it("offers up to three other books with chapters, those after it in the library's order first", () => {
    // Books in title order: Alpha, Beta, Delta, Epsilon, Gamma (no chapters).
    expect(end("/pages/b-chapter-2/")?.books.map((book) => book.title)).toEqual(["Delta", "Epsilon", "Alpha"]);
    expect(end("/pages/e-chapter-1/")?.books.map((book) => book.title)).toEqual(["Alpha", "Beta", "Delta"]);
  });

  it("offers a report link on chapters only, when the site has a repository", () => {
    const at = (url: string, repository?: string) =>
      pageView({ url, title: "x" }, { site: { ...site, repository }, library: shelf }).reportUrl;
    expect(at("/pages/b-chapter-1/", "https://github.com/o/r/")).toBe("https://github.com/o/r/issues/new");
    expect(at("/pages/b/", "https://github.com/o/r")).toBeUndefined();
    expect(at("/pages/b-chapter-1/")).toBeUndefined();
  });
});
