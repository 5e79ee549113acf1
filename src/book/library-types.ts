import type { Redirect } from "./aliases.js";
import type { Problem } from "./problem.js";

export type { Redirect } from "./aliases.js";
import type { FrontMatter, Status } from "./schema.js";

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
  /** Its header picture, resolved against its home page's file: its page, its cover and its print page show it. */
  image?: PageImage;
  /** Who wrote the book, as its home page says; renderers fall back on the site's author. */
  author?: string;
  chapters: Chapter[];
  /** Minutes to read every chapter: the sum of their reading times. */
  minutes: number;
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
