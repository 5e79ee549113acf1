// Which keys do what: the arrow keys between chapters, "/" and Ctrl+K or Cmd+K to search, and the
// rules that leave a key to what has focus. The rules are pure; the DOM is only asked about focus.

/** A key pressed, as far as the rules read it (a KeyboardEvent is one). */
export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  defaultPrevented?: boolean;
}

/** The chapter a key goes to, by the `rel` of its `<link>`: ArrowLeft the previous, ArrowRight the next, alone. */
export function chapterKey(press: KeyPress): "prev" | "next" | undefined {
  if (press.defaultPrevented || press.altKey || press.ctrlKey || press.metaKey || press.shiftKey) return undefined;
  if (press.key === "ArrowLeft") return "prev";
  if (press.key === "ArrowRight") return "next";
  return undefined;
}

/** True for a key that goes to the search box: "/" where it is not typed as text, Ctrl+K or Cmd+K. */
export function isSearchKey(press: KeyPress, typing: boolean): boolean {
  if (press.defaultPrevented || press.altKey) return false;
  const slash = press.key === "/" && !press.ctrlKey && !press.metaKey && !typing;
  const k = (press.ctrlKey || press.metaKey) && !press.shiftKey && press.key.toLowerCase() === "k";
  return slash || k;
}

/** Input types that take no typed text: keys pressed on them are not text. */
const NOT_TEXT = ["button", "checkbox", "radio", "submit", "reset"];

/** True for an `<input>` of a type that takes typed text. */
export function takesText(inputType: string): boolean {
  return !NOT_TEXT.includes(inputType);
}

/** True when keys typed on an element are text for it: a text field or an editable region. */
export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && takesText(target.type);
}

/**
 * True when the arrow keys belong to what has focus: a field, a form control, a search result,
 * or a region that scrolls sideways.
 */
export function ownsArrowKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest("input, textarea, select, button, summary, [data-search], [role='listbox'], [role='menu']"))
    return true;
  for (let el: Element | null = target; el && el !== document.body; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth) return true;
    if (el.getAttribute("role") === "region" && el.hasAttribute("tabindex")) return true;
  }
  return false;
}

/** Left and right arrow keys go to the previous and next chapter. */
export function setUpArrowKeys(): void {
  document.addEventListener("keydown", (event) => {
    const rel = chapterKey(event);
    if (!rel || ownsArrowKeys(event.target) || document.querySelector("dialog[open]")) return;
    const link = document.querySelector<HTMLLinkElement>(`link[rel="${rel}"]`);
    if (link) window.location.href = link.href;
  });
}

/** Where Tab goes in the open chapter menu, from its button or its first or last link. */
export type MenuTab = "first link" | "button" | "after the button" | undefined;

/**
 * The open menu comes next in the order of the keyboard: Tab from its button enters it, and leaves
 * it from its last link for what follows the button (the menu then closes); Shift+Tab goes back the
 * same way. Anywhere else, and with Alt, Ctrl or Meta, Tab is the browser's.
 */
export function menuTab(press: KeyPress, from: { button: boolean; firstLink: boolean; lastLink: boolean }): MenuTab {
  if (press.key !== "Tab" || press.altKey || press.ctrlKey || press.metaKey) return undefined;
  if (from.button && !press.shiftKey) return "first link";
  if (from.firstLink && press.shiftKey) return "button";
  if (from.lastLink && !press.shiftKey) return "after the button";
  return undefined;
}

/** What a key does in the search box's results: focus a result (by index, -1 the box), close them, or leave search. */
export type ResultsKey = { focus: number } | "close" | "leave" | undefined;

/**
 * ArrowDown goes to the next result (from the box, the first), ArrowUp to the one before (from the
 * first, the box); Escape from a result goes back to the box and closes the results, from the box leaves search.
 * `at` is the focused result's index, -1 when no result has focus.
 */
export function resultsKey(key: string, at: number, count: number): ResultsKey {
  if (key === "ArrowDown" && count > 0) return { focus: Math.min(at + 1, count - 1) };
  if (key === "ArrowUp" && at >= 0) return { focus: at - 1 };
  if (key === "Escape") return at >= 0 ? "close" : "leave";
  return undefined;
}
