import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { BOOKS, GARDEN, LIBRARY_KEY_PAGES } from "../helpers/library-fixture.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";

const TWO = GARDEN.chapters[1];

let site: SharedSite;
beforeAll(async () => {
  site = await sharedSite("library");
});

const text = (file: string) => site.text(file);

describe("a chapter page", () => {
  it("lists the book's chapters in a sidebar, marking the current one", async () => {
    const $ = await site.page(TWO.url);
    const links = $("#sidebar a[href^='/pages/garden-chapter']");
    expect(links.map((_, a) => $(a).attr("href")).get()).toEqual(GARDEN.chapters.map((c) => c.url));
    expect($('#sidebar a[aria-current="page"]').attr("href")).toBe(TWO.url);
    expect($(".sidebar-toggle").attr("aria-controls")).toBe("sidebar");
  });

  it("has a breadcrumb: Home > Book > Chapter", async () => {
    const $ = await site.page(TWO.url);
    const crumbs = $('nav[aria-label="Breadcrumb"] li');
    expect(crumbs.map((_, li) => $(li).text().trim()).get()).toEqual([
      "Home",
      $("#sidebar .sidebar__book").text().trim(),
      $("h1").text(),
    ]);
    expect(crumbs.last().find("a").attr("aria-current")).toBe("page");
  });

  it("has a table of contents of its h2 and h3 headings, linking their stable ids", async () => {
    const $ = await site.page(TWO.url);
    const entries = $(".toc a")
      .map((_, a) => [[$(a).attr("href"), $(a).text()]])
      .get();
    expect(entries).toEqual([
      ["#how-much-water", "How much water"],
      ["#checking-moisture", "Checking moisture"],
      ["#with-a-finger", "With a finger"],
    ]);
    for (const [href] of entries) expect($(href)).toHaveLength(1);
    expect($("#how-much-water").next("a.heading-anchor").attr("href")).toBe("#how-much-water");
  });

  it("says when it was last updated and links to its source for editing", async () => {
    const $ = await site.page(TWO.url);
    expect($(".page-footer time").attr("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect($(".page-footer a").attr("href")).toMatch(/\/edit\/main\/pages\/garden-chapter-2\.md$/);
  });

  it("is titled 'Chapter · Book' and describes itself for sharing", async () => {
    const $ = await site.page(TWO.url);
    const book = $("#sidebar .sidebar__book").text().trim();
    expect($("title").text()).toBe(`${$("h1").text()} · ${book}`);
    expect($('link[rel="canonical"]').attr("href")).toMatch(/^https?:\/\/[^/]+\/pages\/garden-chapter-2\/$/);
    expect($('meta[property="og:title"]').attr("content")).toBe($("title").text());
    expect($('meta[property="og:image"]').attr("content")).toMatch(
      /^https?:\/\/[^/]+\/img\/bed-[0-9a-f]{10}-social\.png$/,
    );
    expect($('meta[property="og:image:width"]').attr("content")).toBe("1200");
    expect($('meta[property="og:image:height"]').attr("content")).toBe("630");
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
    expect($('meta[name="description"]').attr("content")).toBe($(".lede").text());
    expect($('link[rel="icon"]').attr("href")).toBe("/assets/favicon.svg");
  });

  it("runs no inline script and declares a Content-Security-Policy that allows only its own", async () => {
    for (const url of LIBRARY_KEY_PAGES) {
      const $ = await site.page(url);
      expect($("script:not([src])"), url).toHaveLength(0);
      expect($("[style]"), url).toHaveLength(0);
      expect($("[onclick], [onload]"), url).toHaveLength(0);
      expect(
        $("script[src]")
          .map((_, s) => $(s).attr("src"))
          .get()
          .every((src) => src.startsWith("/")),
      ).toBe(true);
      expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain("script-src 'self'");
    }
  });
});

describe("the site's other files", () => {
  it("lists every published page in sitemap.xml with absolute URLs", async () => {
    const $ = load(await text("sitemap.xml"), { xml: true });
    const locs = $("loc")
      .map((_, l) => $(l).text())
      .get();
    const published = ["/", ...BOOKS.flatMap((book) => [book.url, ...book.chapters.map((c) => c.url)])];
    expect(locs.map((loc) => new URL(loc).pathname)).toEqual(expect.arrayContaining(published));
    expect(locs.some((loc) => loc.endsWith("404.html"))).toBe(false);
  });

  it("points robots.txt at the sitemap", async () => {
    expect(await text("robots.txt")).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  });

  it("publishes an Atom feed of chapters", async () => {
    const $ = load(await text("feed.xml"), { xml: true });
    const links = $("entry link")
      .map((_, l) => new URL($(l).attr("href")!).pathname)
      .get()
      .sort();
    expect(links).toEqual(BOOKS.flatMap((book) => book.chapters.map((c) => c.url)).sort());
  });

  it("prints a whole book on one page, its introduction then every chapter in order, ids kept apart", async () => {
    const $ = await site.page(`${GARDEN.url}print/`);
    const titles = $(".print-book__title")
      .map((_, h) => $(h).text())
      .get();
    expect(titles).toHaveLength(4);
    expect(titles[0]).toBe("Introduction");
    expect(titles[2]).toContain("Chapter 2");
    expect($(".print-book__content").eq(0).text()).toContain("What this book is for");
    expect($(".print-book__content").eq(2).text()).toContain("Checking moisture");
    const ids = $("[id]")
      .map((_, el) => $(el).attr("id"))
      .get();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("builds a search index of the published pages", async () => {
    const entry = JSON.parse(await text("pagefind/pagefind-entry.json"));
    // Two book homes and four chapters; the home page and the print pages are not indexed.
    expect(entry.languages.en.page_count).toBe(6);
  });
});
