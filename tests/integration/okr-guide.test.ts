import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/site/build.js";
import { build, copyContent, fileForUrl, type BuiltSite } from "../helpers/site.js";

/** A front matter field of a repository page, so the tests follow the content. */
const frontMatter = (file: string) => matter(readFileSync(path.join(REPO_ROOT, file), "utf8")).data;
const titleOf = (n: number) => frontMatter(`pages/okr-chapter-${n}.md`).title as string;

let site: BuiltSite;
beforeAll(async () => {
  site = await build(await copyContent());
  expect(site.result).toEqual({ ok: true, problems: [] });
});
afterAll(() => site?.dispose());

describe("the OKR guide, built", () => {
  it("links chapter 2 to chapters 1 and 3 at the top and bottom, with their titles", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    for (const place of ["top", "bottom"]) {
      const nav = $(`nav.chapter-nav--${place}`);
      expect(nav.find('a[rel="prev"]').attr("href")).toBe("/pages/okr-chapter-1/");
      expect(nav.find('a[rel="prev"]').text()).toContain(titleOf(1));
      expect(nav.find('a[rel="next"]').attr("href")).toBe("/pages/okr-chapter-3/");
      expect(nav.find('a[rel="next"]').text()).toContain(titleOf(3));
    }
    expect($('head link[rel="prev"]').attr("href")).toBe("/pages/okr-chapter-1/");
    expect($('head link[rel="next"]').attr("href")).toBe("/pages/okr-chapter-3/");
  });

  it("shows the missing side disabled, not as a link, on the first and last chapters", async () => {
    const first = await site.page("/pages/okr-chapter-1/");
    expect(first('nav a[rel="prev"]')).toHaveLength(0);
    expect(first('nav [aria-disabled="true"]').first().text()).toContain("Previous");
    expect(first('head link[rel="prev"]')).toHaveLength(0);

    const last = await site.page("/pages/okr-chapter-3/");
    expect(last('nav a[rel="next"]')).toHaveLength(0);
    expect(last('nav [aria-disabled="true"]').first().text()).toContain("Next");
    expect(last('nav.chapter-nav--bottom a[rel="prev"]').attr("href")).toBe("/pages/okr-chapter-2/");
  });

  it("says where the reader is and links the book's index at the bottom", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    const bottom = $("nav.chapter-nav--bottom");
    expect(bottom.find("a", ).filter((_, a) => $(a).text().trim() === "Index").attr("href")).toBe("/pages/okr/");
    expect(bottom.text()).toContain("Chapter 2 of 3");
    expect(bottom.find("progress").attr("value")).toBe("2");
    expect(bottom.find("progress").attr("max")).toBe("3");
  });

  it("renders chapter 2 from the seed's text, with its title, description and status", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    expect($("h1").text()).toBe(titleOf(2));
    expect($(".lede").text()).toBe(frontMatter("pages/okr-chapter-2.md").description);
    expect($(".status").first().text()).toContain("Status: Nearly done");
    expect($(".meta").text()).toMatch(/\d+ min read/);
    expect($(".content").text()).toContain("OKR Highlight Types");
    expect($(".content .nav-buttons")).toHaveLength(0);
  });

  it("points the header image at a file that exists in the built site", async () => {
    const $ = await site.page("/pages/okr-chapter-2/");
    const src = $(".header-image img").attr("src")!;
    expect(src).toMatch(/^\/img\/\S+\.svg$/); // through the image pipeline, which keeps SVG as SVG
    expect(existsSync(path.join(site.output, fileForUrl(src)))).toBe(true);
  });

  it("lists every chapter in order on the book home, with a link to start reading", async () => {
    const $ = await site.page("/pages/okr/");
    const items = $(".chapter-list li");
    expect(items.map((_, li) => $(li).find("a").attr("href")).get()).toEqual([
      "/pages/okr-chapter-1/",
      "/pages/okr-chapter-2/",
      "/pages/okr-chapter-3/",
    ]);
    expect(items.map((_, li) => $(li).find("a").text()).get()).toEqual([titleOf(1), titleOf(2), titleOf(3)]);
    expect(items.first().find(".status").text()).toContain("Status:");
    expect($("a.button").filter((_, a) => $(a).text() === "Start reading").attr("href")).toBe("/pages/okr-chapter-1/");
  });

  it("shows a card per book on the home page, with the chapter count", async () => {
    const $ = await site.page("/");
    const card = $(".book-card").filter((_, el) => $(el).find("a").attr("href") === "/pages/okr/");
    expect(card.find(".book-card__title").text()).toBe(frontMatter("pages/okr.md").title);
    expect(card.find(".book-card__count").text()).toBe("3 chapters");
    expect(card.find(".status").text()).toContain("Status:");
    expect(card.find(".book-card__category").text()).toBe(frontMatter("pages/okr.md").category);
  });

  it("writes a 404 page that links home", async () => {
    const $ = await site.page("/404.html");
    expect($("h1").text()).toBe("Page not found");
    expect($('main a[href="/"]')).toHaveLength(1);
  });
});
