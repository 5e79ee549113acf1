// Enhancements on top of pages that work without scripts: theme toggle, chapter menu, the header
// that comes back on scroll up, arrow keys, the section being read, reading progress, copy buttons,
// the image dialog, book filters, search, and the search words marked on the page a result opened.

const narrow = window.matchMedia("(max-width: 60rem)");
const besideText = window.matchMedia("(min-width: 80rem)");

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
    // The menu hangs from the header's lower edge, wherever the page is scrolled to.
    const header = button.closest(".site-header");
    if (header) sidebar.style.setProperty("--header-bottom", `${Math.max(0, header.getBoundingClientRect().bottom)}px`);
    button.setAttribute("aria-expanded", String(open));
    sidebar.classList.toggle("sidebar--open", open);
  });
  // A choice in the menu, or a click elsewhere, closes it.
  document.addEventListener("click", (event) => {
    if (
      button.getAttribute("aria-expanded") === "true" &&
      !sidebar.contains(event.target) &&
      !button.contains(event.target)
    )
      close();
  });
  document.addEventListener("keydown", (event) => {
    if (button.getAttribute("aria-expanded") !== "true") return;
    if (event.key === "Escape") {
      close();
      button.focus();
      return;
    }
    if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
    // The open menu comes next in the order of the keyboard: Tab from its button enters it, and
    // leaves it for what follows the button (the menu then closes); Shift+Tab goes back the same way.
    const links = [...sidebar.querySelectorAll("a")];
    const target = event.target;
    let next;
    if (target === button && !event.shiftKey) next = links[0];
    else if (target === links[0] && event.shiftKey) next = button;
    else if (target === links[links.length - 1] && !event.shiftKey) {
      const header = button.closest(".site-header");
      const after = [...(header?.querySelectorAll("a[href], button, input") ?? [])].filter(
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
function setUpHeader() {
  const header = document.querySelector(".site-header");
  if (!header) return;
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

/** Beside the text the table of contents stays open; above it, on narrower screens, it folds. */
function setUpTableOfContents() {
  const toc = document.querySelector(".layout--chapter details.toc");
  if (!toc) return;
  const fit = () => {
    toc.open = besideText.matches;
  };
  fit();
  besideText.addEventListener("change", fit);
}

/**
 * True when the arrow keys belong to what has focus: a field, a form control, a search result,
 * or a region that scrolls sideways.
 */
function ownsArrowKeys(target) {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest("input, textarea, select, button, summary, [data-search], [role='listbox'], [role='menu']"))
    return true;
  for (let el = target; el && el !== document.body; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth) return true;
    if (el.getAttribute("role") === "region" && el.hasAttribute("tabindex")) return true;
  }
  return false;
}

/** True when keys typed on an element are text for it: a text field or an editable region. */
function isTypingIn(target) {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(target.type)
  );
}

/** Left and right arrow keys go to the previous and next chapter. */
function setUpArrowKeys() {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (ownsArrowKeys(event.target) || document.querySelector("dialog[open]")) return;
    const rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
    const link = rel && document.querySelector(`link[rel="${rel}"]`);
    if (link) window.location.href = link.href;
  });
}

/**
 * Marks the table of contents entry of the section being read: the last heading that has reached
 * the upper third of the window, or at the end of the page the last heading in view. After a jump
 * to a place on the page (a footnote, a link, the address's #), the section that place is in, until
 * the reader scrolls on. Worked out again after every scroll, so End or a jump never leaves an old mark.
 */
