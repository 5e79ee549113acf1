import type { FrontMatter, Status } from "./schema.js";
import { aliasRedirects } from "./aliases.js";
import type { Problem } from "./problem.js";
import { closest } from "./closest.js";
import { readingMinutes } from "./reading-time.js";
import { resolveRelativeUrl } from "./urls.js";

/** A page as the model needs it: where it lives, where it is published, what its front matter says. */
export interface PageInput {
  /** Path relative to the content root, with `/` separators (`pages/okr-chapter-2.md`). */
  file: string;
  /** URL the page is published at (`/pages/okr-chapter-2/`). */
  url: string;
  /** Validated front matter. */
  data: FrontMatter;
  /** 1-based line of each front matter key, for messages. */
  lines: Readonly<Record<string, number>>;
  /** 1-based column of each front matter value, by the names `lines` uses, for messages. */
  columns?: Readonly<Record<string, number>>;
  /** Words of its text, for its reading time (0 when unknown). */
  words?: number;
}

/** A link to a neighbouring chapter, as a button shows it. */
export interface NeighbourLink {
  url: string;
  /** The neighbour's title. */
  title: string;
  /** Text on the button: the neighbour's title, or the author's override. */
  label: string;
}

/**
 * A neighbour side: a link, `undefined` at the book's first or last chapter (shown disabled),
 * or `false` when the author hid it.
 */
export type Neighbour = NeighbourLink | undefined | false;

/** A page's header picture, resolved against its file. */
export interface PageImage {
  /** Its path on the site (`/images/headers/x.svg`), or its address elsewhere as written. */
  url: string;
  /** What it shows, for readers who cannot see it. */
  alt: string;
}

/** A chapter in its book, with everything its page shows about its place. */
export interface Chapter {
  file: string;
  url: string;
  title: string;
  description: string;
  status?: Status;
  /** Its header picture: its page, its EPUB chapter and its printed chapter all show this one. */
  image?: PageImage;
  /** The number the author gave, which orders the book. */
  number: number;
  /** 1-based place in the book's reading order. */
  position: number;
  /** Number of chapters in the book. */
  total: number;
  /** Minutes this chapter takes to read. */
  minutes: number;
  /** Minutes to read the book from the start of this chapter to its end. */
  minutesLeft: number;
  prev: Neighbour;
  next: Neighbour;
  book: Book;
}

/** A book: its home page and its chapters in reading order. */
export interface Book {
  slug: string;
  file: string;
  url: string;
  title: string;
  description: string;
  status?: Status;
  category?: string;
  image?: string;
  imageAlt?: string;
  /** Who wrote the book, as its home page says; renderers fall back on the site's author. */
  author?: string;
  chapters: Chapter[];
  /** Minutes to read every chapter: the sum of their reading times. */
  minutes: number;
}

/** An old URL of a page (an `aliases` entry), published as a redirect to the page. */
export interface Redirect {
  /** The old URL (`/pages/okr-chapter-3/`). */
  from: string;
  /** The page's URL, where the redirect leads. */
  to: string;
  /** The page's title, for the redirect page's link. */
  title: string;
  /** The file whose front matter lists the alias. */
  file: string;
  /** 1-based line of the alias in that file. */
  line?: number;
}

/** A published page of any kind (home, book home, chapter, other page): its file, URL and title. */
export interface PageSummary {
  file: string;
  url: string;
  title: string;
}

/** Every book of a site, with lookups by URL and slug. */
export interface Library {
  /** Books in title order. */
  books: Book[];
  /** Every page the library was built from, in file order. */
  pages: PageSummary[];
  /** Every alias of every page, in URL order. */
  redirects: Redirect[];
  /** The chapter published at a URL, if that page is a chapter. */
  chapterAt(url: string): Chapter | undefined;
  /** The book whose home page is published at a URL, if any. */
  bookAt(url: string): Book | undefined;
}

