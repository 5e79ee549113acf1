import path from "node:path";
import sharp from "sharp";
import { pdfUrl } from "../book/library.js";
import { entryOf } from "../book/map-entry.js";
import { isExternal } from "../book/links.js";
import { bookDocument, type PdfImage } from "../pdf/document.js";
import { eachWithTypesetter } from "../pdf/typeset-processes.js";
import { cacheKey, openOutputCache, recipe } from "./output-cache.js";
import { siteFiles, type OutputFile, type RenderContext, type Renderer } from "./renderer.js";

/**
 * A typeset PDF of every book with chapters, beside its EPUB (`/pages/okr/okr.pdf`), written by
 * production builds; the dev server's builds leave it out. It holds a title page, the contents,
 * the introduction (the book home's own text) and every chapter in reading order. It is dated by
 * the last change to the book's pages, so two builds of one commit give the same bytes. A book
 * that shows a picture the site does not have gets no PDF: the image check fails that build,
 * naming the page and the line. A book whose PDF the cache holds, made from the same data, pictures,
 * template, fonts and code, takes it from there.
 */
export const pdfRenderer: Renderer = {
  name: "pdf",
  async render(context: RenderContext, write: (file: OutputFile) => Promise<void>): Promise<void> {
    if (context.runMode !== "build") return;
    const books = context.library.books.filter((book) => book.chapters.length > 0);
    // Each picture is read once per build, whichever books show it, and drawn once in each format.
    const { read, hash: hashOf } = siteFiles(context.outputDir);
    const pictures = new Map<string, Promise<Uint8Array | undefined>>();
    const picture = (image: PdfImage) => {
      const key = `${image.sitePath} ${path.posix.extname(image.file)}`;
      return entryOf(pictures, key, () => read(image.sitePath).then((found) => found && typesetFormat(image, found)));
    };
    // What was made in an earlier build from the same pages, pictures, template, fonts and code is
    // taken from the cache without reading the pages again; only the other books are typeset.
    const cache = context.cacheDir ? await openOutputCache(context.cacheDir) : undefined;
    const pdfRecipe = cache ? await recipe(...PDF_RECIPE) : undefined;
    // Book by book, two at a time: a kept PDF is written at once; another is typeset in a process
    // of its own while the next book's document is made, and written when it is done. Only the books
    // under way are held.
    await eachWithTypesetter(books, async (book, typeset) => {
      const changed = [book.file, ...book.chapters.map((chapter) => chapter.file)]
        .map((file) => Date.parse(context.updated[file] ?? "") || 0)
        .reduce((a, b) => Math.max(a, b), 0);
      const source = {
        book: {
          ...book,
          image: sitePathOf(book.image?.url),
          imageAlt: book.image?.alt,
          home: { url: book.url, html: context.html[book.url] ?? "" },
          chapters: book.chapters.map((chapter) => ({
            ...chapter,
            image: sitePathOf(chapter.image?.url),
            imageAlt: chapter.image?.alt,
            html: context.html[chapter.url] ?? "",
          })),
        },
        site: context.site,
        author: book.author ?? context.site.author,
        date: new Date(changed),
      };
      // The key is what the document is made from; the pictures it showed are checked by their bytes.
      const key = pdfRecipe && cacheKey(pdfRecipe, JSON.stringify(source));
      const kept = key ? await cache?.get("pdf", key, hashOf) : undefined;
      if (kept) {
        await write({ path: pdfUrl(book), content: kept });
        return;
      }
      const { data, images } = bookDocument(source);
      const bytes = new Map<string, Uint8Array>();
      const shown: Record<string, string> = {};
      for (const image of images) {
        const drawn = await picture(image);
        shown[image.sitePath] = await hashOf(image.sitePath);
        if (drawn) bytes.set(image.file, drawn);
      }
      // A picture the site does not have: the site's image check names the page, the line and
      // the path, and fails the build; this book's PDF is not written.
      if (bytes.size < images.length) return;
      const pdf = await typeset({ data, images: bytes });
      if (key) await cache?.put("pdf", key, pdf, shown);
      await write({ path: pdfUrl(book), content: pdf });
    });
  },
  paths(context: RenderContext): string[] {
    if (context.runMode !== "build") return [];
    return context.library.books.filter((book) => book.chapters.length > 0).map(pdfUrl);
  },
};

/** A header picture's path on the site; a picture from elsewhere is left out. */
function sitePathOf(url: string | undefined): string | undefined {
  return url && !isExternal(url) && url.startsWith("/") ? decodeURI(url.split(/[?#]/)[0]) : undefined;
}

/** A picture as the typesetter reads it: as it is, or drawn as PNG when its format is one it does not read. */
async function typesetFormat(image: PdfImage, bytes: Uint8Array): Promise<Uint8Array> {
  const wanted = path.posix.extname(image.file);
  if (path.posix.extname(image.sitePath).toLowerCase() === wanted) return bytes;
  const png = await sharp(bytes, { limitInputPixels: 64_000_000 }).png().toBuffer();
  return new Uint8Array(png);
}

/** What makes a PDF besides its pages and pictures: the modules that make its document, draw its pictures and typeset it, the template, the compiler and fonts. */
const PDF_RECIPE: readonly [readonly string[], readonly string[]] = [
  [
    "src/pdf",
    "src/renderers/pdf.ts",
    "src/renderers/unread-elements.ts",
    "src/renderers/widest-picture.ts",
    "layouts/pdf",
  ],
  [
    "@myriaddreamin/typst-ts-node-compiler",
    "htmlparser2",
    "domhandler",
    "domutils",
    // Pictures in a format the typesetter does not read are drawn again as PNG by sharp.
    "sharp",
    "@expo-google-fonts/source-sans-3",
    "@expo-google-fonts/source-serif-4",
    "@expo-google-fonts/source-code-pro",
  ],
];