function setUpSectionTracking() {
  const links = new Map(
    [...document.querySelectorAll(".layout--chapter .toc a[href^='#']")].map((a) => [
      decodeURIComponent(a.getAttribute("href").slice(1)),
      a,
    ]),
  );
  const headings = [...links.keys()].map((id) => document.getElementById(id)).filter(Boolean);
  if (headings.length === 0) return;
  let queued = false;
  let jumped;
  const target = () => {
    try {
      return location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    } catch {
      return null;
    }
  };
  const mark = () => {
    queued = false;
    let current;
    if (jumped && jumped.y === undefined) jumped.y = window.scrollY;
    if (jumped && Math.abs(window.scrollY - jumped.y) < 4) {
      for (const heading of headings)
        if (heading === jumped.to || heading.compareDocumentPosition(jumped.to) & Node.DOCUMENT_POSITION_FOLLOWING)
          current = heading;
    } else {
      jumped = undefined;
      const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      const line = atEnd ? window.innerHeight : window.innerHeight / 3;
      for (const heading of headings) if (heading.getBoundingClientRect().top <= line) current = heading;
    }
    for (const [id, a] of links) {
      if (current && id === current.id) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    }
  };
  const queue = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(mark);
    }
  };
  const jump = () => {
    const to = target();
    jumped = to ? { to } : undefined;
    queue();
  };
  window.addEventListener("scroll", queue, { passive: true });
  window.addEventListener("resize", queue, { passive: true });
  window.addEventListener("hashchange", jump);
  jump();
}

/**
 * On a chapter: remembers that the reader is here, and that they read it once its end came into
 * view; the sidebar marks the chapters read. On a book home and the home page's cards, "Continue"
 * was filled in before the page painted (theme.js); here its "Forget my progress" button works.
 */
function setUpProgress() {
  const progress = window.minibooksProgress;
  if (!progress) return;
  const article = document.querySelector("article[data-chapter]");
  if (article) {
    const book = article.dataset.book;
    const url = article.dataset.chapter;
    const links = [...document.querySelectorAll("#sidebar .sidebar__list a")];
    const place = (a) =>
      a && { url: a.getAttribute("href"), title: a.textContent, position: Number(a.dataset.position) };
    const here = links.findIndex((a) => a.getAttribute("href") === url);
    const state = progress.load(book);
    state.at = place(links[here]);
    // The version read now: the chapter's next change shows as "Updated".
    if (article.dataset.updated) state.seen[url] = article.dataset.updated;
    progress.save(book, state);
    const end = article.querySelector(".chapter-nav") ?? article.lastElementChild;
    if (end && "IntersectionObserver" in window) {
      const observer = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        const now = progress.load(book);
        if (!now.read.includes(url)) now.read.push(url);
        now.at = place(links[here + 1]) ?? place(links.find((a) => !now.read.includes(a.getAttribute("href"))));
        progress.save(book, now);
        links[here]?.setAttribute("data-read", "");
      });
      observer.observe(end);
    }
  }

  for (const box of document.querySelectorAll("[data-continue]")) {
    const book = box.dataset.continue;
    box.querySelector(".continue__forget-button")?.addEventListener("click", () => {
      progress.forget(book);
      box.hidden = true;
      box.closest(".book-actions")?.classList.remove("book-actions--continue");
      for (const a of document.querySelectorAll(".chapter-list a[data-read]")) {
        a.removeAttribute("data-read");
        a.querySelector(".visually-hidden")?.remove();
      }
      document.querySelector(".start-reading a")?.focus();
    });
  }
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

/**
 * Pictures open larger in a modal dialog: the header image (a link to its file without scripts) and
 * every picture of the text that is not a link. The dialog shows the whole picture at the size that
 * fits the window; "Full size", or a click on the picture, shows it larger in a frame the reader pans
 * (and pinches, on a touch screen). Escape closes it and focus goes back.
 */