/** Files the library was built without, so messages about them can say why they are missing. */
export interface LeftOut {
  /** Files that are drafts. */
  drafts?: ReadonlySet<string>;
  /** Files whose front matter could not be read or is not valid. */
  unread?: ReadonlySet<string>;
}

/** The library and the problems found while building it. */
export interface LibraryResult {
  library: Library;
  problems: Problem[];
}

/** The folder whose top-level Markdown files without `book` are book homes. */
export const PAGES_DIR = "pages";

/** URL a content file is published at: `index.md` is `/`, `pages/x.md` is `/pages/x/`. */
export function urlForFile(file: string): string {
  const withoutExt = file.replace(/\.md$/, "");
  if (withoutExt === "index") return "/";
  return `/${withoutExt.replace(/\/index$/, "")}/`;
}

/** Where a book's whole-book page for printing is published: `/pages/okr/print/`. */
export function printUrl(book: Pick<Book, "url">): string {
  return `${book.url}print/`;
}

/** Where a book's EPUB is published, beside its home page: `/pages/okr/okr.epub`. */
export function epubUrl(book: Pick<Book, "url" | "slug">): string {
  return `${book.url}${book.slug}.epub`;
}

/** Where a book's offline manifest is published, beside its home page: `/pages/okr/offline.json`. */
export function offlineUrl(book: Pick<Book, "url">): string {
  return `${book.url}offline.json`;
}

/** Where a book's PDF is published, beside its EPUB: `/pages/okr/okr.pdf`. */
export function pdfUrl(book: Pick<Book, "url" | "slug">): string {
  return `${book.url}${book.slug}.pdf`;
}

/** The file a URL is served from: `/a/` is `/a/index.html`, `/a.html` is itself. */
export function servedFile(url: string): string {
  return url.endsWith("/") ? `${url}index.html` : url;
}

/** The slug a top-level file of `pages/` gives its book, or undefined for any other file. */
export function bookSlugForFile(file: string): string | undefined {
  const match = new RegExp(`^${PAGES_DIR}/([^/]+)\\.md$`).exec(file);
  return match?.[1];
}

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

  const chaptersOf = new Map<string, PageInput[]>();
  for (const page of pages) {
    const { book, chapter } = page.data;
    if (book === undefined || chapter === undefined || !books.has(book)) continue;
    const list = chaptersOf.get(book) ?? [];
    list.push(page);
    chaptersOf.set(book, list);
  }

  const chapters = new Map<string, Chapter>();
  for (const [slug, pagesOfBook] of chaptersOf) {
    const book = books.get(slug)!;
    const ordered = [...pagesOfBook].sort((a, b) => a.data.chapter! - b.data.chapter! || a.file.localeCompare(b.file));
    book.chapters = ordered.map((page, index) => toChapter(page, book, index + 1, ordered.length));
    linkNeighbours(book.chapters, ordered);
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
    problems.push(...duplicateNumbers(book.chapters.map((chapter) => byFile.get(chapter.file)!)));
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
  const { title, description, status, category, image, imageAlt, author } = page.data;
  return {
    slug,
    file: page.file,
    url: page.url,
    title,
    description,
    status,
    category,
    image,
    imageAlt,
    author,
    chapters: [],
    minutes: 0,
  };
}

function toChapter(page: PageInput, book: Book, position: number, total: number): Chapter {
  const { title, description, status, chapter } = page.data;
  return {
    file: page.file,
    url: page.url,
    title,
    description,
    status,
    image: headerImageOf(page.file, page.data),
    number: chapter!,
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
function duplicateNumbers(ordered: readonly PageInput[]): Problem[] {
  const problems: Problem[] = [];
  for (let start = 0; start < ordered.length; ) {
    const number = ordered[start].data.chapter!;
    let end = start + 1;
    while (end < ordered.length && ordered[end].data.chapter === number) end++;
    const sharing = ordered.slice(start, end);
    const next = ordered[end]?.data.chapter;
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
