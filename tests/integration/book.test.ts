import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { STATUS_LABELS } from "../../src/book/schema.js";
import { GARDEN, KITCHEN } from "../helpers/library-fixture.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";
import { fileForUrl } from "../helpers/urls.js";

const [ONE, TWO, THREE] = GARDEN.chapters;

let site: SharedSite;
beforeAll(async () => {
  site = await sharedSite("library");
});

describe("a book of three chapters, built", () => {
  it("links chapter 2 to chapters 1 and 3 once, at the end of its text, with their titles", async () => {
    const $ = await site.page(TWO.url);
    const nav = $("nav.chapter-nav");
    expect(nav).toHaveLength(1);
    expect(nav.prevAll(".content")).toHaveLength(1);
    expect(nav.find('a[rel="prev"]').attr("href")).toBe(ONE.url);
    expect(nav.find('a[rel="prev"]').text()).toContain(ONE.title);
    expect(nav.find('a[rel="next"]').attr("href")).toBe(THREE.url);
    expect(nav.find('a[rel="next"]').text()).toContain(THREE.title);
    expect($('head link[rel="prev"]').attr("href")).toBe(ONE.url);
    expect($('head link[rel="next"]').attr("href")).toBe(THREE.url);
  });

  it("shows the missing side disabled, not as a link, on the first and last chapters", async () => {
    const first = await site.page(ONE.url);
    expect(first('nav a[rel="prev"]')).toHaveLength(0);
    expect(first('nav [aria-disabled="true"]').first().text()).toContain("Previous");
    expect(first('head link[rel="prev"]')).toHaveLength(0);

    const last = await site.page(THREE.url);
    expect(last('nav a[rel="next"]')).toHaveLength(0);
    expect(last('nav [aria-disabled="true"]').first().text()).toContain("Next");
    expect(last('nav.chapter-nav a[rel="prev"]').attr("href")).toBe(TWO.url);
  });

  it("says where the reader is and links the book's index at the bottom", async () => {
    const $ = await site.page(TWO.url);
    const bottom = $("nav.chapter-nav");
    expect(
      bottom
        .find("a")
        .filter((_, a) => $(a).text().trim() === "Index")
        .attr("href"),
    ).toBe(GARDEN.url);
    expect(bottom.text()).toContain("Chapter 2 of 3");
    expect(bottom.find("progress").attr("value")).toBe("2");
    expect(bottom.find("progress").attr("max")).toBe("3");
  });

  it("renders chapter 2 from its Markdown, with its title, description and status", async () => {
    const $ = await site.page(TWO.url);
    expect($("h1").text()).toBe(TWO.title);
    expect($(".lede").text()).toBe("How much water a bed needs, and when to give it.");
    expect($(".status").first().text()).toContain("Status: Taking shape");
    expect($(".meta").text()).toMatch(/\d+ min read/);
    expect($(".content").text()).toContain("Checking moisture");
    expect($(".content .nav-buttons")).toHaveLength(0);
  });

  it("points the header image at a file that exists in the built site", async () => {
    const $ = await site.page(TWO.url);
    const src = $(".header-image img").attr("src")!;
    expect(src).toMatch(/^\/img\/\S+\.svg$/); // through the image pipeline, which keeps SVG as SVG
    expect(existsSync(path.join(site.output, fileForUrl(src)))).toBe(true);
  });

  it("lists every chapter in order on the book home, with a link to start reading", async () => {
    const $ = await site.page(GARDEN.url);
    const items = $(".chapter-list li");
    expect(items.map((_, li) => $(li).find("a").attr("href")).get()).toEqual(GARDEN.chapters.map((c) => c.url));
    expect(items.map((_, li) => $(li).find("a").text()).get()).toEqual(GARDEN.chapters.map((c) => c.title));
    expect(items.first().find(".status").text()).toContain("Status:");
    expect(
      $("a.button")
        .filter((_, a) => $(a).text() === "Start reading")
        .attr("href"),
    ).toBe(ONE.url);
  });

  it("shows a card per book on the home page, with the chapter count", async () => {
    const $ = await site.page("/");
    const card = (url: string) => $(".book-card").filter((_, el) => $(el).find("a").attr("href") === url);
    expect(
      $(".book-card a")
        .map((_, a) => $(a).attr("href"))
        .get(),
    ).toEqual([KITCHEN.url, GARDEN.url]);
    expect(card(GARDEN.url).find(".book-card__title").text()).toBe(GARDEN.title);
    expect(card(GARDEN.url).find(".book-card__count").text()).toBe("3 chapters");
    expect(card(GARDEN.url).find(".status").text()).toContain(`Status: ${STATUS_LABELS.green}`);
    expect(card(GARDEN.url).find(".book-card__category").text()).toBe("educational");
    expect(card(KITCHEN.url).find(".book-card__count").text()).toBe("1 chapter");
  });

  it("writes a 404 page that links home", async () => {
    const $ = await site.page("/404.html");
    expect($("h1").text()).toBe("Page not found");
    expect($('main a[href="/"]')).toHaveLength(1);
  });
});