function setUpImageDialog() {
  const triggers = [...document.querySelectorAll("a[data-zoom]")];
  for (const img of document.querySelectorAll(".content img")) {
    if (img.closest("a, button")) continue;
    img.tabIndex = 0;
    img.setAttribute("role", "button");
    img.setAttribute("aria-label", `${img.alt || "Picture"} (enlarge)`);
    img.classList.add("zoomable");
    triggers.push(img);
  }
  if (triggers.length === 0) return;
  let parts;
  const make = () => {
    const dialog = document.createElement("dialog");
    dialog.className = "image-dialog";
    const bar = document.createElement("div");
    bar.className = "image-dialog__bar";
    const size = document.createElement("button");
    size.type = "button";
    size.className = "image-dialog__size";
    size.textContent = "Full size";
    size.setAttribute("aria-pressed", "false");
    const close = document.createElement("button");
    close.type = "button";
    close.className = "image-dialog__close";
    close.textContent = "Close";
    const frame = document.createElement("div");
    frame.className = "image-dialog__frame";
    frame.tabIndex = 0;
    bar.append(size, close);
    dialog.append(bar, frame);
    document.body.append(dialog);
    const full = (on) => {
      const img = frame.querySelector("img");
      if (on && img) {
        const fitted = img.getBoundingClientRect().width;
        dialog.style.setProperty("--full-width", `${Math.round(Math.max(img.naturalWidth, 2 * fitted))}px`);
      }
      dialog.classList.toggle("image-dialog--full", on);
      size.setAttribute("aria-pressed", String(on));
    };
    size.addEventListener("click", () => full(!dialog.classList.contains("image-dialog--full")));
    frame.addEventListener("click", (event) => {
      if (event.target instanceof HTMLImageElement) full(!dialog.classList.contains("image-dialog--full"));
    });
    close.addEventListener("click", () => dialog.close());
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", () => {
      full(false);
      frame.replaceChildren();
      parts.opener?.focus();
    });
    return { dialog, frame, close, opener: undefined };
  };
  const open = (trigger) => {
    parts ??= make();
    const image = trigger instanceof HTMLImageElement ? trigger : trigger.querySelector("img");
    // The whole picture, in every format and width the page has, chosen for the window's width.
    const source = image.parentElement instanceof HTMLPictureElement ? image.parentElement : image;
    const copy = source.cloneNode(true);
    for (const el of [copy, ...copy.querySelectorAll("*")]) {
      el.removeAttribute("loading");
      el.removeAttribute("fetchpriority");
      el.removeAttribute("tabindex");
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
      el.classList?.remove("zoomable");
      if (el.hasAttribute("sizes")) el.setAttribute("sizes", "100vw");
    }
    parts.frame.replaceChildren(copy);
    parts.frame.setAttribute("aria-label", image.alt || "Picture");
    parts.dialog.setAttribute("aria-label", image.alt || "Picture");
    parts.opener = trigger;
    parts.dialog.showModal();
    parts.close.focus();
  };
  for (const trigger of triggers) {
    trigger.setAttribute("aria-haspopup", "dialog");
    trigger.addEventListener("click", (event) => {
      event.preventDefault();
      open(trigger);
    });
    if (trigger instanceof HTMLImageElement) {
      trigger.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open(trigger);
        }
      });
    }
  }
}

/**
 * Selecting words of a chapter offers "Report a problem with this passage": a link to the
 * repository's new-issue form with the page's address, the chapter's title and the words quoted.
 * It comes right after the passage in the order of the keyboard (Tab reaches it), and Escape or a
 * selection elsewhere puts it away. Nothing is sent until the reader follows the link.
 */
