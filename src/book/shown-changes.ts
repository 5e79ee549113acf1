import { printUrl, type Book, type Library } from "./library.js";

/** The URL of the site's home page, which lists every book. */
export const HOME_URL = "/";

/**
 * What each page shows of the library, as comparable text, by page URL: a chapter and its book's
 * home show the whole book (its title, every chapter's title, number, status, times and buttons, as
 * the sidebar, the chapter list and the buttons do), a book's last chapter the books with chapters too
 * (its end offers the others), the home page shows each book's card, a book's
 * print page (when it has chapters) its book, an old URL (alias) the page it leads to. Pages that show nothing of the
 * library have no entry.
 */
export function shownByPage(library: Library): Map<string, string> {
  const shown = new Map<string, string>();
  const cards = library.books.map(
    ({ slug, url, title, description, status, category, image, imageAlt, minutes, chapters }) => ({
      slug,
      url,
      title,
      description,
      status,
      category,
      image,
      imageAlt,
      minutes,
      chapters: chapters.length,
    }),
  );
  shown.set(HOME_URL, JSON.stringify(cards));
  const others = JSON.stringify(
    library.books
      .filter((book) => book.chapters.length > 0)
      .map(({ url, title, description }) => [url, title, description]),
  );
  for (const book of library.books) {
    const text = bookText(book);
    shown.set(book.url, text);
    if (book.chapters.length > 0) shown.set(printUrl(book), text);
    const last = book.chapters.at(-1);
    for (const chapter of book.chapters) shown.set(chapter.url, chapter === last ? `${text}${others}` : text);
  }
  for (const redirect of library.redirects) shown.set(redirect.from, JSON.stringify([redirect.to, redirect.title]));
  return shown;
}

/**
 * The pages that must be written again when the library goes from `before` to `after` because the
 * files at `changed` (their URLs) were saved, added or deleted: every page that shows something of
 * the library that changed, every page new in `after`, the changed pages themselves, and the print
 * page of each book a changed page was or is a chapter of, as it holds that chapter's text. Pages
 * gone from `after` are not listed: nothing writes them. A book home's text is its print page's
 * introduction, so a changed book home rewrites its print page too.
 */
export function pagesToRewrite(before: Library, after: Library, changed: readonly string[]): Set<string> {
  const old = shownByPage(before);
  const now = shownByPage(after);
  const urls = new Set<string>();
  for (const [url, text] of now) if (old.get(url) !== text) urls.add(url);
  const published = new Set([...after.pages.map((page) => page.url), ...now.keys()]);
  for (const url of changed) {
    if (published.has(url)) urls.add(url);
    const book = after.chapterAt(url)?.book ?? after.bookAt(url);
    if (book && now.has(printUrl(book))) urls.add(printUrl(book));
    const was = before.chapterAt(url)?.book;
    if (was && now.has(printUrl(was))) urls.add(printUrl(was));
  }
  return urls;
}

/** A book as its pages show it: its own fields and each chapter's, chapters naming their book by slug. */
function bookText(book: Book): string {
  return JSON.stringify({ ...book, chapters: book.chapters.map((chapter) => ({ ...chapter, book: book.slug })) });
}

/**
 * The pages `before` published and `after` does not (pages deleted or renamed, old URLs dropped,
 * print pages of books left without chapters): their files are to be removed from the site.
 */
export function pagesGone(before: Library, after: Library): string[] {
  const published = (library: Library) =>
    new Set([...library.pages.map((page) => page.url), ...shownByPage(library).keys()]);
  const now = published(after);
  return [...published(before)].filter((url) => !now.has(url));
}
