import { readFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, copyContent, type BuiltSite } from "../helpers/site.js";

let site: BuiltSite;
beforeAll(async () => {
  site = await build(await copyContent());
  expect(site.result.ok).toBe(true);
});
afterAll(() => site?.dispose());

const text = (file: string) => readFile(path.join(site.output, file), "utf8");

describe("a chapter page", () => {
  it("lists the book's chapters in a sidebar, marking the current one", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    const links = $("#sidebar a[href^='/pages/okr-chapter']");
    expect(links.map((_, a) => $(a).attr("href")).get()).toEqual([
      "/pages/okr-chapter-1/", "/pages/okr-chapter-2/", "/pages/okr-chapter-3/",
    ]);
    expect($('#sidebar a[aria-current="page"]').attr("href")).toBe("/pages/okr-chapter-2/");
    expect($(".sidebar-toggle").attr("aria-controls")).toBe("sidebar");
  });

  it("has a breadcrumb: Home > Book > Chapter", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    const crumbs = $('nav[aria-label="Breadcrumb"] li');
    expect(crumbs.map((_, li) => $(li).text().trim()).get()).toEqual([
      "Home", $("#sidebar .sidebar__book").text().trim(), $("h1").text(),
    ]);
    expect(crumbs.last().find("a").attr("aria-current")).toBe("page");
  });

  it("has a table of contents of its h2 and h3 headings, linking their stable ids", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    const entries = $(".toc a").map((_, a) => [[$(a).attr("href"), $(a).text()]]).get();
    expect(entries).toEqual([
      ["#what-are-my-okrs", "What Are My OKRs?"],
      ["#okr-highlight-types", "OKR Highlight Types"],
    ]);
    for (const [href] of entries) expect($(href)).toHaveLength(1);
    expect($("#what-are-my-okrs").next("a.heading-anchor").attr("href")).toBe("#what-are-my-okrs");
  });

  it("says when it was last updated and links to its source for editing", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    expect($(".page-footer time").attr("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect($(".page-footer a").attr("href")).toMatch(/\/edit\/main\/pages\/okr-chapter-2\.md$/);
  });

  it("is titled 'Chapter · Book' and describes itself for sharing", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    const book = $("#sidebar .sidebar__book").text().trim();
    expect($("title").text()).toBe(`${$("h1").text()} · ${book}`);
    expect($('link[rel="canonical"]').attr("href")).toMatch(/^https?:\/\/[^/]+\/pages\/okr-chapter-2\/$/);
    expect($('meta[property="og:title"]').attr("content")).toBe($("title").text());
    expect($('meta[property="og:image"]').attr("content")).toMatch(/^https?:\/\/[^/]+\/images\/headers\/okr-guide\.svg$/);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
    expect($('meta[name="description"]').attr("content")).toBe($(".lede").text());
    expect($('link[rel="icon"]').attr("href")).toBe("/assets/favicon.svg");
  });

  it("runs no inline script and declares a Content-Security-Policy that allows only its own", async () => {
    for (const url of ["/", "/pages/okr/", "/pages/okr-chapter-2/", "/pages/okr/print/", "/404.html"]) {
      const $ = await site.page(url);
      expect($("script:not([src])"), url).toHaveLength(0);
      expect($("[style]"), url).toHaveLength(0);
      expect($("[onclick], [onload]"), url).toHaveLength(0);
      expect($("script[src]").map((_, s) => $(s).attr("src")).get().every((src) => src.startsWith("/"))).toBe(true);
      expect($('meta[http-equiv="Content-Security-Policy"]').attr("content")).toContain("script-src 'self'");
    }
  });
});

describe("the site's other files", () => {
  it("lists every published page in sitemap.xml with absolute URLs", async () => {
    const $ = load(await text("sitemap.xml"), { xml: true });
    const locs = $("loc").map((_, l) => $(l).text()).get();
    for (const p of ["/", "/pages/okr/", "/pages/okr-chapter-1/", "/pages/okr-chapter-3/"]) {
      expect(locs.some((loc) => new URL(loc).pathname === p)).toBe(true);
    }
    expect(locs.some((loc) => loc.endsWith("404.html"))).toBe(false);
  });

  it("points robots.txt at the sitemap", async () => {
    expect(await text("robots.txt")).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  });

  it("publishes an Atom feed of chapters", async () => {
    const $ = load(await text("feed.xml"), { xml: true });
    const links = $("entry link").map((_, l) => new URL($(l).attr("href")!).pathname).get().sort();
    expect(links).toEqual(["/pages/okr-chapter-1/", "/pages/okr-chapter-2/", "/pages/okr-chapter-3/"]);
  });

  it("prints a whole book on one page, every chapter in order, ids kept apart", async () => {
    const $ = await site.page("/pages/okr/print/");
    const titles = $(".print-book__title").map((_, h) => $(h).text()).get();
    expect(titles).toHaveLength(3);
    expect(titles[1]).toContain("Chapter 2");
    expect($(".print-book__content").eq(1).text()).toContain("OKR Highlight Types");
    const ids = $("[id]").map((_, el) => $(el).attr("id")).get();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("builds a search index of the published pages", async () => {
    const entry = JSON.parse(await text("pagefind/pagefind-entry.json"));
    expect(entry.languages.en.page_count).toBe(4);
  });
});
