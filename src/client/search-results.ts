// What the search box decides from Pagefind's results, without the page: which results come first,
// which words of a query are likely misspelt and what they are nearest to, which section a result
// leads to, and what the box says. Nothing here touches the DOM.

/** A section of a result's page (a heading with an id), as Pagefind describes it. */
export interface SubResult {
  url: string;
  title: string;
  excerpt: string;
  anchor?: { id?: string };
  weighted_locations?: { balanced_score?: number }[];
  locations?: number[];
}

/** One loaded result, as far as the search box reads it. */
export interface ResultData {
  url: string;
  excerpt: string;
  content?: string;
  meta: { title?: string; book?: string };
  sub_results?: SubResult[];
}

/** The shortest word of a query that search corrects when no result holds it. */
export const SHORTEST_CORRECTED = 5;

/** How many results the box lists, and how many it loads to choose them from. */
const LISTED = 8;
const LOADED = 16;

/** The words of a query, as the vocabulary holds them: runs of letters, lower-cased. */
export function queryWords(query: string): string[] {
  return query.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** True when a result's page holds a word whole, not only as the start of a longer one. */
export function holdsWord(result: ResultData, word: string): boolean {
  const text = `${result.meta?.title ?? ""} ${result.content ?? ""}`.toLowerCase();
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1] ?? " ";
    const after = text[at + word.length] ?? " ";
    if (!/\p{L}/u.test(before) && !/\p{L}/u.test(after)) return true;
  }
  return false;
}

/** How many results to load of a search, to choose the listed ones from. */
export function toLoad<T>(results: readonly T[]): T[] {
  return results.slice(0, LOADED);
}

/**
 * The results to list, those that hold every word of the query whole first (in Pagefind's order),
 * then those that only hold words beginning with them.
 */
export function rankResults(loaded: readonly ResultData[], query: string): ResultData[] {
  const words = queryWords(query).filter((word) => word.length > 1);
  const whole = loaded.filter((result) => words.every((word) => holdsWord(result, word)));
  const rest = loaded.filter((result) => !whole.includes(result));
  return [...whole, ...rest].slice(0, LISTED);
}

/** The words of a query no listed result holds whole, long enough to be corrected. */
export function missingWords(query: string, results: readonly ResultData[]): string[] {
  return queryWords(query).filter(
    (word) => word.length >= SHORTEST_CORRECTED && !results.some((result) => holdsWord(result, word)),
  );
}

/**
 * How many single-letter edits (insert, delete, change, swap two neighbours) turn one word into
 * another; `limit + 1` as soon as it is sure to be more than `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] | undefined;
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

/**
 * The vocabulary word nearest a misspelt one, one or two edits away; of equals, the first (the
 * vocabulary lists the most frequent first). None when the word itself is in the vocabulary.
 */
export function closestWord(word: string, words: readonly string[]): string | undefined {
  let best: string | undefined;
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

/** The query with each misspelt word replaced by its nearest word of the vocabulary; undefined when none has one. */
export function correctedQuery(
  query: string,
  missing: readonly string[],
  vocabulary: readonly string[],
): string | undefined {
  const fixes = new Map<string, string>();
  for (const word of missing) {
    const near = closestWord(word, vocabulary);
    if (near) fixes.set(word, near);
  }
  if (fixes.size === 0) return undefined;
  return queryWords(query)
    .map((word) => fixes.get(word) ?? word)
    .join(" ");
}

/**
 * The section of a result where the words matched most, when it is a section of its own (a heading
 * with an id) rather than the top of the page.
 */
export function bestSection(result: ResultData): SubResult | undefined {
  const sections = (result.sub_results ?? []).filter((sub) => sub.anchor?.id && sub.url.includes("#"));
  let best: { sub: SubResult; weight: number } | undefined;
  for (const sub of sections) {
    const weight =
      (sub.weighted_locations ?? []).reduce((sum, l) => sum + (l.balanced_score ?? 1), 0) ||
      (sub.locations ?? []).length;
    if (!best || weight > best.weight) best = { sub, weight };
  }
  return best?.sub;
}

/** What the box says of a search, for screen readers: the count, the correction, or that nothing was found. */
export function searchStatus(query: string, listed: number, total: number, suggestion?: string): string {
  const count = `${total} result${total === 1 ? "" : "s"}`;
  if (listed === 0) return `No results for ${query}`;
  return suggestion ? `Did you mean ${suggestion}? ${count} for ${suggestion}` : count;
}

/** Pagefind's excerpt (text with `<mark>` around matches) as its parts: text (still HTML-escaped) and whether it is marked. */
export function excerptParts(excerpt: string): { text: string; marked: boolean }[] {
  return excerpt.split(/<mark>|<\/mark>/).map((text, i) => ({ text, marked: i % 2 === 1 }));
}
