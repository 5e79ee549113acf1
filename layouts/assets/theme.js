// Runs before the page paints: applies the theme the reader chose, so the wrong one never flashes,
// and marks the page as having scripts, so enhanced controls can take the place of their fallbacks.
// It also shows what the reader's own progress changes on the page ("Continue", chapters read) as
// the parser reaches it, before it is first painted, so the page never moves for a returning reader.
(() => {
  const root = document.documentElement;
  root.classList.add("js");
  try {
    const theme = localStorage.getItem("minibooks-theme");
    if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  } catch {
    // Storage can be off; the OS theme applies.
  }

  /**
   * A chapter's address as progress stores it, taken from the site's own links: a path of plain
   * segments (letters, digits, `.`, `_`, `-`), never another site, a backslash or a control character.
   */
  const isSiteUrl = (url) =>
    typeof url === "string" && /^(?:\/(?!\.{1,2}\/)[\p{L}\p{N}._-]+)+\/$/u.test(url) && url.length < 500;

  /** The reader's progress through one book, kept in this browser only. */
  const progress = {
    key: (book) => `minibooks-progress:${book}`,
    load(book) {
      try {
        const value = JSON.parse(localStorage.getItem(this.key(book)) ?? "{}");
        const read = Array.isArray(value.read) ? value.read.filter(isSiteUrl) : [];
        const at =
          value.at && isSiteUrl(value.at.url)
            ? {
                url: value.at.url,
                title: String(value.at.title ?? ""),
                position: Number(value.at.position) || undefined,
              }
            : undefined;
        // Which version of each chapter the reader last read: the date it last changed, as its page said.
        const seen = {};
        for (const [url, version] of Object.entries(value.seen ?? {}))
          if (isSiteUrl(url) && typeof version === "string" && !Number.isNaN(Date.parse(version))) seen[url] = version;
        return { read, at, seen };
      } catch {
        return { read: [], seen: {} };
      }
    },
    save(book, value) {
      try {
        localStorage.setItem(this.key(book), JSON.stringify(value));
      } catch {
        // Storage can be off or full; progress is then not kept.
      }
    },
    forget(book) {
      try {
        localStorage.removeItem(this.key(book));
      } catch {
        // Nothing was kept.
      }
    },
  };
  window.minibooksProgress = progress;

  /** True when a chapter changed after the version of it the reader last read. */
  const changedSince = (state, url, updated) =>
    Boolean(state.seen[url] && updated && Date.parse(updated) > Date.parse(state.seen[url]));

  /** Marks a chapter link as changed since the reader last read it. */
  const markUpdated = (a) => {
    // The space before the word is for screen readers; on screen the mark keeps its own distance.
    const gap = document.createElement("span");
    gap.className = "visually-hidden";
    gap.textContent = " ";
    const mark = document.createElement("span");
    mark.className = "updated-mark";
    mark.textContent = "Updated";
    a.append(gap, mark);
  };

  /** Marks a chapter link read, with a word for screen readers after its title. */
  const markRead = (a) => {
    if (a.hasAttribute("data-read")) return;
    a.setAttribute("data-read", "");
    const note = document.createElement("span");
    note.className = "visually-hidden";
    note.textContent = " (read)";
    a.append(note);
  };

  /** "Continue" where the reader stopped, or that they read it all; on a book home it leads. */
  const fillContinue = (box) => {
    const state = progress.load(box.dataset.continue);
    if (!state.at && state.read.length === 0) return;
    if (state.at) {
      const next = box.querySelector(".continue__next");
      const link = next.querySelector("a");
      link.href = state.at.url;
      link.textContent = `Continue: ${state.at.position ? `Chapter ${state.at.position}, ` : ""}${state.at.title}`;
      next.hidden = false;
      box.closest(".book-actions")?.classList.add("book-actions--continue");
    } else {
      box.querySelector(".continue__done").hidden = false;
    }
    box.hidden = false;
  };

  const books = new Map();
  const bookOf = (slug) => {
    if (!books.has(slug)) books.set(slug, progress.load(slug));
    return books.get(slug);
  };

  /** What is done once per element, when the parser has passed its end. */
  const steps = [
    // A chapter's contents fold above the text on narrower screens, and stay open beside it.
    [".layout--chapter details.toc", (toc) => (toc.open = matchMedia("(min-width: 80rem)").matches)],
    ["[data-continue]", fillContinue],
    [
      "ol[data-book] > li > a",
      (a) => {
        const state = bookOf(a.closest("[data-book]").dataset.book);
        const url = a.getAttribute("href");
        if (changedSince(state, url, a.dataset.updated)) markUpdated(a);
        if (state.read.includes(url)) markRead(a);
      },
    ],
    // A chapter changed since the reader last read it says so at its top.
    [
      "[data-changed-since]",
      (note) => {
        const article = note.closest("article[data-chapter]");
        const state = bookOf(article.dataset.book);
        if (changedSince(state, article.dataset.chapter, article.dataset.updated)) note.hidden = false;
      },
    ],
  ];
  const done = new WeakSet();
  /** True once the parser has gone past an element's end tag: something follows it or an ancestor. */
  const parsed = (el) => {
    for (let node = el; node; node = node.parentNode) if (node.nextSibling) return true;
    return false;
  };
  const run = (all) => {
    for (const [selector, step] of steps) {
      for (const el of document.querySelectorAll(selector)) {
        if (done.has(el) || !(all || parsed(el))) continue;
        done.add(el);
        step(el);
      }
    }
  };
  // Mutation callbacks run before the browser paints what the parser added.
  const observer = new MutationObserver(() => run(false));
  observer.observe(root, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    observer.disconnect();
    run(true);
  });
})();
