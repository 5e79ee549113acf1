import { epubUrl } from "../book/library.js";
import { EpubError, writeEpub } from "../epub/epub.js";
import { artOf, bookCover, coverFonts } from "./cover.js";
import { readSiteFile, type BookData, type OutputFile, type RenderContext, type Renderer } from "./renderer.js";

/**
 * An EPUB of every book with chapters, beside its home page (`/pages/okr/okr.epub`), written by
 * production builds; the dev server's builds leave it out. Its cover is made from the book's title,
 * description, author and header picture; it carries the book home's text as its introduction.
 * The book is dated by the first and the last change to its pages, so two builds of one commit give
 * the same bytes. A book that shows a picture the site does not have gets no EPUB: the image check
 * fails that build, naming the page and the line.
 */
export const epubRenderer: Renderer = {
  name: "epub",
  async render(context: RenderContext): Promise<OutputFile[]> {
    if (context.runMode !== "build") return [];
    const files: OutputFile[] = [];
    // Each picture is read once per build, whichever books show it, and so drawn once too.
    const pictures = new Map<string, Promise<Uint8Array | undefined>>();
    const readFile = (urlPath: string) => {
      let bytes = pictures.get(urlPath);
      if (!bytes) {
        bytes = readSiteFile(context.outputDir, urlPath);
        pictures.set(urlPath, bytes);
      }
      return bytes;
    };
    // Covers are set in fonts read once for all of them, and drawn on sharp's threads: the next
    // book's while this book's EPUB is put together.
    const fonts = coverFonts();
    const covers = new Map<BookData, Promise<Uint8Array>>();
    const coverOf = (book: BookData) => {
      let cover = covers.get(book);
      if (!cover) {
        const art = artOf(book);
        const author = book.author ?? context.site.author;
        cover = (async () => bookCover({ ...book, author, art: art ? await readFile(art) : undefined }, fonts))();
        covers.set(book, cover);
      }
      return cover;
    };
    const books = context.library.books.filter((book) => book.chapters.length > 0);
    for (const [index, book] of books.entries()) {
      const next = books[index + 1];
      // Its failure, if any, is reported when its own turn comes.
      if (next) coverOf(next).catch(() => {});
      const pages = [book.file, ...book.chapters.map((chapter) => chapter.file)];
      // Dates the build knows, in milliseconds; a book with none is dated 1970, the same in every build.
      const dates = (from: Readonly<Record<string, string>>) => {
        const known = pages.map((file) => Date.parse(from[file] ?? "")).filter((date) => !Number.isNaN(date));
        return known.length > 0 ? known : [0];
      };
      const author = book.author ?? context.site.author;
      try {
        const cover = await coverOf(book);
        covers.delete(book);
        const content = await writeEpub({
          book: {
            ...book,
            author,
            introduction: context.html[book.url],
            chapters: book.chapters.map((chapter) => ({ ...chapter, html: context.html[chapter.url] ?? "" })),
          },
          cover: { png: cover, alt: `Cover of ${book.title}, by ${author}` },
          site: context.site,
          modified: new Date(Math.max(...dates(context.updated))),
          published: new Date(Math.min(...dates(context.published))),
          readFile,
        });
        files.push({ path: epubUrl(book), content });
      } catch (error) {
        // A picture the site does not have: the site's image check names the page, the line and
        // the path, and fails the build; this book's EPUB is not written.
        if (!(error instanceof EpubError)) throw error;
      }
    }
    return files;
  },
};
