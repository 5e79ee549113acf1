// Enhancements on top of pages that work without scripts: theme toggle, chapter menu, arrow keys,
// the section being read, copy buttons, the image dialog, book filters and search.

const narrow = window.matchMedia("(max-width: 60rem)");

/** The theme toggle: flips between light and dark and remembers the choice. */
function setUpThemeToggle() {
  const button = document.querySelector(".theme-toggle");
  if (!button) return;
  const root = document.documentElement;
  const prefersDark = window.matchMedia("(prefers-color-scheme: dark)");
  const isDark = () => (root.dataset.theme ? root.dataset.theme === "dark" : prefersDark.matches);
  const show = () => button.setAttribute("aria-pressed", String(isDark()));
  button.hidden = false;
  show();
  prefersDark.addEventListener("change", show);
  button.addEventListener("click", () => {
    const theme = isDark() ? "light" : "dark";
    root.dataset.theme = theme;
    try {
      localStorage.setItem("minibooks-theme", theme);
    } catch {
      // Storage can be off; the choice lasts for this page only.
    }
    show();
  });
}

/** On narrow screens the chapter list folds behind a menu button. */
function setUpSidebar() {
  const button = document.querySelector(".sidebar-toggle");
  const sidebar = document.getElementById("sidebar");
  if (!button || !sidebar) return;
  const close = () => {
    button.setAttribute("aria-expanded", "false");
    sidebar.classList.remove("sidebar--open");
  };
  const fit = () => {
    button.hidden = !narrow.matches;
    if (!narrow.matches) close();
  };
  fit();
  narrow.addEventListener("change", fit);
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    sidebar.classList.toggle("sidebar--open", open);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      close();
      button.focus();
    }
  });
}

/** True when a key press belongs to a field or control the reader is typing in. */
function isTyping(target) {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/** Left and right arrow keys go to the previous and next chapter. */
function setUpArrowKeys() {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
    const rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
    const link = rel && document.querySelector(`link[rel="${rel}"]`);
    if (link) window.location.href = link.href;
  });
}

/** Marks the table of contents entry of the section being read. */
function setUpSectionTracking() {
  const links = new Map(
    [...document.querySelectorAll(".layout--chapter .toc a[href^='#']")].map((a) => [
      decodeURIComponent(a.getAttribute("href").slice(1)),
      a,
    ]),
  );
  if (links.size === 0 || !("IntersectionObserver" in window)) return;
  const headings = [...links.keys()].map((id) => document.getElementById(id)).filter(Boolean);
  const visible = new Set();
  const mark = () => {
    const current = headings.find((h) => visible.has(h.id)) ?? null;
    for (const [id, a] of links) {
      if (current && id === current.id) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target.id);
        else visible.delete(entry.target.id);
      }
      if (visible.size > 0) mark();
    },
    { rootMargin: "0px 0px -60% 0px" },
  );
  headings.forEach((h) => observer.observe(h));
}

/** A copy button on every code block. */
function setUpCopyButtons() {
  for (const pre of document.querySelectorAll(".content pre")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.querySelector("code")?.textContent ?? pre.textContent);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Press Ctrl+C to copy";
      }
      setTimeout(() => (button.textContent = "Copy"), 2000);
    });
    pre.classList.add("has-copy");
    pre.before(button);
  }
}

/** Header images open larger in a modal dialog; Escape closes it and focus goes back. */
function setUpImageDialog() {
  for (const trigger of document.querySelectorAll("a[data-zoom]")) {
    const image = trigger.querySelector("img");
    const dialog = document.createElement("dialog");
    dialog.className = "image-dialog";
    dialog.setAttribute("aria-label", image.alt || "Image");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "image-dialog__close";
    close.textContent = "Close";
    close.addEventListener("click", () => dialog.close());
    const large = image.cloneNode();
    large.removeAttribute("loading");
    large.removeAttribute("fetchpriority");
    dialog.append(close, large);
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", () => trigger.focus());
    document.body.append(dialog);
    trigger.setAttribute("aria-haspopup", "dialog");
    trigger.addEventListener("click", (event) => {
      event.preventDefault();
      dialog.showModal();
      close.focus();
    });
  }
}

