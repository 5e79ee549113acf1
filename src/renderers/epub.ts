import { epubUrl } from "../book/library.js";
import { entryOf } from "../book/map-entry.js";
import { EpubError, epubShared, writeEpub } from "../epub/epub.js";
import type { HelperProcess } from "../processes/helper-process.js";
import { artOf, COVER_RECIPE, startCoverProcess, type CoverInput } from "./cover.js";
import { cacheKey, openOutputCache, recipe } from "./output-cache.js";
import { siteFiles, type BookData, type OutputFile, type RenderContext, type Renderer } from "./renderer.js";

/**
 * An EPUB of every book with chapters, beside its home page (`/pages/okr/okr.epub`), written by
 * production builds; the dev server's builds leave it out. Its cover is made from the book's title,
 * description, author and header picture; it carries the book home's text as its introduction.
 * The book is dated by the first and the last change to its pages, so two builds of one commit give
 * the same bytes. A book that shows a picture the site does not have gets no EPUB: the image check
 * fails that build, naming the page and the line. A book whose cover or EPUB the cache holds, made
 * from the same data, pictures, templates, fonts and code, takes them from there.
 */
export const epubRenderer: Renderer = {
  name: "epub",
  async render(context: RenderContext, write: (file: OutputFile) => Promise<void>): Promise<void> {
    if (context.runMode !== "build") return;
    // Each picture is read once per build, whichever books show it, and so drawn once too.
    const { read: readFile, hash: hashOf } = siteFiles(context.outputDir);
    // What was made in an earlier build from the same data, the same pictures, templates, fonts and
    // code is taken from the cache.
    const cache = context.cacheDir ? await openOutputCache(context.cacheDir) : undefined;
    const [coverRecipe, epubRecipe] = cache
      ? await Promise.all([recipe(...COVER_RECIPE), recipe(...EPUB_RECIPE)])
      : [undefined, undefined];
    // A cover is made from the book's title, description and author and its header picture's bytes.
    const coverData = async (book: BookData) => {
      const art = artOf(book);
      const input = { title: book.title, description: book.description, author: book.author ?? context.site.author };
      const bytes = art ? await readFile(art) : undefined;
      return { input, art: bytes, key: coverRecipe && cacheKey(coverRecipe, JSON.stringify(input), bytes) };
    };
    // Covers are drawn in a process of their own, started for the first one the cache does not
    // hold: the next book's while this book's EPUB is put together.
    let drawer: Promise<HelperProcess<CoverInput, Uint8Array>> | undefined;
    const shared = epubShared();
    const covers = new Map<BookData, Promise<Uint8Array>>();
    const coverOf = (book: BookData) =>
      entryOf(covers, book, async () => {
        const { input, art, key } = await coverData(book);
        const kept = key ? await cache?.get("png", key) : undefined;
        if (kept) return kept;
        drawer ??= startCoverProcess();
        const made = new Uint8Array(await (await drawer).ask({ ...input, art }));
        if (key) await cache?.put("png", key, made);
        return made;
      });
    const books = context.library.books.filter((book) => book.chapters.length > 0);
    const makeEpub = async (index: number, book: BookData) => {
      const pages = [book.file, ...book.chapters.map((chapter) => chapter.file)];
      // Dates the build knows, in milliseconds; a book with none is dated 1970, the same in every build.
      const dates = (from: Readonly<Record<string, string>>) => {
        const known = pages.map((file) => Date.parse(from[file] ?? "")).filter((date) => !Number.isNaN(date));
        return known.length > 0 ? known : [0];
      };
      const author = book.author ?? context.site.author;
      const input = {
        book: {
          ...book,
          author,
          introduction: context.html[book.url],
          introductionHeadings: context.headings[book.url],
          chapters: book.chapters.map((chapter) => ({
            ...chapter,
            html: context.html[chapter.url] ?? "",
            headings: context.headings[chapter.url],
          })),
        },
        site: { title: context.site.title, url: context.site.url, language: context.site.language },
        modified: new Date(Math.max(...dates(context.updated))),
        published: new Date(Math.min(...dates(context.published))),
      };
      const alt = `Cover of ${book.title}, by ${author}`;
      // The cover is in the EPUB: its key is the cover's, made from its data and its picture's bytes.
      const coverKey = (await coverData(book)).key;
      const key = epubRecipe && cacheKey(epubRecipe, coverKey, JSON.stringify({ ...input, alt }));
      const kept = key ? await cache?.get("epub", key, hashOf) : undefined;
      if (kept) {
        // Its cover is kept as long as the EPUB is: a change to a chapter makes the EPUB again, not the cover.
        if (coverKey) await cache?.touch("png", coverKey);
        await write({ path: epubUrl(book), content: kept });
        return;
      }
      const next = books[index + 1];
      // Its failure, if any, is reported when its own turn comes.
      if (next) coverOf(next).catch(() => {});
      try {
        const cover = await coverOf(book);
        covers.delete(book);
        const reads: Record<string, string> = {};
        const content = await writeEpub(
          {
            ...input,
            cover: { png: cover, alt },
            readFile: async (urlPath) => {
              reads[urlPath] = await hashOf(urlPath);
              return readFile(urlPath);
            },
          },
          shared,
        );
        if (key) await cache?.put("epub", key, content, reads);
        await write({ path: epubUrl(book), content });
      } catch (error) {
        // A picture the site does not have: the site's image check names the page, the line and
        // the path, and fails the build; this book's EPUB is not written.
        if (!(error instanceof EpubError)) throw error;
      }
    };
    try {
      for (const [index, book] of books.entries()) await makeEpub(index, book);
    } finally {
      // The process ends once it has drawn what it was asked.
      drawer?.then((helper) => helper.close()).catch(() => {});
    }
  },
  paths(context: RenderContext): string[] {
    if (context.runMode !== "build") return [];
    return context.library.books.filter((book) => book.chapters.length > 0).map(epubUrl);
  },
};

/** What makes an EPUB besides its data and its cover: the package's modules and templates, and the packages they use. */
const EPUB_RECIPE: readonly [readonly string[], readonly string[]] = [
  ["src/epub", "src/renderers/epub.ts", "src/renderers/unread-elements.ts", "src/book/links.ts", "layouts/epub"],
  ["fflate", "nunjucks", "sharp", "htmlparser2", "domhandler", "domutils", "dom-serializer"],
];
