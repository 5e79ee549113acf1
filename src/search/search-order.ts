/** What the build's thread asks of the search thread (`src/search/search-thread.ts`). */
export type SearchRequest =
  | { kind: "expect"; urls: string[] }
  | { kind: "add"; url: string; html: string }
  | { kind: "finish" }
  | { kind: "close" };

/** What the search thread is started with. */
export interface SearchThreadData {
  /** The folder the site is written to; the index goes into its `pagefind/` folder. */
  outputDir: string;
  /** Index the site as it is written in `outputDir`, instead of pages handed over one by one. */
  whole?: boolean;
  /** Run Pagefind at the lowest CPU priority, so whatever else runs (a rebuild) is never slowed. */
  background?: boolean;
}

/** What the search thread answers once it has stopped: with how many pages the index holds. */
export type SearchReply = { kind: "done"; pages: number } | { kind: "failed"; problems: string[] };

/**
 * The order pages are handed to Pagefind in, which its index depends on: by URL, code unit by code
 * unit, so the same site gives the same index every build; but the home page last, because it
 * renders after every other page (it lists them all), and every page waits for those before it.
 */
export function handOverOrder(urls: Iterable<string>): string[] {
  const order = [...new Set(urls)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (order[0] === "/") order.push(...order.splice(0, 1));
  return order;
}

/**
 * The part of a page that Pagefind reads: everything before `<body>` (the language, the head's
 * metadata) and the article the layouts mark `data-pagefind-body`, which alone is indexed; the menus,
 * the sidebar and the scripts around it are left out, so Pagefind and the thread that feeds it do
 * less. A page without such an article is handed over whole.
 */
export function searchablePart(html: string): string {
  const mark = html.indexOf(" data-pagefind-body");
  const body = html.indexOf("<body");
  const start = html.lastIndexOf("<article", mark);
  const end = html.lastIndexOf("</article>");
  const markInStartTag = start >= 0 && html.indexOf(">", start) > mark;
  if (mark < 0 || body < 0 || start < body || end < mark || !markInStartTag) return html;
  return `${html.slice(0, body)}<body>${html.slice(start, end + "</article>".length)}</body></html>`;
}
