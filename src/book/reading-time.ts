/** Words an adult reads in a minute of technical prose, the usual figure for reading times. */
export const WORDS_PER_MINUTE = 220;

/**
 * Counts the words a reader reads in a Markdown text: link targets, HTML tags, comments, code
 * fences' language names and Markdown's own marks are not words; text in code is. Linear in the
 * text whatever it holds: no pattern here can scan past where the next attempt starts (a tag ends
 * at the next `<`, a link target at the next parenthesis, a comment never closed runs to the end).
 */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/^[ \t]*(?:```|~~~).*$/gm, " ")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/<[^<>\n]+>/g, " ")
    .replace(/\]\([^()\s]*(?:\s+"[^"]*")?\)/g, "] ")
    .replace(/^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*$/gm, " ");
  let words = 0;
  for (const _ of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’._-]*/gu)) words++;
  return words;
}

/** Whole minutes a text of so many words takes to read, at least 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
