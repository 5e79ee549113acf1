import type {
  Book,
  Chapter,
  LeftOut,
  Library,
  LibraryResult,
  Neighbour,
  PageImage,
  PageInput,
} from "./library-types.js";
import { aliasRedirects } from "./aliases.js";
import type { Problem } from "./problem.js";

export type {
  PageInput,
  NeighbourLink,
  Neighbour,
  PageImage,
  Chapter,
  Book,
  Redirect,
  PageSummary,
  Library,
  LeftOut,
  LibraryResult,
} from "./library-types.js";
import { closest } from "./closest.js";
import { readingMinutes } from "./reading-time.js";
import { resolveRelativeUrl } from "./urls.js";
import { bookSlugForFile, PAGES_DIR } from "./site-paths.js";
export {
  PAGES_DIR,
  urlForFile,
  printUrl,
  epubUrl,
  offlineUrl,
  pdfUrl,
  servedFile,
  bookSlugForFile,
} from "./site-paths.js";

/**
 * Orders every book's chapters, links each chapter to its neighbours and reports what is wrong:
 * duplicate numbers, chapters of unknown books, chapters without a number.
 * Runs once for the whole site; every lookup afterwards is a map access.
 */
export function buildLibrary(pages: readonly PageInput[]): LibraryResult {
  const library = assembleLibrary(pages);
  return { library, problems: structureProblems(pages, library) };
}

/**
 * The library of a site's pages: books in title order, each with its chapters in reading order and
 * linked to their neighbours. Pages that cannot take a place (see `structureProblems`) are left out.
 */
export function assembleLibrary(pages: readonly PageInput[]): Library {
  const books = new Map<string, Book>();
  for (const page of pages) {
    const slug = bookSlugForFile(page.file);
    if (page.data.book === undefined && slug !== undefined) books.set(slug, toBook(page, slug));
  }

  const chaptersOf = new Map<Book, Numbered[]>();
  for (const page of pages) {
    const { book: slug, chapter: number } = page.data;
    const book = slug === undefined ? undefined : books.get(slug);
    if (book === undefined || number === undefined) continue;
    const list = chaptersOf.get(book) ?? [];
    list.push({ page, number });
    chaptersOf.set(book, list);
  }

  const chapters = new Map<string, Chapter>();
  for (const [book, numbered] of chaptersOf) {
    const ordered = [...numbered].sort((a, b) => a.number - b.number || a.page.file.localeCompare(b.page.file));
    book.chapters = ordered.map((chapter, index) => toChapter(chapter, book, index + 1, ordered.length));
    linkNeighbours(
      book.chapters,
      ordered.map(({ page }) => page),
    );
    countMinutes(book);
    for (const chapter of book.chapters) chapters.set(chapter.url, chapter);
  }

  const homes = new Map([...books.values()].map((book) => [book.url, book]));
  return {
    books: [...books.values()].sort((a, b) => a.title.localeCompare(b.title)),
    pages: pages
      .map(({ file, url, data }) => ({ file, url, title: data.title }))
      .sort((a, b) => a.file.localeCompare(b.file)),
    redirects: aliasRedirects(pages),
    chapterAt: (url) => chapters.get(url),
    bookAt: (url) => homes.get(url),
  };
}

/**
 * The structure check: chapters that name no book or a book without a home page, pages of a book
 * without a chapter number, and two chapters of one book with the same number.
 */
export function structureProblems(pages: readonly PageInput[], library: Library, leftOut: LeftOut = {}): Problem[] {
  const problems: Problem[] = [];
  const slugs = pages.flatMap((page) => {
    const slug = bookSlugForFile(page.file);
    return page.data.book === undefined && slug !== undefined ? [slug] : [];
  });
  const known = new Set(slugs);
  for (const page of pages) {
    const { book, chapter } = page.data;
    if (book === undefined) {
      if (chapter !== undefined) {
        problems.push({
          file: page.file,
          line: page.lines.chapter,
          column: page.columns?.chapter,
          field: "chapter",
          message: `has chapter: ${chapter} but no book, so it belongs to no book.`,
          fix: `add "book: <slug>" naming the book's home page (pages/<slug>.md), or remove "chapter".`,
        });
      }
    } else if (!known.has(book)) {
      const home = `${PAGES_DIR}/${book}.md`;
      // A home page whose front matter does not read is reported as such; its chapters wait for it.
      if (leftOut.drafts?.has(home)) problems.push(chapterOfDraftBook(page, book, home));
      else if (!leftOut.unread?.has(home)) problems.push(unknownBook(page, book, [...new Set(slugs)]));
    } else if (chapter === undefined) {
      problems.push({
        file: page.file,
        line: page.lines.book,
        field: "chapter",
        message: `is missing: a page of book "${book}" needs a chapter number to take its place.`,
        fix: `add "chapter: <number>"; decimals such as 1.5 place it between two chapters.`,
      });
    }
  }
  const byFile = new Map(pages.map((page) => [page.file, page]));
  for (const book of library.books) {
    const numbered = book.chapters.flatMap(({ file, number }) => {
      const page = byFile.get(file);
      return page ? [{ page, number }] : [];
    });
    problems.push(...duplicateNumbers(numbered));
  }
  return problems;
}

