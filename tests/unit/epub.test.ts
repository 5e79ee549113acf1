import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { epubUrl } from "../../src/book/library.js";
import { EpubError, writeEpub, type EpubInput } from "../../src/epub/epub.js";
import { bookImage, bookImageName } from "../../src/epub/images.js";
import { toXhtml, type LinkTargets } from "../../src/epub/xhtml.js";
import { openEpub, spineFiles } from "../helpers/epub.js";

const targets = (images: string[] = []): LinkTargets => ({
  siteUrl: "https://books.example.org",
  pageUrl: "/pages/a/",
  chapterFile: (url) => ({ "/pages/a/": "a.xhtml", "/pages/b/": "b.xhtml" })[url],
  imageFile: (sitePath) => {
    images.push(sitePath);
    return bookImageName(sitePath);
  },
});

/** The XHTML body of a piece of a chapter. */
const body = (html: string, linkTargets: LinkTargets) => toXhtml(html, linkTargets).body;

describe("a chapter's HTML as XHTML", () => {
  it("points links at the book's own files, keeps sections, and makes site links absolute", () => {
    const html =
      '<p><a href="/pages/b/#part">b</a> <a href="/pages/a/#top">self</a> <a href="#top">top</a> ' +
      '<a href="/pages/home/">home</a> <a href="https://example.org/x?a=1&amp;b=2">out</a> <a href="javascript:alert(1)">js</a></p>';
    expect(body(html, targets())).toBe(
      '<p><a href="b.xhtml#part">b</a> <a href="#top">self</a> <a href="#top">top</a> ' +
        '<a href="https://books.example.org/pages/home/">home</a> <a href="https://example.org/x?a=1&amp;b=2">out</a> <a>js</a></p>',
    );
  });

  it("drops the section links beside headings and their wrappers", () => {
    const html =
      '<div class="heading">\n<h2 id="part" tabindex="-1">Part</h2>\n<a class="heading-anchor" href="#part"><span class="visually-hidden">Link</span> #</a></div>';
    expect(body(html, targets())).toBe('\n<h2 id="part">Part</h2>\n');
  });

  it("turns a responsive picture into its widest image, packed in the book", () => {
    const images: string[] = [];
    const html =
      '<picture><source type="image/webp" srcset="/img/x-480.webp 480w, /img/x-960.webp 960w">' +
      '<img alt="A leaf" src="/img/x-480.png" srcset="/img/x-480.png 480w, /img/x-1000.png 1000w, /img/x-960.png 960w" width="1000" height="500" loading="lazy" decoding="async" sizes="100vw"></picture>';
    expect(body(html, targets(images))).toBe(
      '<img alt="A leaf" src="images/img-x-1000.png" width="1000" height="500"/>',
    );
    expect(images).toEqual(["/img/x-1000.png"]);
  });

  it("links to an image from elsewhere instead of loading it", () => {
    expect(body('<img src="https://cdn.example.org/x.png" alt="Chart">', targets())).toBe(
      '<a href="https://cdn.example.org/x.png">Chart</a>',
    );
  });

  it("finds the h2 and h3 headings with ids, for the contents", () => {
    const html =
      '<div class="heading"><h2 id="a">A <code>b</code></h2><a class="heading-anchor" href="#a">#</a></div><h3 id="c">C</h3><h4 id="d">D</h4><h2>No id</h2>';
    expect(toXhtml(html, targets()).headings).toEqual([
      { level: 2, id: "a", text: "A b" },
      { level: 3, id: "c", text: "C" },
    ]);
  });

  it("leaves out scripts, event handlers, embedded pages and repeated ids, and writes well-formed XML", () => {
    const html =
      '<p id="x" onclick="steal()">One<br>two &amp; <b>three</b>&nbsp;<!-- note --></p><script>steal()</script>' +
      '<iframe src="https://example.org"></iframe><p id="x">again</p><custom-tag>kept text</custom-tag><input disabled>';
    expect(body(html, targets())).toBe('<p id="x">One<br/>two &amp; <b>three</b>&#xa0;</p><p>again</p>kept text');
  });
});

