import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { GARDEN } from "../helpers/library-fixture.js";
import { build, writeContent, type BuiltSite } from "../helpers/site.js";

const [ONE, TWO, THREE] = GARDEN.chapters;
const NEW = "/pages/garden-chapter-2-5/";

const TITLE = "Between Two & Three <em>chapters</em>";

let site: BuiltSite;
beforeAll(async () => {
  const content = await copyFixture("library");
  await writeContent(
    content,
    "pages/garden-chapter-2-5.md",
    [
      "---",
      `title: "${TITLE}"`,
      "description: A chapter added by one file.",
      "status: orange",
      "category: educational",
      "book: garden",
      "chapter: 2.5",
      "---",
      "",
      "New text.",
    ].join("\n"),
  );
  site = await build(content);
  expect(site.result.ok).toBe(true);
});
afterAll(() => site?.dispose());

describe("adding chapter 2.5 as one file", () => {
  it("becomes chapter 2's next, as escaped text", async () => {
    const $ = await site.page(TWO.url);
    const next = $('nav.chapter-nav a[rel="next"]');
    expect(next.attr("href")).toBe(NEW);
    expect(next.find(".chapter-nav__title").text()).toBe(TITLE);
    expect(next.find("em")).toHaveLength(0);
  });

  it("becomes chapter 3's prev, and chapter 3 becomes 4 of 4", async () => {
    const $ = await site.page(THREE.url);
    expect($('nav.chapter-nav a[rel="prev"]').attr("href")).toBe(NEW);
    expect($("nav.chapter-nav").text()).toContain("Chapter 4 of 4");
  });

  it("takes its place in the book's list and the home page's count", async () => {
    const book = await site.page(GARDEN.url);
    expect(
      book(".chapter-list li a")
        .map((_, a) => book(a).attr("href"))
        .get(),
    ).toEqual([ONE.url, TWO.url, NEW, THREE.url]);
    const home = await site.page("/");
    expect(home(`.book-card:has(a[href="${GARDEN.url}"]) .book-card__count`).text()).toBe("4 chapters");
  });
});
