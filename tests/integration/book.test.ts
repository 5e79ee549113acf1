import { existsSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { READER_STATUS_LABELS } from "../../src/view/status.js";
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

  it("shows the first chapter's missing side disabled, and ends the last one with the way back to the book", async () => {
    const first = await site.page(ONE.url);
    expect(first('nav a[rel="prev"]')).toHaveLength(0);
    expect(first('nav [aria-disabled="true"]').first().text()).toContain("Previous");
    expect(first('head link[rel="prev"]')).toHaveLength(0);
    expect(first(".book-end")).toHaveLength(0);

    const last = await site.page(THREE.url);
    expect(last('nav a[rel="next"]')).toHaveLength(0);
    expect(last('head link[rel="next"]')).toHaveLength(0);
    expect(last("[aria-disabled]")).toHaveLength(0);
    const back = last("nav.chapter-nav .chapter-nav__link--next");
    expect(back.attr("href")).toBe(GARDEN.url);
    expect(back.text().replace(/\s+/g, " ").trim()).toBe(`The end Back to ${GARDEN.title}`);
    expect(last('nav.chapter-nav a[rel="prev"]').attr("href")).toBe(TWO.url);
  });

  it("ends the last chapter with the whole book to take along and the library's other books", async () => {
    const $ = await site.page(THREE.url);
    const end = $(".book-end");
    expect(end.find("h2").text()).toBe(`You have reached the end of ${GARDEN.title}`);
    const links = end
      .find(".book-end__files li")
      .map((_, li) => ({ href: $(li).find("a").attr("href"), hidden: $(li).attr("hidden") !== undefined }))
      .get();
    expect(links).toEqual([
      { href: `${GARDEN.url}garden.epub`, hidden: false },
      { href: `${GARDEN.url}garden.pdf`, hidden: false },
      { href: `${GARDEN.url}print/`, hidden: false },
    ]);
    expect(end.find('[data-size-of$=".epub"]').text()).toMatch(/^\(\d+ (bytes|KB|MB)\)$/);
    expect(end.find('[data-size-of$=".pdf"]').text()).toMatch(/^\(\d+ (bytes|KB|MB)\)$/);
    expect(existsSync(path.join(site.output, fileForUrl(`${GARDEN.url}garden.epub`)))).toBe(true);
    expect(
      end
        .find(".book-end__books a")
        .map((_, a) => [[$(a).attr("href"), $(a).text()]])
        .get(),
    ).toEqual([[KITCHEN.url, KITCHEN.title]]);
    expect(end.attr("data-pagefind-ignore")).toBeDefined();
  });

  it("says where the reader is and links the book's contents at the bottom", async () => {
    const $ = await site.page(TWO.url);
    const bottom = $("nav.chapter-nav");
    expect(
      bottom
        .find("a")
        .filter((_, a) => $(a).text().trim() === "Contents")
        .attr("href"),
    ).toBe(GARDEN.url);
    expect(bottom.text()).toContain("Chapter 2 of 3");
    expect(bottom.find("progress").attr("value")).toBe("2");
    expect(bottom.find("progress").attr("max")).toBe("3");
  });

  it("renders chapter 2 from its Markdown, with its title, description and its status in a reader's words", async () => {
    const $ = await site.page(TWO.url);
    expect($("h1").text()).toBe(TWO.title);
    expect($(".lede").text()).toBe("How much water a bed needs, and when to give it.");
    expect($(".meta .status").text()).toBe("In progress");
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

  it("lists every chapter in order on the book home before its introduction, with a link to start reading", async () => {
    const $ = await site.page(GARDEN.url);
    const items = $(".chapter-list li");
    expect(items.map((_, li) => $(li).find("a").attr("href")).get()).toEqual(GARDEN.chapters.map((c) => c.url));
    expect(items.map((_, li) => $(li).find("a").text()).get()).toEqual(GARDEN.chapters.map((c) => c.title));
    // Only a chapter that is not ready says how far along it is.
    expect(items.map((_, li) => $(li).find(".status").text()).get()).toEqual(["", "In progress", "Early notes"]);
    expect($(".chapters").nextAll(".content")).toHaveLength(1);
    expect($(".chapters").prevAll(".page-header").find(".start-reading")).toHaveLength(1);
    expect(
      $(".toc a")
        .map((_, a) => $(a).text())
        .get()
        .at(-1),
    ).toBe("Read it anywhere");
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
    // A ready book says nothing of it; one still in jottings says so.
    expect(card(GARDEN.url).find(".status")).toHaveLength(0);
    expect(card(KITCHEN.url).find(".status").text()).toBe(READER_STATUS_LABELS.orange);
    expect(card(GARDEN.url).find(".book-card__category").text()).toBe("educational");
    expect(card(KITCHEN.url).find(".book-card__count").text()).toBe("1 chapter");
  });

  it("writes a 404 page that links home", async () => {
    const $ = await site.page("/404.html");
    expect($("h1").text()).toBe("Page not found");
    expect($('main a[href="/"]')).toHaveLength(1);
  });
});
