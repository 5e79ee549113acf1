import { epubUrl } from "../book/library.js";
import { isExternal } from "../book/links.js";
import { resolveRelativeUrl } from "../book/urls.js";
import { EpubError, writeEpub } from "../epub/epub.js";
import { readSiteFile, type OutputFile, type RenderContext, type Renderer } from "./renderer.js";

/**
 * An EPUB of every book with chapters, beside its home page (`/pages/okr/okr.epub`), written by
 * production builds; the dev server's builds leave it out. The book is dated by the last change
 * to its pages, so two builds of one commit give the same bytes. A book that shows a picture the
 * site does not have gets no EPUB: the image check fails that build, naming the page and the line.
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
    for (const book of context.library.books) {
      if (book.chapters.length === 0) continue;
      const changed = [book.file, ...book.chapters.map((chapter) => chapter.file)]
        .map((file) => Date.parse(context.updated[file] ?? "") || 0)
        .reduce((a, b) => Math.max(a, b), 0);
      try {
        const content = await writeEpub({
          book: {
            ...book,
            image: coverOf(book),
            chapters: book.chapters.map((chapter) => ({
              ...chapter,
              image: coverOf({ image: chapter.image?.url, file: chapter.file }),
              imageAlt: chapter.image?.alt,
              html: context.html[chapter.url] ?? "",
            })),
          },
          site: context.site,
          modified: new Date(changed),
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

/** The book's header picture as a path on the site, to be its cover; a picture from elsewhere is left out. */
function coverOf(book: { image?: string; file: string }): string | undefined {
  const url = book.image ? resolveRelativeUrl(book.image, book.file) : undefined;
  return url && !isExternal(url) && url.startsWith("/") ? url : undefined;
}
