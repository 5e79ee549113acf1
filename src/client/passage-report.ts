// "Report a problem with this passage": selecting words of a chapter offers a link to the
// repository's new-issue form, the words quoted.

/** The longest quote a report carries; a longer selection is cut there, with an ellipsis. */
const LONGEST_QUOTE = 600;

/** The words of a selection, on one line, cut to the longest quote. */
export function quotedWords(selection: string): string {
  const words = selection.replace(/\s+/g, " ").trim();
  return words.length > LONGEST_QUOTE ? `${words.slice(0, LONGEST_QUOTE)}…` : words;
}

/** The new-issue form's address with its title and body filled in: the page, the chapter and the words quoted. */
export function reportUrl(form: string, chapter: string, page: string, words: string): string {
  const url = new URL(form);
  url.searchParams.set("title", `Problem in “${chapter}”`);
  url.searchParams.set("body", `Page: ${page}\nChapter: ${chapter}\n\n> ${quotedWords(words)}\n\nWhat is wrong:\n`);
  return url.href;
}

/**
 * Selecting words of a chapter offers "Report a problem with this passage": a link to the
 * repository's new-issue form with the page's address, the chapter's title and the words quoted.
 * It comes right after the passage in the order of the keyboard (Tab reaches it), and Escape or a
 * selection elsewhere puts it away. Nothing is sent until the reader follows the link.
 */
export function setUpPassageReport(): void {
  const box = document.querySelector<HTMLElement>("[data-report]");
  const article = document.querySelector("article[data-chapter]");
  const text = article?.querySelector(".content");
  const link = box?.querySelector("a");
  if (!box || !article || !text || !link) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pressing = false;
  const hide = () => {
    box.hidden = true;
  };
  const place = () => {
    if (pressing || box.contains(document.activeElement)) return;
    const selection = document.getSelection();
    const range = selection && !selection.isCollapsed && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined;
    const words = selection?.toString().replace(/\s+/g, " ").trim() ?? "";
    if (!range || !words || !text.contains(range.commonAncestorContainer)) {
      hide();
      return;
    }
    link.href = reportUrl(
      box.dataset.report ?? "",
      box.dataset.reportTitle ?? "",
      `${location.origin}${location.pathname}`,
      words,
    );
    // Right after the part of the text the passage ends in, and drawn just below the passage.
    let block: Node = range.endContainer;
    while (block.parentNode && block.parentNode !== text) block = block.parentNode;
    if (
      block.parentNode === text &&
      block.nextSibling !== box &&
      (block instanceof Element || block instanceof CharacterData)
    )
      block.after(box);
    const passage = range.getBoundingClientRect();
    const host = article.getBoundingClientRect();
    box.style.setProperty("--report-top", `${Math.round(passage.bottom - host.top + 6)}px`);
    box.style.setProperty("--report-left", `${Math.round(Math.max(0, passage.left - host.left))}px`);
    box.hidden = false;
  };
  document.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(place, 150);
  });
  box.addEventListener("pointerdown", () => {
    pressing = true;
  });
  document.addEventListener("pointerup", () => {
    setTimeout(() => {
      pressing = false;
    });
  });
  link.addEventListener("click", () => setTimeout(hide));
  document.addEventListener("keydown", (event) => {
    if (box.hidden) return;
    if (event.key === "Escape") {
      const back = box.contains(document.activeElement);
      hide();
      if (back) document.getElementById("main")?.focus({ preventScroll: true });
    } else if (event.key === "Tab" && !event.shiftKey) {
      // A click in the text gives focus to the text's container, from which Tab would start over at
      // its top: from there, the next Tab goes to the report link.
      const from = document.activeElement;
      if (!from || from === document.body || (from.contains(box) && !from.matches("a, button, input"))) {
        event.preventDefault();
        link.focus();
      }
    }
  });
}
