// What must hold on any built library whatever its books say: the checks the tests run over the
// repository's own content, and over copies of it with chapters and books added.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { CheerioAPI } from "cheerio";
import matter from "gray-matter";
import { fileForUrl } from "./urls.js";

/** A built site to check: its folder and its pages, parsed. */
export interface CheckedSite {
  output: string;
  page(url: string): Promise<CheerioAPI>;
}

/** A book as the content's front matter declares it: its URL and its published chapters in order. */
export interface DeclaredBook {
  url: string;
  chapters: string[];
}

/** The published books of a content folder and their chapters, ordered by `chapter`, from front matter alone. */
export function declaredBooks(content: string): DeclaredBook[] {
  const dir = path.join(content, "pages");
  const pages = readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .map((file) => ({
      url: `/pages/${file.slice(0, -3)}/`,
      data: matter(readFileSync(path.join(dir, file), "utf8")).data,
    }))
    .filter(({ data }) => data.draft !== true);
  return pages
    .filter(({ data }) => data.book === undefined && data.layout !== "home")
    .map(({ url }) => ({
      url,
      chapters: pages
        .filter(({ data }) => data.book !== undefined && `/pages/${data.book}/` === url)
        .sort((a, b) => Number(a.data.chapter) - Number(b.data.chapter))
        .map((chapter) => chapter.url),
    }));
}

/** Every page a reader reaches from the home page: book homes, their print pages and their chapters. */
export async function publishedPages(site: CheckedSite): Promise<string[]> {
  const pages = ["/"];
  for (const book of await bookUrls(site)) {
    pages.push(book, `${book}print/`, ...(await chapterList(site, book)));
  }
  return pages;
}

/** The book homes the home page links from its cards. */
async function bookUrls(site: CheckedSite): Promise<string[]> {
  const $ = await site.page("/");
  return $(".book-card a")
    .map((_, a) => $(a).attr("href")!)
    .get();
}

/** The chapters a book home lists, in its order. */
async function chapterList(site: CheckedSite, book: string): Promise<string[]> {
  const $ = await site.page(book);
  return $(".chapter-list li > a")
    .map((_, a) => $(a).attr("href")!)
    .get();
}

/**
 * Checks the reading order of every book and every link of the site; returns what is wrong, one
 * line each (nothing when all holds). With `content`, the books and chapters are also compared
 * with what the content's front matter declares.
 */
export async function libraryProblems(site: CheckedSite, content?: string): Promise<string[]> {
  const problems: string[] = [];
  const books = await bookUrls(site);
  if (books.length === 0) problems.push("/: the home page lists no book.");
  const declared = content ? declaredBooks(content) : undefined;
  if (declared) {
    const expected = declared.map((b) => b.url).sort();
    if (JSON.stringify([...books].sort()) !== JSON.stringify(expected)) {
      problems.push(`/: the home page lists the books ${books.join(", ")}; the content has ${expected.join(", ")}.`);
    }
  }
  const home = await site.page("/");
  for (const book of books) {
    const chapters = await chapterList(site, book);
    const wanted = declared?.find((b) => b.url === book)?.chapters;
    if (wanted && JSON.stringify(chapters) !== JSON.stringify(wanted)) {
      problems.push(`${book}: lists ${chapters.join(", ") || "no chapter"}; the content orders ${wanted.join(", ")}.`);
    }
    const card = home(".book-card").filter((_, el) => home(el).find("a").attr("href") === book);
    const count = `${chapters.length} chapter${chapters.length === 1 ? "" : "s"}`;
    if (card.find(".book-card__count").text() !== count) {
      problems.push(`/: the card of ${book} says "${card.find(".book-card__count").text()}", not "${count}".`);
    }
    problems.push(...(await readingOrderProblems(site, book, chapters)));
  }
  problems.push(...(await brokenLinks(site)));
  return problems;
}