describe("footnotes and alerts in a book", () => {
  // What the site's Markdown makes of `A claim.[^a] Again[^a]`, two notes, and a tip, as it renders them.
  const notes =
    '<p>A claim.<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup> Again<sup class="footnote-ref"><a href="#fn1" id="fnref1:1">[1:1]</a></sup> and<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup></p>\n' +
    '<hr class="footnotes-sep">\n<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n' +
    '<li id="fn1" class="footnote-item"><p>Where it comes from. <a href="#fnref1" class="footnote-backref" aria-label="Back to the text of footnote 1">↩︎</a> <a href="#fnref1:1" class="footnote-backref" aria-label="Back to the text of footnote 1">↩︎</a></p>\n</li>\n' +
    '<li id="fn2" class="footnote-item"><ul><li>A list first</li></ul>\n</li>\n</ol>\n</section>\n';

  it("marks each reference a noteref and each note a footnote aside a reading app can pop up", () => {
    expect(body(notes, targets())).toBe(
      '<p>A claim.<sup class="footnote-ref"><a href="#fn1" id="fnref1" epub:type="noteref" role="doc-noteref">1</a></sup>' +
        ' Again<sup class="footnote-ref"><a href="#fn1" id="fnref1:1" epub:type="noteref" role="doc-noteref">1</a></sup>' +
        ' and<sup class="footnote-ref"><a href="#fn2" id="fnref2" epub:type="noteref" role="doc-noteref">2</a></sup></p>\n\n' +
        '<section class="footnotes" aria-label="Footnotes" epub:type="footnotes">\n' +
        '<aside id="fn1" class="footnote" epub:type="footnote" role="doc-footnote"><p><span class="footnote-number">1. </span>Where it comes from. ' +
        '<a href="#fnref1" class="footnote-backref" aria-label="Back to the text of footnote 1" epub:type="backlink" role="doc-backlink">&#x21a9;&#xfe0e;</a> ' +
        '<a href="#fnref1:1" class="footnote-backref" aria-label="Back to the text of footnote 1" epub:type="backlink" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>\n</aside>' +
        '<aside id="fn2" class="footnote" epub:type="footnote" role="doc-footnote"><p><span class="footnote-number">2. </span></p><ul><li>A list first</li></ul>\n</aside>\n' +
        "</section>\n",
    );
  });

  it("boxes an alert as an aside that starts with its label, a tip as a tip and the others as notices", () => {
    const icon = '<svg class="octicon" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1"></path></svg>';
    const alert = (kind: string, title: string) =>
      `<div class="markdown-alert markdown-alert-${kind}" role="note"><p class="markdown-alert-title">${icon}${title}</p><p>Text <em>here</em>.</p>\n</div>`;
    expect(body(alert("tip", "Tip") + alert("warning", "Careful &amp; slow"), targets())).toBe(
      '<aside class="alert alert-tip" epub:type="tip" role="doc-tip"><p class="alert-title"><strong>Tip</strong></p><p>Text <em>here</em>.</p>\n</aside>' +
        '<aside class="alert alert-warning" epub:type="notice" role="note"><p class="alert-title"><strong>Careful &amp; slow</strong></p><p>Text <em>here</em>.</p>\n</aside>',
    );
  });

  it("leaves an author's own epub:type attributes out, as every attribute with a prefix", () => {
    expect(body('<p epub:type="noteref" xml:lang="fr">Un</p>', targets())).toBe("<p>Un</p>");
  });
});

/** A small book: an introduction, two chapters, a picture in one, a header picture on the other, a cover. */
function sampleBook(files: Record<string, Uint8Array> = {}): EpubInput {
  const png = Uint8Array.from(Buffer.from("89504e470d0a1a0a", "hex"));
  const cover = Uint8Array.from(Buffer.from("89504e470d0a1a0a0000", "hex"));
  const svg = new TextEncoder().encode(
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#363"/></svg>',
  );
  const available: Record<string, Uint8Array> = { "/img/leaf-800.png": png, "/images/cover.svg": svg, ...files };
  return {
    book: {
      slug: "tea",
      url: "/pages/tea/",
      title: "Tea & Cups",
      description: "A book <about> tea.",
      author: "Ada & Co",
      introduction:
        '<h2 id="why">Why tea</h2><p>Start with <a href="/pages/tea-1/#kinds">the leaves</a>, or <a href="#why">here</a>.</p>',
      chapters: [
        {
          url: "/pages/tea-1/",
          title: "Leaves",
          description: "What goes in.",
          position: 1,
          html: '<h2 id="kinds">Kinds</h2><h3 id="loose">Loose</h3><p><img src="/img/leaf-800.png" alt="A leaf"> <a href="/pages/tea-2/#glass">glass</a></p>',
        },
        {
          url: "/pages/tea-2/",
          title: "Cups",
          description: "What to pour into.",
          position: 2,
          html: '<h2 id="glass">Glass</h2><p>Clear. Back to <a href="/pages/tea/#why">why</a>.</p>',
          image: { url: "/images/cover.svg", alt: "A cup" },
        },
      ],
    },
    cover: { png: cover, alt: "Cover of Tea & Cups" },
    site: { title: "Books", url: "https://books.example.org", language: "en" },
    modified: new Date("2026-03-04T05:06:07.890Z"),
    published: new Date("2025-01-02T03:04:05.000Z"),
    readFile: async (sitePath) => available[sitePath],
  };
}

