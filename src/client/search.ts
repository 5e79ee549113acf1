// The search box: loads the Pagefind index on first use and lists the best matches.

import { isSearchKey, isTypingIn, resultsKey } from "./keys.js";
import { HIGHLIGHT_PARAM, loadPagefind, type Pagefind, type Search } from "./pagefind.js";
import {
  bestSection,
  correctedQuery,
  excerptParts,
  missingWords,
  rankResults,
  searchStatus,
  toLoad,
  type ResultData,
} from "./search-results.js";

/** Puts Pagefind's excerpt (text with <mark> around matches) into an element without parsing HTML. */
function fillExcerpt(element: Element, excerpt: string): void {
  // A detached textarea decodes entities and never parses tags; unlike a parsed document, it keeps
  // the spaces at the ends of each part ("<mark>OKRs</mark> for" must not read "OKRsfor").
  const decoder = document.createElement("textarea");
  const decode = (text: string) => {
    decoder.innerHTML = text;
    return decoder.value;
  };
  for (const part of excerptParts(excerpt)) {
    if (part.marked) {
      const mark = document.createElement("mark");
      mark.textContent = decode(part.text);
      element.append(mark);
    } else {
      element.append(decode(part.text));
    }
  }
}

/** The results of a search to list, loaded, with how many there are. */
async function ranked(search: Search, query: string): Promise<{ results: ResultData[]; total: number }> {
  const loaded = await Promise.all(toLoad(search.results).map((result) => result.data()));
  return { results: rankResults(loaded, query), total: search.results.length };
}

/** The search box: loads the Pagefind index on first use and lists the best matches. */
export function setUpSearch(): void {
  const box = document.querySelector<HTMLElement>("[data-search]");
  const input = box?.querySelector("input");
  const panel = box?.querySelector<HTMLElement>(".search__results");
  const list = box?.querySelector(".search__list");
  const status = box?.querySelector("#search-status");
  const template = box?.querySelector<HTMLTemplateElement>("#search-result");
  const suggest = box?.querySelector<HTMLElement>(".search__suggestion");
  const suggestButton = suggest?.querySelector("button");
  const form = box?.querySelector("form");
  if (!box || !input || !panel || !list || !status || !template || !suggest || !suggestButton || !form) return;
  let loading: Promise<Pagefind> | undefined;
  let vocabulary: Promise<string[]> | undefined;
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
    (loading ??= loadPagefind()
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
  /** One listed result: its book, title, the section it leads to, and the words around the match. */
  const item = (result: ResultData) => {
    const item = template.content.firstElementChild?.cloneNode(true);
    if (!(item instanceof Element)) throw new Error("The search result template is empty.");
    const section = bestSection(result);
    const link = item.querySelector("a");
    if (link) link.href = section?.url ?? result.url;
    const fill = (selector: string, text: string) => {
      const element = item.querySelector(selector);
      if (element) element.textContent = text;
    };
    fill(".search__book", result.meta.book ?? "");
    fill(".search__title", result.meta.title ?? result.url);
    fill(".search__section", section ? `§ ${section.title}` : "");
    const excerpt = item.querySelector(".search__excerpt");
    if (excerpt) fillExcerpt(excerpt, section?.excerpt ?? result.excerpt);
    return item;
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
    let suggestion: string | undefined;
    const missing = missingWords(query, found.results);
    if (missing.length > 0) {
      const words = await loadVocabulary().catch(() => []);
      if (ticket !== latest) return;
      const corrected = correctedQuery(query, missing, words);
      if (corrected !== undefined) {
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
    list.replaceChildren(...results.map(item));
    status.textContent = searchStatus(query, results.length, total, suggestion);
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
    input.value = suggestButton.textContent ?? "";
    input.focus();
    input.dispatchEvent(new Event("input"));
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    list.querySelector("a")?.focus();
  });
  // "/", Ctrl+K or Cmd+K from anywhere on the page goes to the search box; Escape in it (or in its
  // results) closes the results and gives focus back to where it was.
  let returnTo: Element | null | undefined;
  const leave = () => {
    hide();
    const back =
      returnTo instanceof HTMLElement && returnTo.isConnected && returnTo !== document.body
        ? returnTo
        : document.getElementById("main");
    returnTo = undefined;
    back?.focus({ preventScroll: true });
  };
  box.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.findIndex((link) => link === document.activeElement);
    const move = resultsKey(event.key, at, links.length);
    if (move === undefined) return;
    event.preventDefault();
    if (move === "close") {
      // From a result, back to the box; from the box, back to where the reader was.
      input.focus();
      hide();
    } else if (move === "leave") leave();
    else (move.focus < 0 ? input : links[move.focus]).focus();
  });
  document.addEventListener("keydown", (event) => {
    if (!isSearchKey(event, isTypingIn(event.target)) || document.querySelector("dialog[open]")) return;
    event.preventDefault();
    if (!box.contains(document.activeElement)) returnTo = document.activeElement;
    box.closest(".site-header")?.classList.remove("site-header--away");
    input.focus();
    input.select();
  });
  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Node) || !box.contains(event.target)) hide();
  });
  input.addEventListener("focus", () => {
    if (list.children.length) panel.hidden = false;
  });
  // The box is shown before this script runs: words typed in it by then are searched now.
  if (input.value.trim()) input.dispatchEvent(new Event("input"));
}
