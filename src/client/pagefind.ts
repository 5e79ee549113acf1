// Pagefind's scripts, which the build writes beside its index in /pagefind/ and pages load only
// when a reader searches or opens a result: what the site calls of them.

import type { ResultData } from "./search-results.js";

/** The query parameter that carries the searched words to the page a result opens. */
export const HIGHLIGHT_PARAM = "highlight";

/** A search's results, each loaded on demand. */
export interface Search {
  results: { data(): Promise<ResultData> }[];
}

/** Pagefind's search API, as far as the site uses it. */
export interface Pagefind {
  options(options: { highlightParam: string }): Promise<void>;
  search(query: string): Promise<Search>;
  debouncedSearch(query: string, options: object, wait: number): Promise<Search | null>;
}

/** Pagefind's highlighter of the words a result was found by, as far as the site uses it. */
export type PagefindHighlight = new (options: {
  highlightParam: string;
  addStyles: boolean;
  markContext: Element;
  markOptions: { className: string; exclude: string[] };
}) => unknown;

/** Where the scripts are on the site: named, not written in import(), so neither the type check nor the bundle looks for them among the sources. */
const SEARCH_SCRIPT = "/pagefind/pagefind.js";
const HIGHLIGHT_SCRIPT = "/pagefind/pagefind-highlight.js";

/** Loads Pagefind's search API. */
export async function loadPagefind(): Promise<Pagefind> {
  return import(SEARCH_SCRIPT);
}

/** Loads Pagefind's highlighter. */
export async function loadHighlighter(): Promise<PagefindHighlight> {
  const module = await import(HIGHLIGHT_SCRIPT);
  return module.default;
}
