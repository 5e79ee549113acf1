// The chapter list beside the text, folded behind a menu button on narrow screens, and the header
// that slides away while a reader scrolls down on them.

import { menuTab } from "./keys.js";

/** The widths at which the chapter list folds behind a menu button and the header slides away. */
const NARROW = "(max-width: 60rem)";

/** On narrow screens the chapter list folds behind a menu button. */
export function setUpSidebar(): void {
  const button = document.querySelector<HTMLButtonElement>(".sidebar-toggle");
  const sidebar = document.getElementById("sidebar");
  if (!button || !sidebar) return;
  const narrow = matchMedia(NARROW);
  const close = () => {
    button.setAttribute("aria-expanded", "false");
    sidebar.classList.remove("sidebar--open");
  };
  const fitToWidth = () => {
    button.hidden = !narrow.matches;
    if (!narrow.matches) close();
  };
  fitToWidth();
  narrow.addEventListener("change", fitToWidth);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    // The menu hangs from the header's lower edge, wherever the page is scrolled to.
    const header = button.closest(".site-header");
    if (header) sidebar.style.setProperty("--header-bottom", `${Math.max(0, header.getBoundingClientRect().bottom)}px`);
    button.setAttribute("aria-expanded", String(open));
    sidebar.classList.toggle("sidebar--open", open);
  });
  // A choice in the menu, or a click elsewhere, closes it.
  document.addEventListener("click", (event) => {
    const target = event.target instanceof Node ? event.target : null;
    if (button.getAttribute("aria-expanded") === "true" && !sidebar.contains(target) && !button.contains(target))
      close();
  });
  document.addEventListener("keydown", (event) => {
    if (button.getAttribute("aria-expanded") !== "true") return;
    if (event.key === "Escape") {
      close();
      button.focus();
      return;
    }
    const links = [...sidebar.querySelectorAll("a")];
    const target = event.target;
    const tab = menuTab(event, {
      button: target === button,
      firstLink: target === links[0],
      lastLink: target === links[links.length - 1],
    });
    let next: HTMLElement | undefined;
    if (tab === "first link") next = links[0];
    else if (tab === "button") next = button;
    else if (tab === "after the button") {
      const header = button.closest(".site-header");
      const after = [...(header?.querySelectorAll<HTMLElement>("a[href], button, input") ?? [])].filter(
        (el) => el.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_PRECEDING && el.offsetParent !== null,
      );
      next = after[0];
      close();
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
}

/** On narrow screens the header slides away while the reader scrolls down and returns on scroll up. */
export function setUpHeader(): void {
  const header = document.querySelector<HTMLElement>(".site-header");
  if (!header) return;
  const narrow = matchMedia(NARROW);
  let last = window.scrollY;
  window.addEventListener(
    "scroll",
    () => {
      const y = window.scrollY;
      const menuOpen = document.querySelector(".sidebar--open");
      if (!narrow.matches || menuOpen || y < last || y <= header.offsetHeight)
        header.classList.remove("site-header--away");
      else if (y > last + 4) header.classList.add("site-header--away");
      last = y;
    },
    { passive: true },
  );
}