/** Start reading leads to the first chapter, next walks them all in order, prev mirrors it, positions count. */
async function readingOrderProblems(site: CheckedSite, book: string, chapters: string[]): Promise<string[]> {
  const problems: string[] = [];
  const $book = await site.page(book);
  const start = $book("a")
    .filter((_, a) => $book(a).text().trim() === "Start reading")
    .attr("href");
  if (chapters.length && start !== chapters[0])
    problems.push(`${book}: "Start reading" leads to ${start}, not ${chapters[0]}.`);

  const walked: string[] = [];
  const minutes: number[] = [];
  const minutesLeft: number[] = [];
  for (let url: string | undefined = chapters[0]; url && walked.length <= chapters.length; ) {
    walked.push(url);
    const $ = await site.page(url);
    const i = walked.length - 1;
    const prev = $('nav.chapter-nav a[rel="prev"]').attr("href");
    if (prev !== (i === 0 ? undefined : walked[i - 1]))
      problems.push(`${url}: Previous leads to ${prev}, not ${walked[i - 1]}.`);
    const where = $("nav.chapter-nav").text();
    const position = `Chapter ${i + 1} of ${chapters.length}`;
    if (!where.includes(position)) problems.push(`${url}: does not say "${position}".`);
    const sidebar = $("#sidebar a")
      .map((_, a) => $(a).attr("href"))
      .get()
      .filter((href) => chapters.includes(href));
    if (JSON.stringify(sidebar) !== JSON.stringify(chapters))
      problems.push(`${url}: the sidebar lists ${sidebar.join(", ")}.`);
    minutes.push(Number($(".meta .reading-time").attr("data-minutes")));
    minutesLeft.push(Number($(".meta .time-left").attr("data-minutes")));
    url = $('nav.chapter-nav a[rel="next"]').attr("href");
  }
  // Time left from a chapter is its own reading time and every later chapter's; the book's total is all of them.
  minutes.forEach((_, i) => {
    const sum = minutes.slice(i).reduce((a, b) => a + b, 0);
    if (!(minutes[i] >= 1) || minutesLeft[i] !== sum)
      problems.push(`${walked[i]}: ${minutesLeft[i]} min left in the book, but its chapters from here take ${sum}.`);
  });
  const total = Number($book(".meta .reading-time").attr("data-minutes"));
  const all = minutes.reduce((a, b) => a + b, 0);
  if (chapters.length && total !== all)
    problems.push(`${book}: says ${total} min for the whole book, but its chapters take ${all}.`);
  if (JSON.stringify(walked) !== JSON.stringify(chapters)) {
    problems.push(
      `${book}: Next from the first chapter walks ${walked.join(", ")}; the book lists ${chapters.join(", ")}.`,
    );
  }
  return problems;
}

/** Every link, image and script of every built page that points inside the site at nothing. */
async function brokenLinks(site: CheckedSite): Promise<string[]> {
  const problems: string[] = [];
  const entries = await readdir(site.output, { recursive: true, withFileTypes: true });
  const htmlFiles = entries
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => `/${path.relative(site.output, path.join(e.parentPath, e.name)).split(path.sep).join("/")}`);
  const idsByFile = new Map<string, Set<string>>();
  const idsOf = async (file: string) => {
    let ids = idsByFile.get(file);
    if (!ids) {
      const $ = await site.page(file);
      ids = new Set(
        $("[id]")
          .map((_, el) => $(el).attr("id")!)
          .get(),
      );
      idsByFile.set(file, ids);
    }
    return ids;
  };
  for (const file of htmlFiles) {
    const $ = await site.page(file);
    const targets = [
      ...$("a[href], link[href]")
        .map((_, el) => $(el).attr("href")!)
        .get(),
      ...$("img[src], script[src]")
        .map((_, el) => $(el).attr("src")!)
        .get(),
      ...$("img[srcset], source[srcset]")
        .map((_, el) =>
          $(el)
            .attr("srcset")!
            .split(",")
            .map((s) => s.trim().split(/\s+/)[0]),
        )
        .get(),
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue; // leaves the site
      const resolved = new URL(target, `http://site${file}`);
      const targetFile = fileForUrl(resolved.pathname);
      if (!existsSync(path.join(site.output, targetFile))) {
        problems.push(`${file}: "${target}" leads to nothing.`);
        continue;
      }
      const id = decodeURIComponent(resolved.hash.slice(1));
      if (id && targetFile.endsWith(".html") && !(await idsOf(targetFile)).has(id)) {
        problems.push(`${file}: "${target}" leads to a page without #${id}.`);
      }
    }
  }
  return problems;
}
