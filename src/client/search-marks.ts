// On a page opened from a search result: the words searched for, marked in the text.

import { HIGHLIGHT_PARAM, loadHighlighter } from "./pagefind.js";
import { fragmentId } from "./table-of-contents.js";

/** What the bar over the marked words says: how many were marked, or that the words are gone from the page. */
export function marksLabel(marks: number, words: readonly string[]): string {
  return marks === 0
    ? `“${words.join(" ")}” is not on this page any more.`
    : `${marks} match${marks === 1 ? "" : "es"} for “${words.join(" ")}” marked.`;
}

/**
 * On a page opened from a search result: marks the words searched for in the text, with a bar to
 * clear the marks. Pagefind's own highlighter does the marking; its inline styles stay off (CSP).
 */
export async function markSearchedWords(): Promise<void> {
  const params = new URLSearchParams(window.location.search);
  const words = params.getAll(HIGHLIGHT_PARAM).filter((word) => word.trim());
  const text = document.querySelector("[data-pagefind-body] .content");
  if (words.length === 0 || !text) return;
  const PagefindHighlight = await loadHighlighter();
  new PagefindHighlight({
    highlightParam: HIGHLIGHT_PARAM,
    addStyles: false,
    markContext: text,
    markOptions: {
      className: "pagefind-highlight",
      // The highlighter looks at each piece of text's own element only, so what is inside counts too.
      exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *", ".heading-anchor", ".heading-anchor *"],
    },
  });
  // Only the words a reader sees are marked and counted: never words meant for screen readers alone.
  const unseen = ".heading-anchor, .visually-hidden, [aria-hidden='true'], [hidden]";
  for (const mark of text.querySelectorAll("mark.pagefind-highlight")) {
    if (mark.parentElement?.closest(unseen)) mark.replaceWith(...mark.childNodes);
  }
  const marks = text.querySelectorAll("mark.pagefind-highlight");
  const bar = document.createElement("div");
  bar.className = "search-marks";
  bar.setAttribute("role", "status");
  const label = document.createElement("span");
  label.textContent = marksLabel(marks.length, words);
  const clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = "Clear marks";
  clear.addEventListener("click", () => {
    for (const mark of text.querySelectorAll("mark.pagefind-highlight")) mark.replaceWith(...mark.childNodes);
    text.normalize();
    bar.remove();
    params.delete(HIGHLIGHT_PARAM);
    const query = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
    document.getElementById("main")?.focus({ preventScroll: true });
  });
  bar.append(label, clear);
  document.querySelector("main")?.append(bar);
  // The section a result pointed at, now that its words are marked, is where the reader lands.
  const id = fragmentId(location.hash);
  if (id !== undefined) document.getElementById(id)?.scrollIntoView();
}
