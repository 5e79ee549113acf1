// The repository's own books as their front matter declares them, read when a test file is collected,
// before anything is built: tests over the content make one test per page or per book from them, and
// give work over the whole content a time limit that grows with it, so that no number of chapters an
// author adds makes a test run out of time.
import { readdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../src/repo.js";
import { declaredBooks, type DeclaredBook } from "./library-invariants.js";

/** The published books of the repository, each with its chapters in order. */
export const REPOSITORY_BOOKS: DeclaredBook[] = declaredBooks(REPO_ROOT);

/** Every page a reader reaches from the home page, print pages apart: the home page, each book's home and chapters. */
export const REPOSITORY_PAGES: string[] = ["/", ...REPOSITORY_BOOKS.flatMap((book) => [book.url, ...book.chapters])];

/** How many Markdown files the content has, drafts included. */
const MARKDOWN_FILES = readdirSync(path.join(REPO_ROOT, "pages")).filter((file) => file.endsWith(".md")).length + 1;

/**
 * A time limit for work over the whole content, such as building it or reading every page: `base`
 * milliseconds, and `perPage` more for each Markdown file.
 */
export function timeForContent(base: number, perPage: number): number {
  return base + perPage * MARKDOWN_FILES;
}

/** A book's slug, from its URL: `/pages/okr/` is `okr`. */
export function bookSlug(book: DeclaredBook): string {
  return book.url.split("/")[2];
}