function setUpPassageReport() {
  const box = document.querySelector("[data-report]");
  const article = document.querySelector("article[data-chapter]");
  const text = article?.querySelector(".content");
  if (!box || !text) return;
  const link = box.querySelector("a");
  let timer;
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
    const title = box.dataset.reportTitle;
    const quoted = words.length > 600 ? `${words.slice(0, 600)}…` : words;
    const url = new URL(box.dataset.report);
    url.searchParams.set("title", `Problem in “${title}”`);
    url.searchParams.set(
      "body",
      `Page: ${location.origin}${location.pathname}\nChapter: ${title}\n\n> ${quoted}\n\nWhat is wrong:\n`,
    );
    link.href = url.href;
    // Right after the part of the text the passage ends in, and drawn just below the passage.
    let block = range.endContainer;
    while (block.parentNode && block.parentNode !== text) block = block.parentNode;
    if (block.parentNode === text && block.nextSibling !== box) block.after(box);
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

/** The query parameter that carries the searched words to the page a result opens. */
const HIGHLIGHT_PARAM = "highlight";

/**
 * The section of a result where the words matched most, when it is a section of its own (a heading
 * with an id) rather than the top of the page.
 */
function bestSection(result) {
  const sections = (result.sub_results ?? []).filter((sub) => sub.anchor?.id && sub.url.includes("#"));
  let best;
  for (const sub of sections) {
    const weight =
      (sub.weighted_locations ?? []).reduce((sum, l) => sum + (l.balanced_score ?? 1), 0) ||
      (sub.locations ?? []).length;
    if (!best || weight > best.weight) best = { ...sub, weight };
  }
  return best;
}

/**
 * On a page opened from a search result: marks the words searched for in the text, with a bar to
 * clear the marks. Pagefind's own highlighter does the marking; its inline styles stay off (CSP).
 */
async function markSearchedWords() {
  const params = new URLSearchParams(window.location.search);
  const words = params.getAll(HIGHLIGHT_PARAM).filter((word) => word.trim());
  const text = document.querySelector("[data-pagefind-body] .content");
  if (words.length === 0 || !text) return;
  const { default: PagefindHighlight } = await import("/pagefind/pagefind-highlight.js");
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
  label.textContent =
    marks.length === 0
      ? `“${words.join(" ")}” is not on this page any more.`
      : `${marks.length} match${marks.length === 1 ? "" : "es"} for “${words.join(" ")}” marked.`;
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
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  target?.scrollIntoView();
}

/** The shortest word of a query that search corrects when no result holds it. */
const SHORTEST_CORRECTED = 5;

/** The words of a query, as the vocabulary holds them: runs of letters, lower-cased. */
function queryWords(query) {
  return query.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** True when a result's page holds a word whole, not only as the start of a longer one. */
function holdsWord(result, word) {
  const text = `${result.meta?.title ?? ""} ${result.content ?? ""}`.toLowerCase();
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + word.length] ?? " ";
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) return true;
  }
  return false;
}

/**
 * The first results of a search, loaded, those that hold every word of the query whole first (in
 * Pagefind's order), then those that only hold words beginning with them; with how many there are.
 */
async function ranked(search, query) {
  const loaded = await Promise.all(search.results.slice(0, 16).map((result) => result.data()));
  const words = queryWords(query).filter((word) => word.length > 1);
  const whole = loaded.filter((result) => words.every((word) => holdsWord(result, word)));
  const rest = loaded.filter((result) => !whole.includes(result));
  return { results: [...whole, ...rest].slice(0, 8), total: search.results.length };
}

/**
 * How many single-letter edits (insert, delete, change, swap two neighbours) turn one word into
 * another; `limit + 1` as soon as it is sure to be more than `limit`.
 */
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
      row.push(cost);
      least = Math.min(least, cost);
    }
    if (least > limit) return limit + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

