import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { load } from "cheerio";
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
    expect(href("book's home page")).toBe("https://minibooks.example.org/pages/tea/");
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

  it("is offered on the book home with its size, and from every chapter with the print page", async () => {
    const home = await site.page("/pages/tea/");
    const link = home('a[href="/pages/tea/tea.epub"]');
    const size = (await stat(path.join(site.output, "pages/tea/tea.epub"))).size;
    expect(link.text()).toBe(`Download EPUB (${Math.round(size / 1000)} KB)`);
    expect(home('a[href="/pages/tea/print/"]').text()).toBe("Print or save as PDF");
    for (const n of [1, 2, 3]) {
      const chapter = await site.page(`/pages/tea-chapter-${n}/`);
      expect(chapter('.page-footer a[href="/pages/tea/tea.epub"]').text()).toBe("Download EPUB");
      expect(chapter('.page-footer a[href="/pages/tea/print/"]').text()).toBe("Print or save as PDF");
    }
  });

  it("has a print page that search engines leave out, pointing them at the book home", async () => {
    const print = await site.page("/pages/tea/print/");
    expect(print('meta[name="robots"]').attr("content")).toBe("noindex");
    expect(print('link[rel="canonical"]').attr("href")).toBe("https://minibooks.example.org/pages/tea/");
    expect(print("h1").text()).toBe("Tea");
    expect(print("h2.print-book__title").length).toBe(3);
    expect(print(".print-book__content h2").length).toBe(0);
    expect(print(".print-book__content h3").first().text()).toBe("Kinds of leaf");
    expect(print(".print-book__chapter").eq(0).find('a[href="#chapter-3-water-temperature"]').text()).toBe(
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
  });
});