/** Every `<meta property>` of a package document: its values, in order, by property. */
function metaProperties(opf: string): Record<string, string[]> {
  const $ = load(opf, { xml: true });
  const found: Record<string, string[]> = {};
  $("metadata > meta[property]:not([refines])").each((_, meta) => {
    const property = $(meta).attr("property")!;
    const values = found[property] ?? [];
    values.push($(meta).text().replace(/\s+/g, " ").trim());
    found[property] = values;
  });
  return found;
}

/** A GIF of one pixel that blinks: two frames, black then white. */
const BLINKING_GIF = Uint8Array.from(
  Buffer.from(
    "47494638396101000100800000000000ffffff" +
      "21f90400320000002c000000000100010000020244010021f90400320000002c00000000010001000002024c01003b",
    "hex",
  ),
);

describe("a book's accessibility metadata (EPUB Accessibility 1.1)", () => {
  it("says a book with pictures is textual and visual, readable by its text alone, and without hazards", async () => {
    const opf = (await openEpub(await writeEpub(sampleBook()))).text("EPUB/package.opf");
    const meta = metaProperties(opf);
    expect(meta["schema:accessMode"]).toEqual(["textual", "visual"]);
    expect(meta["schema:accessModeSufficient"]).toEqual(["textual", "textual,visual"]);
    expect(meta["schema:accessibilityFeature"]).toEqual([
      "structuralNavigation",
      "tableOfContents",
      "readingOrder",
      "displayTransformability",
      "alternativeText",
    ]);
    expect(meta["schema:accessibilityHazard"]).toEqual(["none"]);
    expect(meta["schema:accessibilitySummary"]).toEqual([
      "This book's text reflows, and reading apps can read it aloud and change its font, size and colours. " +
        "Every picture has a text alternative, so the text alone carries the whole book. " +
        "The introduction and every chapter, with its sections, is in the table of contents and has headings in order. " +
        "Nothing in it flashes, moves or makes a sound.",
    ]);
  });

  it("says a book without any picture is textual only", async () => {
    const input = sampleBook();
    input.cover = undefined;
    input.book = {
      ...input.book,
      chapters: input.book.chapters.map((c) => ({ ...c, image: undefined, html: "<p>Text</p>" })),
    };
    const meta = metaProperties((await openEpub(await writeEpub(input))).text("EPUB/package.opf"));
    expect(meta["schema:accessMode"]).toEqual(["textual"]);
    expect(meta["schema:accessModeSufficient"]).toEqual(["textual"]);
    expect(meta["schema:accessibilityFeature"]).not.toContain("alternativeText");
  });

  it("does not promise no flashing when a picture moves", async () => {
    const input = sampleBook({ "/img/blink.gif": BLINKING_GIF });
    input.book = {
      ...input.book,
      chapters: [{ ...input.book.chapters[0], html: '<p><img src="/img/blink.gif" alt="A light"></p>' }],
    };
    const meta = metaProperties((await openEpub(await writeEpub(input))).text("EPUB/package.opf"));
    expect(meta["schema:accessibilityHazard"]).toEqual([
      "unknownFlashingHazard",
      "unknownMotionSimulationHazard",
      "noSoundHazard",
    ]);
    expect(meta["schema:accessibilitySummary"][0]).toMatch(/Some pictures move; whether they flash is not known\.$/);
  });

  it("names the author with the role of author", async () => {
    const $ = load((await openEpub(await writeEpub(sampleBook()))).text("EPUB/package.opf"), { xml: true });
    expect($("metadata > dc\\:creator").text()).toBe("Ada & Co");
    expect($('metadata > meta[refines="#book-creator"][property="role"]').text()).toBe("aut");
  });
});

