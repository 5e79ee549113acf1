import { readFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedSite, type SharedSite } from "../helpers/shared.js";

// tests/fixtures/reader-book: one book of three chapters of about 3, 2 and 1 minutes' reading
// (740, 465 and 249 words), with alerts, footnotes, a wide table and a code block in chapter 1, and a
// footnote in chapter 2's first section.
// Built once for the run by `npm run build`'s code, which fails on any problem; the browser tests read it too.
let site: SharedSite;
beforeAll(async () => {
  site = await sharedSite("reader-book");
});

const CHAPTERS = ["/pages/river-chapter-1/", "/pages/river-chapter-2/", "/pages/river-chapter-3/"];

describe("reading time", () => {
  it("shows each chapter's minutes and the minutes left in the book from it", async () => {
    const shown = [];
    for (const url of CHAPTERS) {
      const $ = await site.page(url);
      shown.push([$(".meta .reading-time").text(), $(".meta .time-left").text()]);
    }
    expect(shown).toEqual([
      ["3 min read", "6 min left in the book"],
      ["2 min read", "3 min left in the book"],
      ["1 min read", "1 min left in the book"],
    ]);
  });

  it("gives the book's total on its home and on its card, computed from the chapters", async () => {
    const book = await site.page("/pages/river/");
    expect(book(".meta").text().replace(/\s+/g, " ").trim()).toContain("3 chapters 6 min to read the whole book");
    const home = await site.page("/");
    expect(home('.book-card:has(a[href="/pages/river/"]) .book-card__time').text()).toBe("6 min read");
  });
});

describe("Markdown for technical guides", () => {
  it("renders GitHub alerts as titled notes", async () => {
    const $ = await site.page(CHAPTERS[0]);
    const alerts = $(".content .markdown-alert");
    expect(
      alerts
        .map((_, el) => [[$(el).attr("class"), $(el).attr("role"), $(el).find(".markdown-alert-title").text()]])
        .get(),
    ).toEqual([
      ["markdown-alert markdown-alert-note", "note", "Note"],
      ["markdown-alert markdown-alert-tip", "note", "Tip"],
      ["markdown-alert markdown-alert-warning", "note", "Warning"],
    ]);
    expect(alerts.first().find("p").last().text()).toBe("Levels are read at seven.");
    expect($(".content blockquote")).toHaveLength(0);
  });

  it("renders footnotes, linked both ways, in a labelled list", async () => {
    const $ = await site.page(CHAPTERS[0]);
    const ref = $(".content sup.footnote-ref a");
    expect(ref.attr("href")).toBe("#fn1");
    const note = $(".footnotes[aria-label='Footnotes'] li#fn1");
    expect(note.text()).toContain("The oldest mark is from the great flood.");
    expect(note.find("a.footnote-backref").attr("href")).toBe(`#${ref.attr("id")}`);
    expect(note.find("a.footnote-backref").attr("aria-label")).toBe("Back to the text of footnote 1");
  });

  it("puts tables and code blocks in focusable regions named after what they hold", async () => {
    const $ = await site.page(CHAPTERS[0]);
    const table = $(".content table").parent();
    expect([table.attr("class"), table.attr("role"), table.attr("tabindex"), table.attr("aria-label")]).toEqual([
      "table-scroll",
      "region",
      "0",
      "Table: Where the gauges stand",
    ]);
    const pre = $(".content pre");
    expect([pre.attr("role"), pre.attr("tabindex"), pre.attr("aria-label")]).toEqual([
      "region",
      "0",
      "Code example, sh",
    ]);
  });

  it("puts no copy button in the HTML: scripts add it, so there is none without them", async () => {
    const $ = await site.page(CHAPTERS[0]);
    expect($(".copy-button")).toHaveLength(0);
  });
});

describe("sharing", () => {
  it("points og:image at a 1200x630 PNG made from the book's header image, on the book, its chapters and the home page", async () => {
    for (const url of ["/pages/river/", CHAPTERS[1], "/"]) {
      const $ = await site.page(url);
      const image = new URL($('meta[property="og:image"]').attr("content")!);
      expect(image.pathname).toMatch(/^\/img\/river-[0-9a-f]{10}-social\.png$/);
      expect($('meta[property="og:image:width"]').attr("content")).toBe("1200");
      expect($('meta[property="og:image:height"]').attr("content")).toBe("630");
      expect($('meta[property="og:image:alt"]').attr("content")).toBe(
        "A river under a pale sky, drawn as bands of blue",
      );
      const { format, width, height } = await sharp(await readFile(path.join(site.output, image.pathname))).metadata();
      expect({ format, width, height }).toEqual({ format: "png", width: 1200, height: 630 });
    }
  });

  it("makes the picture a card: whole, inside a margin, on a blurred ground with no hard line", async () => {
    const $ = await site.page("/pages/river/");
    const image = new URL($('meta[property="og:image"]').attr("content")!);
    const { data, info } = await sharp(await readFile(path.join(site.output, image.pathname)))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => {
      const i = (y * info.width + x) * info.channels;
      return [data[i], data[i + 1], data[i + 2]];
    };
    const step = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
    // Around the card, a band 40 px wide on every side: the ground changes gently, pixel to pixel.
    let sharpest = 0;
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const inBand = x < 40 || y < 40 || x >= info.width - 40 || y >= info.height - 40;
        if (!inBand) continue;
        if (x + 1 < info.width) sharpest = Math.max(sharpest, step(at(x, y), at(x + 1, y)));
        if (y + 1 < info.height) sharpest = Math.max(sharpest, step(at(x, y), at(x, y + 1)));
      }
    }
    expect(sharpest, "the largest step between neighbouring pixels around the card").toBeLessThan(6);
  });
});

describe("the feed", () => {
  it("titles each chapter with its book, sums it up, and carries its text without the headings' # links", async () => {
    const $ = load(await site.text("feed.xml"), { xml: true });
    const entries = $("entry")
      .map((_, entry) => ({
        title: $(entry).children("title").text(),
        link: $(entry).children("link").attr("href"),
        summary: $(entry).children("summary").text(),
      }))
      .get();
    expect(entries.map((entry) => entry.title).sort()).toEqual([
      "Birds of the Bank · A River Year",
      "Floods · A River Year",
      "Reading the Gauges · A River Year",
    ]);
    const gauges = entries.find((entry) => entry.title.startsWith("Reading the Gauges"))!;
    expect(gauges.summary).toBe("Where the river is measured, and how often.");
    expect(new URL(gauges.link!).pathname).toBe(CHAPTERS[0]);
    for (const entry of $("entry").get()) {
      const html = load($(entry).children("content").text());
      expect(html.text()).not.toContain("Link to the section");
      expect(html(".heading-anchor")).toHaveLength(0);
      expect(html("h2").length).toBeGreaterThan(0);
      // Every address leads back to the site from a feed reader.
      for (const el of html("[href], [src]").get()) {
        const address = html(el).attr("href") ?? html(el).attr("src")!;
        expect(address, `an address in ${$(entry).children("title").text()}`).toMatch(/^https?:\/\//);
      }
    }
    const floods = load(
      $("entry")
        .filter((_, entry) => $(entry).children("title").text().startsWith("Floods"))
        .children("content")
        .text(),
    );
    expect(floods("img").attr("src")).toMatch(/^https?:\/\/[^/]+\/img\//);
  });
});