/** A page's header picture as its front matter gives it (`image`, `imageAlt`), resolved against its file. */
export function headerImageOf(
  file: string | undefined,
  { image, imageAlt }: { image?: string; imageAlt?: string },
): PageImage | undefined {
  if (!image) return undefined;
  return { url: file ? resolveRelativeUrl(image, file) : image, alt: imageAlt ?? "" };
}

function toBook(page: PageInput, slug: string): Book {
  const { title, description, status, category, author } = page.data;
  return {
    slug,
    file: page.file,
    url: page.url,
    title,
    description,
    status,
    category,
    image: headerImageOf(page.file, page.data),
    author,
    chapters: [],
    minutes: 0,
  };
}

/** A page of a book with the chapter number that orders it. */
interface Numbered {
  page: PageInput;
  number: number;
}

function toChapter({ page, number }: Numbered, book: Book, position: number, total: number): Chapter {
  const { title, description, status } = page.data;
  return {
    file: page.file,
    url: page.url,
    title,
    description,
    status,
    image: headerImageOf(page.file, page.data),
    number,
    position,
    total,
    minutes: readingMinutes(page.words ?? 0),
    minutesLeft: 0,
    prev: undefined,
    next: undefined,
    book,
  };
}

/** The time left in the book from each chapter, and the book's total, from the chapters' own times. */
function countMinutes(book: Book): void {
  let left = 0;
  for (let i = book.chapters.length - 1; i >= 0; i--) {
    left += book.chapters[i].minutes;
    book.chapters[i].minutesLeft = left;
  }
  book.minutes = left;
}

function linkNeighbours(chapters: Chapter[], pages: readonly PageInput[]): void {
  chapters.forEach((chapter, i) => {
    chapter.prev = neighbour(chapters[i - 1], pages[i].data.prev);
    chapter.next = neighbour(chapters[i + 1], pages[i].data.next);
  });
}

function neighbour(target: Chapter | undefined, override: string | false | undefined): Neighbour {
  if (override === false) return false;
  if (target === undefined) return undefined;
  return { url: target.url, title: target.title, label: override ?? target.title };
}

/**
 * Two or more chapters of one book with the same number: a problem at the `chapter` line of each,
 * naming every file that shares the number and its line, with a free number to give one of them.
 */
function duplicateNumbers(ordered: readonly Numbered[]): Problem[] {
  const problems: Problem[] = [];
  for (let start = 0; start < ordered.length; ) {
    const { number } = ordered[start];
    let end = start + 1;
    while (end < ordered.length && ordered[end].number === number) end++;
    const sharing = ordered.slice(start, end).map(({ page }) => page);
    const next = ordered[end]?.number;
    start = end;
    if (sharing.length < 2) continue;
    const free = next === undefined ? Math.floor(number) + 1 : numberBetween(number, next);
    const places = sharing.map((page) => `${page.file}${page.lines.chapter ? ` (line ${page.lines.chapter})` : ""}`);
    const times = sharing.length === 2 ? "twice" : `${sharing.length} times`;
    for (const page of sharing) {
      problems.push({
        file: page.file,
        line: page.lines.chapter,
        column: page.columns?.chapter,
        field: "chapter",
        message: `${number} of book "${page.data.book}" is taken ${times}: by ${places.slice(0, -1).join(", by ")} and by ${places.at(-1)}.`,
        fix: `give ${sharing.length === 2 ? "one" : "all but one"} of them a free number, for example chapter: ${free}.`,
      });
    }
  }
  return problems;
}

/**
 * A chapter number between two others, to put a chapter between them: the number with the fewest
 * decimals nearest halfway (2 and 3 give 2.5, 2 and 2.5 give 2.3, 1 and 4 give 3).
 */
export function numberBetween(low: number, high: number): number {
  const half = (low + high) / 2;
  for (let decimals = 0; decimals <= 15; decimals++) {
    const rounded = Number(half.toFixed(decimals));
    if (rounded > low && rounded < high) return rounded;
  }
  return half;
}

function chapterOfDraftBook(page: PageInput, slug: string, home: string): Problem {
  return {
    file: page.file,
    line: page.lines.book,
    column: page.columns?.book,
    field: "book",
    message: `"${slug}" is a draft book: ${home} has draft: true, so this published chapter has no book to appear in.`,
    fix: `remove "draft: true" from ${home} to publish the book, or add "draft: true" to this chapter too.`,
  };
}

function unknownBook(page: PageInput, slug: string, known: string[]): Problem {
  const guess = closest(slug, known);
  const knownList = known.length > 0 ? known.sort().join(", ") : "none yet";
  return {
    file: page.file,
    line: page.lines.book,
    column: page.columns?.book,
    field: "book",
    message: `"${slug}" has no home page: there is no ${PAGES_DIR}/${slug}.md. Known books: ${knownList}.`,
    fix: guess
      ? `did you mean "${guess}"? Otherwise create ${PAGES_DIR}/${slug}.md (npm run new -- book ${slug} "<Title>").`
      : `create ${PAGES_DIR}/${slug}.md (npm run new -- book ${slug} "<Title>"), or name an existing book.`,
  };
}
