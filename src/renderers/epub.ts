import { epubUrl } from "../book/library.js";
import { ContentError } from "../book/problem.js";
import { resolveRelativeUrl } from "../book/urls.js";
import { EpubError, writeEpub } from "../epub/epub.js";
import { readSiteFile, type OutputFile, type RenderContext, type Renderer } from "./renderer.js";

/**
 * An EPUB of every book with chapters, beside its home page (`/pages/okr/okr.epub`), written by
 * production builds; the dev server's builds leave it out. The book is dated by the last change
 * to its pages, so two builds of one commit give the same bytes.
 */
export const epubRenderer: Renderer = {
  name: "epub",
  async render(context: RenderContext): Promise<OutputFile[]> {
    if (context.runMode !== "build") return [];
    const files: OutputFile[] = [];
    for (const book of context.library.books) {
      if (book.chapters.length === 0) continue;
      const changed = [book.file, ...book.chapters.map((chapter) => chapter.file)]
        .map((file) => Date.parse(context.updated[file] ?? "") || 0)
        .reduce((a, b) => Math.max(a, b), 0);
      try {
        const content = await writeEpub({
          book: {
            ...book,
            image: book.image ? resolveRelativeUrl(book.image, book.file) : undefined,
            chapters: book.chapters.map((chapter) => ({ ...chapter, html: context.html[chapter.url] ?? "" })),
          },
          site: context.site,
          modified: new Date(changed),
          readFile: (urlPath) => readSiteFile(context.outputDir, urlPath),
        });
        files.push({ path: epubUrl(book), content });
      } catch (error) {
        if (!(error instanceof EpubError)) throw error;
        const file = book.chapters.find((chapter) => chapter.url === error.pageUrl)?.file ?? book.file;
        throw new ContentError([
          { file, field: "image", message: `${error.sitePath} is not a file of the site, so the book's EPUB cannot hold it.`, fix: "check the picture's path: it is relative to the Markdown file, as on GitHub." },
        ]);
      }
    }
    return files;
  },
};
