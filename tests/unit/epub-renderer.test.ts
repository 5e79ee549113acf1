import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import { epubRenderer } from "../../src/renderers/epub.js";
import { libraryData, type RenderContext } from "../../src/renderers/renderer.js";
import { site } from "../../src/site-settings.js";
import { openEpub } from "../helpers/epub.js";
import { chapter, home } from "../helpers/pages.js";

const { library } = buildLibrary([home("b"), chapter("b", 1), chapter("b", 2), home("empty")]);
let outputDir: string;
beforeAll(async () => (outputDir = await mkdtemp(path.join(tmpdir(), "minibooks-epub-renderer-"))));
afterAll(() => rm(outputDir, { recursive: true, force: true }));

const context = (runMode: RenderContext["runMode"]): RenderContext => ({
  library: libraryData(library),
  html: {
    "/pages/b-chapter-1/": '<h2 id="one">One</h2>',
    "/pages/b-chapter-2/": '<p>Two, after <a href="/pages/b-chapter-1/#one">one</a>.</p>',
  },
  site,
  runMode,
  updated: { "pages/b.md": "2026-01-02T03:04:05.000Z", "pages/b-chapter-2.md": "2026-02-03T04:05:06.000Z" },
  outputDir,
});

describe("the EPUB renderer", () => {
  it("writes one EPUB per book with chapters, beside the book's home page, in production builds", async () => {
    const files = await epubRenderer.render(context("build"));
    expect(files.map((file) => file.path)).toEqual(["/pages/b/b.epub"]);
    const epub = await openEpub(files[0].content as Uint8Array);
    expect(epub.text("EPUB/b-chapter-2.xhtml")).toContain('<a href="b-chapter-1.xhtml#one">one</a>');
  });

  it("dates the book by the last change to any of its pages", async () => {
    const [file] = await epubRenderer.render(context("build"));
    const opf = (await openEpub(file.content as Uint8Array)).text("EPUB/package.opf");
    expect(opf).toContain('<meta property="dcterms:modified">2026-02-03T04:05:06Z</meta>');
  });

  it("leaves out the EPUB of a book that shows a picture the site does not have, which the image check reports", async () => {
    const broken = context("build");
    broken.html = { ...broken.html, "/pages/b-chapter-2/": '<p><img src="/images/missing.png" alt="Gone"></p>' };
    expect(await epubRenderer.render(broken)).toEqual([]);
  });

  it("writes nothing for the dev server", async () => {
    expect(await epubRenderer.render(context("serve"))).toEqual([]);
  });
});
