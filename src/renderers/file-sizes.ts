import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Library } from "../book/library.js";

/**
 * Puts the size of each whole-book file (an EPUB, a PDF) into the book's home page and its
 * chapters, where the pages wait for it: `<span data-size-of="/pages/okr/okr.epub"></span>`. The
 * files are written after the pages, so the size can only be known then.
 */
export async function showFileSizes(outputDir: string, library: Library, written: readonly string[]): Promise<void> {
  for (const book of library.books) {
    const files = written.filter((file) => file.startsWith(book.url));
    if (files.length === 0) continue;
    const sizes = await Promise.all(
      files.map(async (file) => ({ file, size: (await stat(path.join(outputDir, file))).size })),
    );
    // The book's pages side by side: each is read, filled and written on its own.
    await Promise.all(
      [book.url, ...book.chapters.map((chapter) => chapter.url)].map(async (url) => {
        const page = path.join(outputDir, url, "index.html");
        const html = await readFile(page, "utf8").catch(() => undefined);
        if (html === undefined) return;
        let filled = html;
        for (const { file, size } of sizes) {
          filled = filled.replaceAll(
            `data-size-of="${file}"></span>`,
            `data-size-of="${file}">(${formatSize(size)})</span>`,
          );
        }
        if (filled !== html) await writeFile(page, filled);
      }),
    );
  }
}

/** A file size as readers say it: `840 bytes`, `312 KB`, `1.4 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
