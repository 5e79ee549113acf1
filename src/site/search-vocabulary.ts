import { Parser } from "htmlparser2";

/**
 * The file, beside the search index, that lists the site's own words for search to suggest when a
 * query finds nothing good ("Did you mean infrastructure?"): one word a line, the most frequent first.
 * Search loads it only when a query needs it.
 */
export const VOCABULARY_FILE = "vocabulary.txt";

/** The shortest word the vocabulary keeps: shorter words are too near too many others to correct. */
export const SHORTEST_WORD = 5;

/** The most words the vocabulary keeps, the most frequent first, so the file stays a few KB. */
export const VOCABULARY_LIMIT = 2500;

/** Elements whose text a reader does not search: scripts, and what the index leaves out. */
const UNSEARCHED = new Set(["script", "style", "template", "noscript"]);

/**
 * The words of the part of a page that search reads, the article marked `data-pagefind-body`,
 * lower-cased, leaving out what the index leaves out: anything marked `data-pagefind-ignore` and the
 * "#" links beside headings. Words are runs of letters. A page without such an article (the 404
 * page, a print page, a draft) is not in the index, and has none.
 */
export function searchedWords(html: string): string[] {
  const words: string[] = [];
  let inBody = 0;
  let skipped = 0;
  const stack: { body: boolean; skip: boolean }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const body = "data-pagefind-body" in attributes;
        const skip =
          UNSEARCHED.has(name) ||
          "data-pagefind-ignore" in attributes ||
          (attributes.class ?? "").split(/\s+/).includes("heading-anchor");
        stack.push({ body, skip });
        if (body) inBody++;
        if (skip) skipped++;
      },
      onclosetag() {
        const open = stack.pop();
        if (open?.body) inBody--;
        if (open?.skip) skipped--;
      },
      ontext(text) {
        if (inBody > 0 && skipped === 0) words.push(...(text.toLowerCase().match(/\p{L}+/gu) ?? []));
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return words;
}

/** How often each word of the site's searched text occurs, page by page, for the vocabulary file. */
export class WordCounts {
  readonly #counts = new Map<string, number>();

  /** Counts the words of one page as search reads it. */
  add(html: string): void {
    for (const word of searchedWords(html)) {
      if (word.length >= SHORTEST_WORD) this.#counts.set(word, (this.#counts.get(word) ?? 0) + 1);
    }
  }

  /**
   * The vocabulary file's text: the most frequent words first, words of one count in code unit
   * order, so the same site writes the same file whatever order its pages came in.
   */
  vocabulary(limit = VOCABULARY_LIMIT): string {
    const words = [...this.#counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));
    return words
      .slice(0, limit)
      .map(([word]) => `${word}\n`)
      .join("");
  }
}
