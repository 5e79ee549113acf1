import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Library } from "../book/library.js";

/**
 * Puts what the whole-book files (an EPUB, a PDF) tell into the pages that offer them, once they are
 * written, after the pages: each file's size where a page waits for it,
 * `<span data-size-of="/pages/okr/okr.epub"></span>`, and the link to a file a page offers only if
 * the build made it, `<li data-needs-file="/pages/okr/okr.pdf" hidden>`, shown, its
 * `<a data-needs-href="...">` made a link. The pages are each book's home and its chapters.
 */
export async function showFileSizes(outputDir: string, library: Library, written: readonly string[]): Promise<void> {
  for (const book of library.books) {
    const files = written.filter((file) => file.startsWith(book.url));
    if (files.length === 0) continue;
    const sizes = await Promise.all(
      files.map(async (file) => ({ file, size: (await stat(path.join(outputDir, file))).size })),
    );
    for (const url of [book.url, ...book.chapters.map((chapter) => chapter.url)]) {
      const page = path.join(outputDir, url, "index.html");
      const html = await readFile(page, "utf8").catch(() => undefined);
      if (html === undefined) continue;
      let filled = html;
      for (const { file, size } of sizes) {
        filled = filled
          .replaceAll(`data-size-of="${file}"></span>`, `data-size-of="${file}">(${formatSize(size)})</span>`)
          .replaceAll(`data-needs-file="${file}" hidden>`, `data-needs-file="${file}">`)
          .replaceAll(`data-needs-href="${file}"`, `href="${file}"`);
      }
      if (filled !== html) await writeFile(page, filled);
    }
  }
}

/** A file size as readers say it: `840 bytes`, `312 KB`, `1.4 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