/** Filters the home page's book cards by text, status and category. */
function setUpBookFilter() {
  const form = document.querySelector("[data-book-filter]");
  if (!form) return;
  const cards = [...document.querySelectorAll(".book-card")];
  const count = form.querySelector(".book-filter__count");
  const apply = () => {
    const text = form.elements.text.value.trim().toLowerCase();
    const status = form.elements.status.value;
    const category = form.elements.category.value;
    let shown = 0;
    for (const card of cards) {
      const match =
        (!text || card.textContent.toLowerCase().includes(text)) &&
        (!status || card.dataset.status === status) &&
        (!category || card.dataset.category === category);
      card.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = `${shown} of ${cards.length} book${cards.length === 1 ? "" : "s"} shown`;
  };
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
}

/** Puts Pagefind's excerpt (text with <mark> around matches) into an element without parsing HTML. */
function fillExcerpt(element, excerpt) {
  const parts = excerpt.split(/<mark>|<\/mark>/);
  // A detached textarea decodes entities and never parses tags; unlike a parsed document, it keeps
  // the spaces at the ends of each part ("<mark>OKRs</mark> for" must not read "OKRsfor").
  const decoder = document.createElement("textarea");
  const decode = (text) => {
    decoder.innerHTML = text;
    return decoder.value;
  };
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const mark = document.createElement("mark");
      mark.textContent = decode(part);
      element.append(mark);
    } else {
      element.append(decode(part));
    }
  });
}

/** The search box: loads the Pagefind index on first use and lists the best matches. */
function setUpSearch() {
  const box = document.querySelector("[data-search]");
  if (!box) return;
  const input = box.querySelector("input");
  const panel = box.querySelector(".search__results");
  const list = box.querySelector(".search__list");
  const status = box.querySelector("#search-status");
  const template = box.querySelector("#search-result");
  let loading;
  let latest = 0;
  // One import for every query: separate import() calls may settle in any order, which let an
  // older query's search run last and the newest one's be dropped.
  const load = () =>
    (loading ??= import("/pagefind/pagefind.js").catch((error) => {
      loading = undefined;
      throw error;
    }));
  box.hidden = false;

  const hide = () => {
    panel.hidden = true;
  };
  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      hide();
      return;
    }
    const pagefind = await load();
    if (ticket !== latest) return; // a newer query searches instead
    const search = await pagefind.debouncedSearch(query, {}, 150);
    if (search === null || ticket !== latest) return;
    const results = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
    if (ticket !== latest) return;
    list.replaceChildren(
      ...results.map((result) => {
        const item = template.content.firstElementChild.cloneNode(true);
        const link = item.querySelector("a");
        link.href = result.url;
        item.querySelector(".search__book").textContent = result.meta.book ?? "";
        item.querySelector(".search__title").textContent = result.meta.title ?? result.url;
        fillExcerpt(item.querySelector(".search__excerpt"), result.excerpt);
        return item;
      }),
    );
    status.textContent =
      results.length === 0 ? `No results for ${query}` : `${search.results.length} result${search.results.length === 1 ? "" : "s"}`;
    if (results.length === 0) {
      const empty = document.createElement("li");
      empty.className = "search__empty";
      empty.textContent = `No results for “${query}”.`;
      list.append(empty);
    }
    panel.hidden = false;
  };

  input.addEventListener("input", () => {
    run().catch(() => {
      status.textContent = "Search is not available right now.";
    });
  });
  box.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.focus();
  });
  box.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : links[at - 1]).focus();
    } else if (event.key === "Escape") {
      // Focus first: focusing the box shows the results again, and Escape means to close them.
      input.focus();
      hide();
    }
  });
  document.addEventListener("click", (event) => {
    if (!box.contains(event.target)) hide();
  });
  input.addEventListener("focus", () => {
    if (list.children.length) panel.hidden = false;
  });
}

/**
 * In the dev server only (its reload script is on the page): a build error is shown on the page as
 * well as in the terminal, until the next successful build reloads it.
 */
function setUpBuildErrors() {
  if (!document.querySelector('script[src^="/.11ty/reload-client.js"]')) return;
  const socket = new WebSocket(`${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`);
  socket.addEventListener("message", (event) => {
    let message;
    try {
      const data = JSON.parse(event.data);
      if (data.type !== "eleventy.error") return;
      message = JSON.parse(data.error).message;
    } catch {
      return;
    }
    let banner = document.querySelector(".build-error");
    if (!banner) {
      banner = document.createElement("section");
      banner.className = "build-error";
      banner.setAttribute("role", "alert");
      banner.append(document.createElement("h2"), document.createElement("pre"));
      banner.querySelector("h2").textContent = "The last save did not build";
      document.body.prepend(banner);
    }
    banner.querySelector("pre").textContent = message;
  });
}

setUpBuildErrors();
setUpThemeToggle();
setUpSidebar();
setUpArrowKeys();
setUpSectionTracking();
setUpCopyButtons();
setUpImageDialog();
setUpBookFilter();
setUpSearch();
