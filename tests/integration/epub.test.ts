import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { load } from "cheerio";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import {
  describeWithEpubcheck,
  epubcheck,
  openEpub,
  referencedFiles,
  spineFiles,
  type OpenedEpub,
} from "../helpers/epub.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";
import { build } from "../helpers/site.js";
import { REPO_ROOT } from "../../src/repo.js";

const git = promisify(execFile);

describe("the EPUB of a fixture book", () => {
  let site: SharedSite;
  let epub: OpenedEpub;
  beforeAll(async () => {
    // Built once for the run by `npm run build`'s code, which fails on any problem.
    site = await sharedSite("epub-book");
    epub = await openEpub(path.join(site.output, "pages/tea/tea.epub"));
  });

  it("holds every published chapter in reading order, and no draft", () => {
    const spine = spineFiles(epub.text("EPUB/package.opf"));
    expect(spine.filter((file) => file.startsWith("tea-"))).toEqual([
      "tea-chapter-1.xhtml",
      "tea-chapter-2.xhtml",
      "tea-chapter-3.xhtml",
    ]);
    expect(epub.names.some((name) => name.includes("chapter-4"))).toBe(false);
    const nav = epub.text("EPUB/nav.xhtml");
    expect([...nav.matchAll(/<a href="(tea-chapter-\d\.xhtml)">/g)].map(([, href]) => href)).toEqual(spine.slice(-3));
  });

  it("has every picture and page it refers to inside it", () => {
    const referenced = referencedFiles(epub);
    expect(referenced).toContain("EPUB/images/images-cup.png");
    expect(referenced.filter((file) => /\.(png|jpe?g|gif)$/.test(file)).length).toBeGreaterThanOrEqual(2);
    for (const file of referenced) expect(epub.names, file).toContain(file);
  });

  it("keeps the chapter's content: table, highlighted code, sections, and links to the book's own files", () => {
    const leaves = load(epub.text("EPUB/tea-chapter-1.xhtml"), { xml: true });
    const href = (text: string) =>
      leaves("a")
        .filter((_, a) => leaves(a).text() === text)
        .attr("href");
    expect(href("how hot the water should be")).toBe("tea-chapter-3.xhtml#water-temperature");
    // The book's home page is in the book: its text is the introduction.
    expect(href("book's home page")).toBe("introduction.xhtml");
    expect(href("guide elsewhere")).toBe("https://example.org/tea?kind=green&sort=asc");
    expect(leaves("table td").eq(1).text()).toBe("80 °C");
    expect(leaves(".heading-anchor").length).toBe(0);
    const source = epub.text("EPUB/tea-chapter-3.xhtml");
    const brewing = load(source, { xml: true });
    expect(brewing("pre.language-js > code.language-js > span.token.comment").text()).toBe(
      "// Steep for the right time, then pour.",
    );
    expect(
      brewing("a")
        .map((_, a) => brewing(a).attr("href"))
        .get(),
    ).toEqual(["tea-chapter-1.xhtml#kinds-of-leaf", "#water-temperature"]);
    expect(source).not.toMatch(/<script|https?:\/\/[^"]*\.(png|svg|css|js)"/);
  });

  it("names its author and dates from git, and says what it offers readers with disabilities", () => {
    const opf = load(epub.text("EPUB/package.opf"), { xml: true });
    const meta = (property: string) =>
      opf(`metadata > meta[property="${property}"]`)
        .map((_, m) => opf(m).text().trim())
        .get();
    expect(opf("metadata > dc\\:creator").text()).toBe("Ada Lovelace & Friends");
    expect(opf("metadata > dc\\:date").text()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(meta("dcterms:modified")[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(opf("metadata > dc\\:date").text())).toBeLessThanOrEqual(Date.parse(meta("dcterms:modified")[0]));
    expect(meta("schema:accessMode")).toEqual(["textual", "visual"]);
    expect(meta("schema:accessModeSufficient")).toEqual(["textual", "textual,visual"]);
    expect(meta("schema:accessibilityFeature")).toEqual(
      expect.arrayContaining(["structuralNavigation", "tableOfContents", "alternativeText"]),
    );
    expect(meta("schema:accessibilityHazard")).toEqual(["none"]);
    expect(meta("schema:accessibilitySummary")).toHaveLength(1);
    expect(epub.text("EPUB/title.xhtml")).toContain('<p class="author">Ada Lovelace &amp; Friends</p>');
  });

  it("has a portrait cover made for it, and each chapter's header picture", async () => {
    const opf = epub.text("EPUB/package.opf");
    expect(opf).toContain(
      '<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>',
    );
    const entries = unzipSync(epub.bytes);
    expect(await sharp(entries["EPUB/images/cover.png"]).metadata()).toMatchObject({ width: 1600, height: 2400 });
    const brewing = load(epub.text("EPUB/tea-chapter-3.xhtml"), { xml: true });
    const header = brewing(".chapter-header figure.header-image img");
    expect(header.attr("alt")).toBe("The cup, full");
    expect(epub.names).toContain(`EPUB/${header.attr("src")}`);
    expect(load(epub.text("EPUB/tea-chapter-1.xhtml"), { xml: true })(".chapter-header img").length).toBe(0);
  });

  it("carries the book home's text as its introduction, first after the title page", () => {
    const spine = spineFiles(epub.text("EPUB/package.opf"));
    expect(spine.slice(0, 4)).toEqual(["cover.xhtml", "title.xhtml", "introduction.xhtml", "nav.xhtml"]);
    const intro = load(epub.text("EPUB/introduction.xhtml"), { xml: true });
    expect(intro("h1").text()).toBe("Introduction");
    expect(
      intro("h2")
        .map((_, h) => intro(h).text())
        .get(),
    ).toEqual(["What this book is for", "How to read it"]);
    expect(intro('a:contains("brew")').attr("href")).toBe("tea-chapter-3.xhtml#water-temperature");
    const nav = load(epub.text("EPUB/nav.xhtml"), { xml: true });
    expect(nav("#toc > ol > li > a").first().attr("href")).toBe("introduction.xhtml");
  });

  it("makes footnotes notes a reading app pops up, and alerts boxed asides with their label", () => {
    const cups = load(epub.text("EPUB/tea-chapter-2.xhtml"), { xml: true, xmlMode: true });
    const refs = cups('a[epub\\:type="noteref"]');
    expect(refs.map((_, a) => `${cups(a).attr("href")} ${cups(a).text()}`).get()).toEqual([
      "#fn1 1",
      "#fn2 2",
      "#fn1 1",
    ]);
    const notes = cups('aside[epub\\:type="footnote"]');
    expect(notes.map((_, n) => `${cups(n).attr("id")}: ${cups(n).find("p").first().text().trim()}`).get()).toEqual([
      "fn1: 1. The glaze lasts longer. ↩︎ ↩︎",
      "fn2: 2. On the top rack. ↩︎",
    ]);
    expect(cups(".footnotes-sep").length).toBe(0);
    const alerts = cups("aside.alert");
    expect(
      alerts.map((_, a) => `${cups(a).attr("epub:type")}: ${cups(a).find(".alert-title strong").text()}`).get(),
    ).toEqual(["tip: Tip", "notice: Warning"]);
    expect(epub.text("EPUB/style.css")).toMatch(/aside\.alert \{[^}]*border: 1px solid currentColor/);
  });

  it("is kept for offline reading with the book: the manifest lists every page and the EPUB, the worker is at the top", async () => {
    const manifest = JSON.parse(await site.text("pages/tea/offline.json"));
    const urls = manifest.files.map((file: { url: string }) => file.url);
    for (const url of [
      "/pages/tea/",
      "/pages/tea/print/",
      "/pages/tea/tea.epub",
      "/assets/site.css",
      "/assets/offline.js",
    ])
      expect(urls).toContain(url);
    for (const n of [1, 2, 3]) expect(urls).toContain(`/pages/tea-chapter-${n}/`);
    expect(urls.some((url: string) => url.includes("chapter-4"))).toBe(false);
    const epub = manifest.files.find((file: { url: string }) => file.url === "/pages/tea/tea.epub");
    expect(epub.size).toBe((await stat(path.join(site.output, "pages/tea/tea.epub"))).size);
    expect(await site.text("sw.js")).toBe(await readFile(path.join(REPO_ROOT, "layouts/assets/sw.js"), "utf8"));
    for (const url of ["/pages/tea/", "/pages/tea-chapter-1/"]) {
      const page = await site.page(url);
      const control = page("[data-offline]");
      expect(control.attr("data-offline")).toBe("/pages/tea/offline.json");
      // Hidden until the script shows it: without JavaScript the page is as it was.
      expect(control.attr("hidden")).toBeDefined();
      expect(page('script[src="/assets/offline.js"]').length).toBe(1);
    }
  });

  it("is offered on the book home with its size, and from every chapter with the print page", async () => {
    const home = await site.page("/pages/tea/");
    const link = home('a[href="/pages/tea/tea.epub"]');
    const size = (await stat(path.join(site.output, "pages/tea/tea.epub"))).size;
    expect(link.text()).toBe(`Download EPUB (${Math.round(size / 1000)} KB)`);
    expect(home('a[href="/pages/tea/print/"]').text()).toBe("Print or save as PDF");
    for (const n of [1, 2, 3]) {
      const chapter = await site.page(`/pages/tea-chapter-${n}/`);
      expect(chapter('.page-footer a[href="/pages/tea/tea.epub"]').text()).toBe(
        `Download EPUB (${Math.round(size / 1000)} KB)`,
      );
      expect(chapter('.page-footer a[href="/pages/tea/print/"]').text()).toBe("Print");
    }
  });

  it("prints the book home's text as the introduction, first after the contents, and each chapter's header picture", async () => {
    const print = await site.page("/pages/tea/print/");
    expect(print(".print-book__author").text()).toBe("Ada Lovelace & Friends");
    expect(
      print(".print-book__toc a")
        .map((_, a) => `${print(a).attr("href")} ${print(a).text()}`)
        .get(),
    ).toEqual(["#introduction Introduction", "#chapter-1 Leaves", "#chapter-2 Cups", "#chapter-3 Brewing"]);
    const intro = print(".print-book__chapter").first();
    expect(intro.is(".print-book__introduction")).toBe(true);
    expect(intro.find("h2").text()).toBe("Introduction");
    expect(
      intro
        .find("h3")
        .map((_, h) => print(h).text())
        .get(),
    ).toEqual(["What this book is for", "How to read it"]);
    expect(intro.find('a:contains("brew")').attr("href")).toBe("#chapter-3-water-temperature");
    // The chapter's link to the book's home page stays on the page: the introduction is its text.
    expect(print('a:contains("book\'s home page")').attr("href")).toBe("#introduction");
    expect(print(".print-book__title-page .print-book__image img").attr("alt")).toBe("A brown cup on a green table");
    const pictures = print(".print-book__chapter .print-book__image img");
    expect(pictures.map((_, img) => print(img).attr("alt")).get()).toEqual(["The cup, full"]);
    expect(pictures.closest(".print-book__chapter").attr("aria-labelledby")).toBe("chapter-3");
  });

  it("has a print page that search engines leave out, pointing them at the book home", async () => {
    const print = await site.page("/pages/tea/print/");
    expect(print('meta[name="robots"]').attr("content")).toBe("noindex");
    expect(print('link[rel="canonical"]').attr("href")).toBe("https://minibooks.example.org/pages/tea/");
    expect(print("h1").text()).toBe("Tea");
    expect(print("h2.print-book__title").length).toBe(4);
    expect(print(".print-book__content h2").length).toBe(0);
    expect(print(".print-book__chapter:not(.print-book__introduction) .print-book__content h3").first().text()).toBe(
      "Kinds of leaf",
    );
    expect(print(".print-book__chapter").eq(1).find('a[href="#chapter-3-water-temperature"]').text()).toBe(
      "how hot the water should be",
    );
  });
});

describeWithEpubcheck("EPUBCheck", () => {
  it("finds no error and no warning in the fixture book's EPUB", async () => {
    const site = await sharedSite("epub-book");
    const report = await epubcheck(path.join(site.output, "pages/tea/tea.epub"));
    expect(report.messages).toEqual([]);
    expect(report).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
  });
});

describe("two builds of one commit", () => {
  let root: string;
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("give byte-identical EPUBs, dated by the book's last commit", async () => {
    root = await mkdtemp(path.join(tmpdir(), "minibooks-epub-clones-"));
    const repo = await copyFixture("epub-book");
    const env = { ...process.env, GIT_AUTHOR_DATE: "2025-06-07T08:09:10Z", GIT_COMMITTER_DATE: "2025-06-07T08:09:10Z" };
    const run = (args: string[], cwd: string) => git("git", args, { cwd, env });
    await run(["init", "-q"], repo);
    await run(["add", "."], repo);
    await run(["-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "Tea"], repo);
    const epubs: Buffer[] = [];
    for (const name of ["one", "two"]) {
      const clone = path.join(root, name);
      await run(["clone", "-q", repo, clone], root);
      const site = await build(clone);
      expect(site.result.ok).toBe(true);
      epubs.push(await readFile(path.join(site.output, "pages/tea/tea.epub")));
      await rm(path.dirname(site.output), { recursive: true, force: true });
    }
    await rm(repo, { recursive: true, force: true });
    expect(epubs[0].equals(epubs[1])).toBe(true);
    const opf = (await openEpub(new Uint8Array(epubs[0]))).text("EPUB/package.opf");
    expect(opf).toContain('<meta property="dcterms:modified">2025-06-07T08:09:10Z</meta>');
    expect(opf).toContain("<dc:date>2025-06-07T08:09:10Z</dc:date>");
  });
});
