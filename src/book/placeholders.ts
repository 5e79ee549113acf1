/** The text `npm run new` writes for the author to replace; none of it may be published. */
export const PLACEHOLDERS = {
  /** A new chapter's description. */
  chapterDescription: (title: string) => `What a reader gets from "${title}", in one sentence.`,
  /** A new book's description. */
  bookDescription: (title: string) => `Who "${title}" is for and what it helps them do, in one sentence.`,
  /** The first heading of a new page's body. */
  heading: "A first section",
  /** The first paragraph of a new page's body. */
  paragraph: "Start writing here.",
} as const;

const DESCRIPTIONS = [
  /^What a reader gets from ".*", in one sentence\.$/s,
  /^Who ".*" is for and what it helps them do, in one sentence\.$/s,
];

/** True when a description is still the one `npm run new` wrote. */
export function isPlaceholderDescription(text: string): boolean {
  return DESCRIPTIONS.some((pattern) => pattern.test(text.trim()));
}

/** True when a heading or paragraph of the body is still the one `npm run new` wrote. */
export function isPlaceholderText(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === PLACEHOLDERS.heading || trimmed === PLACEHOLDERS.paragraph;
}
