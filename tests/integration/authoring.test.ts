import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { load } from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG_PATH } from "../../src/site/build.js";
import { copyFixture } from "../helpers/cli.js";
import { sharedSite } from "../helpers/shared.js";
import { build, type BuiltSite } from "../helpers/site.js";

const DRAFT = [
  "---",
  "title: Mulch",
  "description: Still growing.",
  "status: orange",
  "category: educational",
  "book: garden",
  "chapter: 1.5",
  "draft: true",
  "---",
  "",
  "Half written.",
].join("\n");

// Tests that change the book build their own copy; the others read the fixture's shared build.
let site: BuiltSite | undefined;
afterEach(async () => {
  await site?.dispose();
  site = undefined;
});

describe("authoring, built for production", () => {
  it("rewrites links to .md files into links to their pages", async () => {
    const site = await sharedSite("small-book");
    const $ = await site.page("/pages/garden/");
    expect($('.content a:contains("the first chapter")').attr("href")).toBe("/pages/garden-chapter-1/");
  });

  it("leaves a draft out: not published, not in navigation, lists, counts, sitemap or search", async () => {
    const content = await copyFixture("small-book");
    await writeFile(path.join(content, "pages/garden-chapter-1-5.md"), DRAFT);
    site = await build(content);
    expect(site.result.ok).toBe(true);
    await expect(site.page("/pages/garden-chapter-1-5/")).rejects.toThrow(/ENOENT/);
    const first = await site.page("/pages/garden-chapter-1/");
    expect(first('nav.chapter-nav a[rel="next"]').attr("href")).toBe("/pages/garden-chapter-2/");
    const book = await site.page("/pages/garden/");
    expect(book(".chapter-list li")).toHaveLength(2);
    const home = await site.page("/");
    expect(home(".book-card__count").text()).toBe("2 chapters");
    const sitemap = await readFile(path.join(site.output, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/pages/garden-chapter-1/");
    expect(sitemap).not.toContain("garden-chapter-1-5");
    const searchMeta = await readFile(path.join(site.output, "pagefind/pagefind-entry.json"), "utf8");
    // The book home and its two published chapters; the home page and the print page are not indexed.
    expect(JSON.parse(searchMeta).languages.en.page_count).toBe(3);
  });

  it("publishes a page with only front matter", async () => {
    const content = await copyFixture("small-book");
    await writeFile(
      path.join(content, "pages/shed.md"),
      "---\ntitle: Shed\ndescription: A book with nothing in it yet.\nstatus: red\ncategory: meta\n---\n",
    );
    site = await build(content);
    expect(site.result.ok).toBe(true);
    const $ = await site.page("/pages/shed/");
    expect($("h1").text()).toBe("Shed");
    expect($(".chapters").text()).toContain("no chapters yet");
  });

  it("reads files with a byte order mark and CRLF line endings", async () => {
    const content = await copyFixture("small-book");
    const file = path.join(content, "pages/garden-chapter-2.md");
    const text = await readFile(file, "utf8");
    await writeFile(file, `\uFEFF${text.replace(/\n/g, "\r\n")}`);
    site = await build(content);
    expect(site.result).toEqual({ ok: true, problems: [] });
    const $ = await site.page("/pages/garden-chapter-2/");
    expect($("h1").text()).toBe("Water");
    expect($('nav.chapter-nav a[rel="prev"]').attr("href")).toBe("/pages/garden-chapter-1/");
  });
});

describe("authoring, previewed by the dev server", () => {
  it("builds a draft with a visible Draft banner, in the book's navigation, and out of search", async () => {
    const content = await copyFixture("small-book");
    await writeFile(path.join(content, "pages/garden-chapter-1-5.md"), DRAFT);
    const output = path.join(content, "_preview");
    const eleventy = new Eleventy(content, output, { configPath: CONFIG_PATH, quietMode: true, runMode: "watch" });
    eleventy.disableLogger();
    try {
      await eleventy.write();
    } finally {
      process.env.ELEVENTY_RUN_MODE = "build";
    }
    const $ = load(await readFile(path.join(output, "pages/garden-chapter-1-5/index.html"), "utf8"));
    expect($(".draft-banner").text()).toContain("Draft");
    expect($("[data-pagefind-body]")).toHaveLength(0);
    const first = load(await readFile(path.join(output, "pages/garden-chapter-1/index.html"), "utf8"));
    expect(first('nav.chapter-nav a[rel="next"]').attr("href")).toBe("/pages/garden-chapter-1-5/");
  });
});

describe("code blocks", () => {
  it("are highlighted at build time", async () => {
    const site = await sharedSite("small-book");
    const $ = await site.page("/pages/garden-chapter-2/");
    const code = $("pre.language-sh code");
    expect(code.find(".token.comment").text()).toBe("# Push a finger into the soil");
    expect(code.find(".token.string").text()).toContain("dry at 2 cm");
  });
});

describe("images", () => {
  it("serves a content image as a responsive picture in modern formats, with its size, lazily", async () => {
    const site = await sharedSite("small-book");
    const $ = await site.page("/pages/garden-chapter-1/");
    const picture = $(".content picture");
    expect(picture.find('source[type="image/avif"]').attr("srcset")).toMatch(/\/img\/\S+-480\.avif 480w/);
    expect(picture.find('source[type="image/webp"]').attr("srcset")).toMatch(/\/img\/\S+-960\.webp 960w/);
    const img = picture.find("img");
    expect(img.attr("alt")).toBe("A seedling in dark soil");
    expect(img.attr("width")).toBe("1000");
    expect(img.attr("height")).toBe("500");
    expect(img.attr("loading")).toBe("lazy");
    const src = img.attr("src")!;
    await expect(readFile(path.join(site.output, src))).resolves.toBeTruthy();
  });

  it("keeps the header image eager, above the fold, with its size", async () => {
    const site = await sharedSite("small-book");
    const $ = await site.page("/pages/garden/");
    const img = $(".header-image img");
    expect(img.attr("loading")).toBe("eager");
    expect(img.attr("width")).toBe("10");
    expect($(".header-image").attr("href")).toBe("/images/bed.svg");
  });
});
