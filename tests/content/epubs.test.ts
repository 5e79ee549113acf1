import path from "node:path";
import { load } from "cheerio";
import { beforeAll, expect, it } from "vitest";
import { describeWithEpubcheck, epubcheck, openEpub, referencedFiles, spineFiles } from "../helpers/epub.js";
import { REPOSITORY_BOOKS, bookSlug, timeForContent } from "../helpers/repository-content.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";

// One test per book with chapters (a book without any has no EPUB), each with time for its chapters:
// EPUBCheck reads the whole book.
describeWithEpubcheck("EPUBCheck on every book of the repository", () => {
  let site: SharedSite;
  beforeAll(
    async () => {
      site = await sharedSite("repository");
    },
    timeForContent(120_000, 1_000),
  );

  for (const book of REPOSITORY_BOOKS.filter((b) => b.chapters.length > 0)) {
    it(
      `finds no error and no warning in ${book.url}'s EPUB, which holds every chapter of the book`,
      async () => {
        const slug = bookSlug(book);
        const file = path.join(site.output, "pages", slug, `${slug}.epub`);
        const report = await epubcheck(file);
        expect(report.messages).toEqual([]);
        expect(report).toMatchObject({ fatals: 0, errors: 0, warnings: 0 });
        const chapters = book.chapters.map((url) => `${url.split("/").at(-2)}.xhtml`);
        const epub = await openEpub(file);
        const spine = spineFiles(epub.text("EPUB/package.opf"));
        expect(spine.slice(-chapters.length)).toEqual(chapters);
        for (const referenced of referencedFiles(epub)) expect(epub.names).toContain(referenced);
        // The book home's own text, when it has any, is the introduction, right after the title page.
        const home = await site.page(book.url);
        const introduction = home(".page > .content").text().trim() !== "";
        expect(spine.slice(0, 3)).toEqual([
          "cover.xhtml",
          "title.xhtml",
          introduction ? "introduction.xhtml" : "nav.xhtml",
        ]);
        const opf = load(epub.text("EPUB/package.opf"), { xml: true });
        expect(opf("metadata > dc\\:creator").text().trim()).not.toBe("");
        expect(opf('metadata > meta[property="schema:accessibilityHazard"]').length).toBeGreaterThan(0);
      },
      60_000 + 2_000 * book.chapters.length,
    );
  }
});
