/** Words an adult reads in a minute of technical prose, the usual figure for reading times. */
export const WORDS_PER_MINUTE = 220;

/**
 * Counts the words a reader reads in a Markdown text: link targets, HTML tags, comments, code
 * fences' language names and Markdown's own marks are not words; text in code is.
 */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/^\s*(?:```|~~~).*$/gm, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>\n]+>/g, " ")
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, "] ")
    .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, " ");
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’._-]*/gu)?.length ?? 0;
}

/** Whole minutes a text of so many words takes to read, at least 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
