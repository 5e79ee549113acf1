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

/** A small book: two chapters, a picture in one, a header picture for the cover. */
function sampleBook(files: Record<string, Uint8Array> = {}): EpubInput {
  const png = Uint8Array.from(Buffer.from("89504e470d0a1a0a", "hex"));
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
      image: "/images/cover.svg",
      imageAlt: "A cup",
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
          html: '<h2 id="glass">Glass</h2><p>Clear.</p>',
          image: "/images/cover.svg",
          imageAlt: "A cup",
        },
      ],
    },
    site: { title: "Books", url: "https://books.example.org", language: "en" },
    modified: new Date("2026-03-04T05:06:07.890Z"),
    readFile: async (sitePath) => available[sitePath],
  };
}

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

  it("reads the chapters in order after the cover, title page and contents", async () => {
    const epub = await openEpub(await writeEpub(sampleBook()));
    expect(spineFiles(epub.text("EPUB/package.opf"))).toEqual([
      "cover.xhtml",
      "title.xhtml",
      "nav.xhtml",
      "tea-1.xhtml",
      "tea-2.xhtml",
    ]);
  });

  it("describes the book: escaped title, language, identifier, date to the second, publisher, cover", async () => {
    const opf = (await openEpub(await writeEpub(sampleBook()))).text("EPUB/package.opf");
    expect(opf).toContain("<dc:title>Tea &amp; Cups</dc:title>");
    expect(opf).toContain("<dc:description>A book &lt;about&gt; tea.</dc:description>");
    expect(opf).toContain("<dc:language>en</dc:language>");
    expect(opf).toContain("<dc:publisher>Books</dc:publisher>");
    expect(opf).toContain('<meta property="dcterms:modified">2026-03-04T05:06:07Z</meta>');
    expect(opf).toMatch(
      /<dc:identifier id="book-id">urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/dc:identifier>/,
    );
    expect(opf).toContain('href="images/images-cover.png" media-type="image/png" properties="cover-image"');
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

  it("packs every picture a chapter shows, and the SVG cover drawn as PNG", async () => {
    const epub = await openEpub(await writeEpub(sampleBook()));
    const chapter = epub.text("EPUB/tea-1.xhtml");
    expect(chapter).toContain('<img src="images/img-leaf-800.png" alt="A leaf"/>');
    expect(chapter).toContain('<a href="tea-2.xhtml#glass">glass</a>');
    expect(epub.has("EPUB/images/img-leaf-800.png")).toBe(true);
    expect(epub.text("EPUB/tea-2.xhtml")).toContain('<img src="images/images-cover.png" alt="A cup"/>');
    expect(epub.text("EPUB/images/images-cover.png").slice(1, 4)).toBe("PNG");
    expect(epub.names.filter((name) => name.startsWith("EPUB/images/"))).toHaveLength(2);
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
