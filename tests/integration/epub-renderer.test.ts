import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import { epubRenderer } from "../../src/renderers/epub.js";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { libraryData, renderAll, type RenderContext } from "../../src/renderers/renderer.js";
import { site } from "../../src/site-settings.js";
import { openEpub } from "../helpers/epub.js";
import { chapter, home, page } from "../helpers/pages.js";

const { library } = buildLibrary([
  home("b"),
  chapter("b", 1),
  chapter("b", 2),
  home("empty"),
  page("pages/own.md", { title: "Own", author: "Grace Hopper" }),
  chapter("own", 1),
]);
let outputDir: string;
beforeAll(async () => (outputDir = await mkdtemp(path.join(tmpdir(), "minibooks-epub-renderer-"))));
afterAll(() => rm(outputDir, { recursive: true, force: true }));

const context = (runMode: RenderContext["runMode"]): RenderContext => ({
  library: libraryData(library),
  html: {
    "/pages/b/": '<h2 id="about">About this book</h2><p>Read <a href="/pages/b-chapter-2/">two</a> last.</p>',
    "/pages/b-chapter-1/": '<h2 id="one">One</h2>',
    "/pages/b-chapter-2/": '<p>Two, after <a href="/pages/b-chapter-1/#one">one</a>.</p>',
  },
  headings: {},
  site,
  runMode,
  updated: { "pages/b.md": "2026-01-02T03:04:05.000Z", "pages/b-chapter-2.md": "2026-02-03T04:05:06.000Z" },
  published: { "pages/b.md": "2025-01-02T03:04:05.000Z", "pages/b-chapter-2.md": "2025-05-06T07:08:09.000Z" },
  outputDir,
});

describe("the EPUB renderer", () => {
  it("writes one EPUB per book with chapters, beside the book's home page, in production builds", async () => {
    const files = await renderAll(epubRenderer, context("build"));
    expect(files.map((file) => file.path)).toEqual(["/pages/b/b.epub", "/pages/own/own.epub"]);
    const epub = await openEpub(files[0].content as Uint8Array);
    expect(epub.text("EPUB/b-chapter-2.xhtml")).toContain('<a href="b-chapter-1.xhtml#one">one</a>');
  });

  it("dates the book by the last change to any of its pages, and its publication by the first", async () => {
    const [file] = await renderAll(epubRenderer, context("build"));
    const opf = (await openEpub(file.content as Uint8Array)).text("EPUB/package.opf");
    expect(opf).toContain('<meta property="dcterms:modified">2026-02-03T04:05:06Z</meta>');
    expect(opf).toContain("<dc:date>2025-01-02T03:04:05Z</dc:date>");
  });

  it("names the site's author, unless the book's home page names its own", async () => {
    const [b, own] = await renderAll(epubRenderer, context("build"));
    const author = async (file: { content: string | Uint8Array }) =>
      /<dc:creator id="book-creator">([^<]*)<\/dc:creator>/.exec(
        (await openEpub(file.content as Uint8Array)).text("EPUB/package.opf"),
      )?.[1];
    expect(await author(b)).toBe(site.author);
    expect(await author(own)).toBe("Grace Hopper");
  });

  it("carries the book home's text as the introduction, and a portrait cover of 1600 by 2400 pixels", async () => {
    const [file] = await renderAll(epubRenderer, context("build"));
    const epub = await openEpub(file.content as Uint8Array);
    expect(epub.text("EPUB/introduction.xhtml")).toContain(
      '<h2 id="about">About this book</h2><p>Read <a href="b-chapter-2.xhtml">two</a> last.</p>',
    );
    const png = unzipSync(epub.bytes)["EPUB/images/cover.png"];
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 1600, height: 2400 });
  });

  it("leaves out the EPUB of a book that shows a picture the site does not have, which the image check reports", async () => {
    const broken = context("build");
    broken.html = { ...broken.html, "/pages/b-chapter-2/": '<p><img src="/images/missing.png" alt="Gone"></p>' };
    expect((await renderAll(epubRenderer, broken)).map((file) => file.path)).toEqual(["/pages/own/own.epub"]);
  });

  it("writes nothing for the dev server", async () => {
    expect(await renderAll(epubRenderer, context("serve"))).toEqual([]);
  });
});
