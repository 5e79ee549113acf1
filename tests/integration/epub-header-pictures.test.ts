import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { describeWithEpubcheck, epubcheck, openEpub, type OpenedEpub } from "../helpers/epub.js";
import { build, type BuiltSite } from "../helpers/site.js";

/**
 * The fixture book with a header picture that one chapter alone shows: a PNG in a folder of its own
 * under images/, named relative to the chapter's file, shown nowhere in any chapter's text.
 */
async function bookWithHeaderPicture(): Promise<BuiltSite> {
  const content = await copyFixture("epub-book");
  await mkdir(path.join(content, "images/headers"), { recursive: true });
  const kettle = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#a0522d" } })
    .png()
    .toBuffer();
  await writeFile(path.join(content, "images/headers/kettle.png"), kettle);
  const chapter = path.join(content, "pages/tea-chapter-2.md");
  const text = await readFile(chapter, "utf8");
  await writeFile(
    chapter,
    text.replace("chapter: 2\n", "chapter: 2\nimage: ../images/headers/kettle.png\nimageAlt: A kettle on the stove\n"),
  );
  return build(content);
}

let site: BuiltSite;
let epub: OpenedEpub;
beforeAll(async () => {
  site = await bookWithHeaderPicture();
  expect(site.result.problems).toEqual([]);
  epub = await openEpub(path.join(site.output, "pages/tea/tea.epub"));
}, 600_000);
afterAll(() => site?.dispose());

describe("an EPUB chapter's header picture", () => {
  it("stands at the head of the chapter's XHTML, with its alt text, as a file packed in the book", () => {
    const cups = load(epub.text("EPUB/tea-chapter-2.xhtml"), { xml: true });
    const header = cups(".chapter-header figure.header-image img");
    expect(header.length).toBe(1);
    expect(header.attr("alt")).toBe("A kettle on the stove");
    const src = header.attr("src") ?? "";
    expect(src).toMatch(/^images\/[^/]+\.png$/);
    expect(epub.names).toContain(`EPUB/${src}`);
    const opf = load(epub.text("EPUB/package.opf"), { xml: true });
    expect(opf(`manifest > item[href="${src}"]`).attr("media-type")).toBe("image/png");
  });

  it("is the picture the chapter's front matter names", async () => {
    const cups = load(epub.text("EPUB/tea-chapter-2.xhtml"), { xml: true });
    const src = cups(".chapter-header figure.header-image img").attr("src") ?? "";
    const packed = unzipSync(epub.bytes)[`EPUB/${src}`];
    expect(await sharp(packed).metadata()).toMatchObject({ width: 64, height: 48, format: "png" });
  });

  it("is left out of the chapters that name none", () => {
    const leaves = load(epub.text("EPUB/tea-chapter-1.xhtml"), { xml: true });
    expect(leaves(".chapter-header img").length).toBe(0);
  });
});

describeWithEpubcheck("EPUBCheck over a book whose chapter has a header picture of its own", () => {
  it("finds no error and no warning", async () => {
    const report = await epubcheck(path.join(site.output, "pages/tea/tea.epub"));
    expect(report.messages).toEqual([]);
    expect(report).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });
});
