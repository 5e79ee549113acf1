// "Continue reading" and the chapters read: what the reader's progress changes on a page, shown
// before the page paints (from theme.js), and, once it has loaded (from site.js), the chapter
// remembered as the place to continue, marked read when its end comes into view, and "Forget my progress".

import { changedSince, forgetProgress, loadProgress, saveProgress, type Place, type Progress } from "./progress.js";

/** Each book's progress, read once per page. */
export function progressReader(): (book: string) => Progress {
  const books = new Map<string, Progress>();
  return (book) => {
    const known = books.get(book);
    if (known) return known;
    const progress = loadProgress(book);
    books.set(book, progress);
    return progress;
  };
}

/** The link text of "Continue" for the place a reader stopped at. */
export function continueLabel(at: Place): string {
  return `Continue: ${at.position ? `Chapter ${at.position}, ` : ""}${at.title}`;
}

/** Marks a chapter link as changed since the reader last read it. */
function markUpdated(a: HTMLElement): void {
  // The space before the word is for screen readers; on screen the mark keeps its own distance.
  const gap = document.createElement("span");
  gap.className = "visually-hidden";
  gap.textContent = " ";
  const mark = document.createElement("span");
  mark.className = "updated-mark";
  mark.textContent = "Updated";
  a.append(gap, mark);
}

/** Marks a chapter link read, with a word for screen readers after its title. */
function markRead(a: HTMLElement): void {
  if (a.hasAttribute("data-read")) return;
  a.setAttribute("data-read", "");
  const note = document.createElement("span");
  note.className = "visually-hidden";
  note.textContent = " (read)";
  a.append(note);
}

/** "Continue" where the reader stopped, or that they read it all; on a book home it leads. */
export function fillContinue(box: HTMLElement): void {
  const progress = loadProgress(box.dataset.continue ?? "");
  if (!progress.at && progress.read.length === 0) return;
  if (progress.at) {
    const next = box.querySelector<HTMLElement>(".continue__next");
    const link = next?.querySelector("a");
    if (!next || !link) return;
    link.href = progress.at.url;
    link.textContent = continueLabel(progress.at);
    next.hidden = false;
    box.closest(".book-actions")?.classList.add("book-actions--continue");
  } else {
    const done = box.querySelector<HTMLElement>(".continue__done");
    if (done) done.hidden = false;
  }
  box.hidden = false;
}

/** A chapter list's link marked read, or changed since the reader read it. */
export function markChapterLink(progressOf: (book: string) => Progress): (a: HTMLElement) => void {
  return (a) => {
    const progress = progressOf(a.closest<HTMLElement>("[data-book]")?.dataset.book ?? "");
    const url = a.getAttribute("href") ?? "";
    if (changedSince(progress, url, a.dataset.updated)) markUpdated(a);
    if (progress.read.includes(url)) markRead(a);
  };
}

/** A chapter changed since the reader last read it says so at its top. */
export function showChangedNote(progressOf: (book: string) => Progress): (note: HTMLElement) => void {
  return (note) => {
    const article = note.closest<HTMLElement>("article[data-chapter]");
    if (!article) return;
    const progress = progressOf(article.dataset.book ?? "");
    if (changedSince(progress, article.dataset.chapter ?? "", article.dataset.updated)) note.hidden = false;
  };
}

/** A chapter link as a place to continue at. */
function place(a: HTMLElement | undefined): Place | undefined {
  return a && { url: a.getAttribute("href") ?? "", title: a.textContent ?? "", position: Number(a.dataset.position) };
}

/**
 * On a chapter: remembers that the reader is here, and that they read it once its end came into
 * view; the sidebar marks the chapters read. On a book home and the home page's cards, "Continue"
 * was filled in before the page painted; here its "Forget my progress" button works.
 */
export function setUpProgress(): void {
  const article = document.querySelector<HTMLElement>("article[data-chapter]");
  if (article) {
    const book = article.dataset.book ?? "";
    const url = article.dataset.chapter ?? "";
    const links = [...document.querySelectorAll<HTMLElement>("#sidebar .sidebar__list a")];
    const here = links.findIndex((a) => a.getAttribute("href") === url);
    const progress = loadProgress(book);
    progress.at = place(links[here]);
    // The version read now: the chapter's next change shows as "Updated".
    if (article.dataset.updated) progress.seen[url] = article.dataset.updated;
    saveProgress(book, progress);
    const end = article.querySelector(".chapter-nav") ?? article.lastElementChild;
    if (end && "IntersectionObserver" in window) {
      const observer = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        const now = loadProgress(book);
        if (!now.read.includes(url)) now.read.push(url);
        now.at = place(links[here + 1]) ?? place(links.find((a) => !now.read.includes(a.getAttribute("href") ?? "")));
        saveProgress(book, now);
        links[here]?.setAttribute("data-read", "");
      });
      observer.observe(end);
    }
  }

  for (const box of document.querySelectorAll<HTMLElement>("[data-continue]")) {
    const book = box.dataset.continue ?? "";
    box.querySelector(".continue__forget-button")?.addEventListener("click", () => {
      forgetProgress(book);
      box.hidden = true;
      box.closest(".book-actions")?.classList.remove("book-actions--continue");
      for (const a of document.querySelectorAll(".chapter-list a[data-read]")) {
        a.removeAttribute("data-read");
        a.querySelector(".visually-hidden")?.remove();
      }
      document.querySelector<HTMLElement>(".start-reading a")?.focus();
    });
  }
}
