import type { Library } from "./library.js";
import type { Status } from "./schema.js";

/** A chapter as `npm run nav` lists it. */
export interface OrderEntry {
  /** 1-based place in the published book; null for a draft, which the published site leaves out. */
  position: number | null;
  /** The number the author gave (`chapter: 2.5`). */
  chapter: number;
  title: string;
  file: string;
  url: string;
  status: Status | null;
  draft: boolean;
  /** Minutes to read, as the page shows it (the book model's measure). */
  minutes: number;
}

/** A book as `npm run nav` lists it: its home and its chapters in reading order. */
export interface OrderBook {
  slug: string;
  title: string;
  file: string;
  url: string;
  /** A draft book is previewed only: none of it is published. */
  draft: boolean;
  chapters: OrderEntry[];
}

/**
 * Every book's reading order, drafts in their place. `preview` is the library with drafts (as the
 * dev server shows it); positions count only the chapters the published site has.
 */
export function readingOrder(preview: Library, isDraft: (file: string) => boolean): OrderBook[] {
  return preview.books.map((book) => {
    const bookDraft = isDraft(book.file);
    let position = 0;
    return {
      slug: book.slug,
      title: book.title,
      file: book.file,
      url: book.url,
      draft: bookDraft,
      chapters: book.chapters.map((chapter) => {
        const draft = bookDraft || isDraft(chapter.file);
        return {
          position: draft ? null : ++position,
          chapter: chapter.number,
          title: chapter.title,
          file: chapter.file,
          url: chapter.url,
          status: chapter.status ?? null,
          draft,
          minutes: chapter.minutes,
        };
      }),
    };
  });
}