describe("a picture a book carries", () => {
  const svg = () =>
    new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10" fill="#363"/></svg>',
    );

  it("is drawn as a PNG once for the same bytes, however many books show it", async () => {
    const bytes = svg();
    const first = await bookImage("/images/d.svg", "images/images-d.png", bytes);
    expect(Buffer.from(first.subarray(1, 4)).toString("latin1")).toBe("PNG");
    expect(await bookImage("/images/d.svg", "images/images-d-2.png", bytes)).toBe(first);
    const again = await bookImage("/images/d.svg", "images/images-d.png", svg());
    expect(again).not.toBe(first);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });
});

describe("a book as an EPUB", () => {
  it("is named after the book, beside its home page", () => {
    expect(epubUrl({ url: "/pages/tea/", slug: "tea" })).toBe("/pages/tea/tea.epub");
  });

  it("starts with its mimetype, stored uncompressed, then the container", async () => {
    const bytes = await writeEpub(sampleBook());
    expect(Buffer.from(bytes.subarray(0, 4)).toString("hex")).toBe("504b0304");
    expect(bytes[8] | (bytes[9] << 8)).toBe(0); // compression method: stored
    expect(Buffer.from(bytes.subarray(30, 58)).toString("latin1")).toBe("mimetypeapplication/epub+zip");
    const epub = await openEpub(bytes);
    expect(epub.names.slice(0, 2)).toEqual(["mimetype", "META-INF/container.xml"]);
    expect(epub.text("META-INF/container.xml")).toContain('full-path="EPUB/package.opf"');
  });

  it("reads the introduction right after the title page, then the contents and the chapters in order", async () => {
    const epub = await openEpub(await writeEpub(sampleBook()));
    expect(spineFiles(epub.text("EPUB/package.opf"))).toEqual([
      "cover.xhtml",
      "title.xhtml",
      "introduction.xhtml",
      "nav.xhtml",
      "tea-1.xhtml",
      "tea-2.xhtml",
    ]);
    const intro = epub.text("EPUB/introduction.xhtml");
    expect(intro).toContain('<section epub:type="introduction" aria-labelledby="introduction-title">');
    expect(intro).toContain('<h1 id="introduction-title">Introduction</h1>');
    expect(intro).toContain('<a href="tea-1.xhtml#kinds">the leaves</a>, or <a href="#why">here</a>');
    // A link to the book's home page leads to the introduction, which is its text.
    expect(epub.text("EPUB/tea-2.xhtml")).toContain('<a href="introduction.xhtml#why">why</a>');
    const nav = epub.text("EPUB/nav.xhtml");
    expect(nav).toContain('<li><a href="introduction.xhtml">Introduction</a>');
    expect(nav).toContain('<a href="introduction.xhtml#why">Why tea</a>');
    expect(nav).toContain('<a epub:type="bodymatter" href="introduction.xhtml">Introduction</a>');
    expect(epub.text("EPUB/toc.ncx")).toContain('<navPoint id="nav-introduction" playOrder="1">');
  });

  it("has no introduction when the book's home page has no text of its own", async () => {
    const input = sampleBook();
    input.book = { ...input.book, introduction: "  \n" };
    const epub = await openEpub(await writeEpub(input));
    expect(epub.has("EPUB/introduction.xhtml")).toBe(false);
    expect(spineFiles(epub.text("EPUB/package.opf"))).toEqual([
      "cover.xhtml",
      "title.xhtml",
      "nav.xhtml",
      "tea-1.xhtml",
      "tea-2.xhtml",
    ]);
    expect(epub.text("EPUB/nav.xhtml")).toContain('<a epub:type="bodymatter" href="tea-1.xhtml">Leaves</a>');
  });

  it("gives a chapter named like one of the book's own documents another file", async () => {
    const input = sampleBook();
    input.book = {
      ...input.book,
      chapters: [{ ...input.book.chapters[0], url: "/pages/introduction/" }, input.book.chapters[1]],
    };
    const epub = await openEpub(await writeEpub(input));
    expect(spineFiles(epub.text("EPUB/package.opf")).slice(2, 5)).toEqual([
      "introduction.xhtml",
      "nav.xhtml",
      "introduction-2.xhtml",
    ]);
  });

  it("describes the book: escaped title, language, identifier, date to the second, publisher, cover", async () => {
    const opf = (await openEpub(await writeEpub(sampleBook()))).text("EPUB/package.opf");
    expect(opf).toContain("<dc:title>Tea &amp; Cups</dc:title>");
    expect(opf).toContain("<dc:description>A book &lt;about&gt; tea.</dc:description>");
    expect(opf).toContain("<dc:language>en</dc:language>");
    expect(opf).toContain("<dc:publisher>Books</dc:publisher>");
    expect(opf).toContain('<meta property="dcterms:modified">2026-03-04T05:06:07Z</meta>');
    expect(opf).toContain("<dc:date>2025-01-02T03:04:05Z</dc:date>");
    expect(opf).toContain('<dc:creator id="book-creator">Ada &amp; Co</dc:creator>');
    expect(opf).toMatch(
      /<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/,
    );
    expect(opf).toContain(
      '<item id="cover-image" href="images/cover.png" media-type="image/png" properties="cover-image"/>',
    );
    expect(opf).toContain('<meta name="cover" content="cover-image"/>');
  });

  it("shows the author and the dates on the title page, and the cover with what it shows", async () => {
    const epub = await openEpub(await writeEpub(sampleBook()));
    const title = epub.text("EPUB/title.xhtml");
    expect(title).toContain('<p class="author">Ada &amp; Co</p>');
    expect(title).toContain('<p class="edition">First published January 2, 2025; this edition March 4, 2026.</p>');
    expect(epub.text("EPUB/cover.xhtml")).toContain('<img src="images/cover.png" alt="Cover of Tea &amp; Cups"/>');
    expect(Buffer.from(epub.bytes).includes(Buffer.from("89504e470d0a1a0a0000", "hex"))).toBe(true);
  });

  it("keeps one identifier for every build of a book, and gives another book another", async () => {
    const id = async (input: EpubInput) =>
      /urn:uuid:[^<]+/.exec((await openEpub(await writeEpub(input))).text("EPUB/package.opf"))?.[0];
    const other = sampleBook();
    other.book = { ...other.book, url: "/pages/coffee/", slug: "coffee" };
    expect(await id(sampleBook())).toBe(await id(sampleBook()));
    expect(await id(other)).not.toBe(await id(sampleBook()));
  });

  it("lists every chapter and its headings in the navigation document and the NCX", async () => {
    const epub = await openEpub(await writeEpub(sampleBook()));
    const nav = epub.text("EPUB/nav.xhtml");
    for (const href of ["tea-1.xhtml", "tea-1.xhtml#kinds", "tea-1.xhtml#loose", "tea-2.xhtml", "tea-2.xhtml#glass"]) {
      expect(nav).toContain(`href="${href}"`);
      expect(epub.text("EPUB/toc.ncx")).toContain(`src="${href}"`);
    }
    expect(epub.text("EPUB/toc.ncx")).toContain('<meta name="dtb:depth" content="3"/>');
  });

  it("packs every picture a chapter shows, and a chapter's SVG header picture drawn as PNG", async () => {
    const epub = await openEpub(await writeEpub(sampleBook()));
    const chapter = epub.text("EPUB/tea-1.xhtml");
    expect(chapter).toContain('<img src="images/img-leaf-800.png" alt="A leaf"/>');
    expect(chapter).toContain('<a href="tea-2.xhtml#glass">glass</a>');
    expect(epub.has("EPUB/images/img-leaf-800.png")).toBe(true);
    expect(epub.text("EPUB/tea-2.xhtml")).toContain(
      '<figure class="header-image"><img src="images/images-cover.png" alt="A cup"/></figure>',
    );
    expect(epub.text("EPUB/images/images-cover.png").slice(1, 4)).toBe("PNG");
    expect(epub.names.filter((name) => name.startsWith("EPUB/images/")).sort()).toEqual([
      "EPUB/images/cover.png",
      "EPUB/images/images-cover.png",
      "EPUB/images/img-leaf-800.png",
    ]);
  });

  it("gives the same bytes for the same book", async () => {
    expect(Buffer.from(await writeEpub(sampleBook())).equals(Buffer.from(await writeEpub(sampleBook())))).toBe(true);
  });

  it("names the page and the file when a picture is missing", async () => {
    const input = sampleBook();
    const read = input.readFile;
    input.readFile = async (sitePath) => (sitePath === "/img/leaf-800.png" ? undefined : read(sitePath));
    const error = await writeEpub(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EpubError);
    expect(error).toMatchObject({ sitePath: "/img/leaf-800.png", pageUrl: "/pages/tea-1/" });
  });
});