/** The vocabulary word nearest a misspelt one, one or two edits away; of equals, the most frequent. */
function closestWord(word, words) {
  let best;
  let distance = 3;
  for (const candidate of words) {
    if (candidate === word) return undefined;
    const d = editDistance(word, candidate, distance - 1);
    if (d < distance) {
      best = candidate;
      distance = d;
    }
  }
  return best;
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
  const suggest = box.querySelector(".search__suggestion");
  const suggestButton = suggest.querySelector("button");
  let loading;
  let vocabulary;
  let latest = 0;
  // The site's own words, most frequent first, written beside the index; fetched once, when a query
  // first has a word no result holds.
  const loadVocabulary = () =>
    (vocabulary ??= fetch("/pagefind/vocabulary.txt")
      .then((response) => (response.ok ? response.text() : ""))
      .then((text) => text.split("\n").filter(Boolean))
      .catch((error) => {
        vocabulary = undefined;
        throw error;
      }));
  // One import for every query: separate import() calls may settle in any order, which let an
  // older query's search run last and the newest one's be dropped.
  const load = () =>
    (loading ??= import("/pagefind/pagefind.js")
      .then(async (pagefind) => {
        // Result links carry the words searched for, so the page they open can mark them.
        await pagefind.options({ highlightParam: HIGHLIGHT_PARAM });
        return pagefind;
      })
      .catch((error) => {
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
    let found = await ranked(search, query);
    if (ticket !== latest) return;
    // A word of the query no result holds whole is likely misspelt: the nearest words of the site's
    // own vocabulary are searched instead, and offered.
    let suggestion;
    const missing = queryWords(query).filter(
      (word) => word.length >= SHORTEST_CORRECTED && !found.results.some((result) => holdsWord(result, word)),
    );
    if (missing.length > 0) {
      const words = await loadVocabulary().catch(() => []);
      if (ticket !== latest) return;
      const fixes = new Map(missing.map((word) => [word, closestWord(word, words)]).filter(([, near]) => near));
      if (fixes.size > 0) {
        const corrected = queryWords(query)
          .map((word) => fixes.get(word) ?? word)
          .join(" ");
        const better = await ranked(await pagefind.search(corrected), corrected);
        if (ticket !== latest) return;
        if (better.results.length > 0) {
          suggestion = corrected;
          found = better;
        }
      }
    }
    const { results, total } = found;
    suggest.hidden = !suggestion;
    suggestButton.textContent = suggestion ?? "";
    list.replaceChildren(
      ...results.map((result) => {
        const item = template.content.firstElementChild.cloneNode(true);
        const link = item.querySelector("a");
        const section = bestSection(result);
        link.href = section?.url ?? result.url;
        item.querySelector(".search__book").textContent = result.meta.book ?? "";
        item.querySelector(".search__title").textContent = result.meta.title ?? result.url;
        item.querySelector(".search__section").textContent = section ? `§ ${section.title}` : "";
        fillExcerpt(item.querySelector(".search__excerpt"), section?.excerpt ?? result.excerpt);
        return item;
      }),
    );
    const count = `${total} result${total === 1 ? "" : "s"}`;
    status.textContent =
      results.length === 0
        ? `No results for ${query}`
        : suggestion
          ? `Did you mean ${suggestion}? ${count} for ${suggestion}`
          : count;
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
  // "Did you mean ...?": one click makes the suggestion the query.
  suggestButton.addEventListener("click", () => {
    input.value = suggestButton.textContent;
    input.focus();
    input.dispatchEvent(new Event("input"));
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
      // From a result, back to the box; from the box, back to where the reader was.
      event.preventDefault();
      if (at >= 0) {
        input.focus();
        hide();
      } else leave();
    }
  });
  // "/", Ctrl+K or Cmd+K from anywhere on the page goes to the search box; Escape in it (or in its
  // results) closes the results and gives focus back to where it was.
  let returnTo;
  const leave = () => {
    hide();
    const back = returnTo?.isConnected && returnTo !== document.body ? returnTo : document.getElementById("main");
    returnTo = undefined;
    back?.focus({ preventScroll: true });
  };
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || document.querySelector("dialog[open]")) return;
    const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !isTypingIn(event.target);
    const k = (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === "k";
    if (!slash && !k) return;
    event.preventDefault();
    if (!box.contains(document.activeElement)) returnTo = document.activeElement;
    box.closest(".site-header")?.classList.remove("site-header--away");
    input.focus();
    input.select();
  });
  document.addEventListener("click", (event) => {
    if (!box.contains(event.target)) hide();
  });
  input.addEventListener("focus", () => {
    if (list.children.length) panel.hidden = false;
  });
  // The box is shown before this script runs: words typed in it by then are searched now.
  if (input.value.trim()) input.dispatchEvent(new Event("input"));
}

setUpThemeToggle();
setUpSidebar();
setUpHeader();
setUpTableOfContents();
setUpArrowKeys();
setUpSectionTracking();
setUpProgress();
setUpCopyButtons();
setUpImageDialog();
setUpBookFilter();
setUpPassageReport();
setUpSearch();
markSearchedWords().catch(() => {
  // Without the highlighter the page reads as it is, unmarked.
});
