import { closest } from "../book/closest.js";
import { numberBetween, PAGES_DIR, type Library } from "../book/library.js";
import { PLACEHOLDERS } from "../book/placeholders.js";
import { SLUG_PATTERN } from "../book/schema.js";

/** A file to create, or why it cannot be. */
export type Plan = { file: string; text: string } | { error: string };

/**
 * The front matter and opening of a new chapter: by default the next whole number after the book's
 * last chapter; `after` a chapter's number, the number halfway to the next one (`numberBetween`:
 * after 2, before 3, it is 2.5), or the next whole number when that chapter is the last.
 */
export function planChapter(library: Library, slug: string, title: string, after?: number): Plan {
  const book = library.books.find((b) => b.slug === slug);
  if (!book) {
    const known = library.books.map((b) => b.slug);
    const guess = closest(slug, known);
    return {
      error:
        `There is no book "${slug}" (no ${PAGES_DIR}/${slug}.md). ` +
        (guess ? `Did you mean "${guess}"? ` : "") +
        `Known books: ${known.join(", ") || "none yet"}. Create one with: npm run new -- book ${slug} "<Title>"`,
    };
  }
  const numbers = book.chapters.map((chapter) => chapter.number);
  if (after !== undefined && !numbers.includes(after)) {
    const list = numbers.length > 0 ? `its chapters are ${numbers.join(", ")}` : "it has no chapters yet";
    return {
      error:
        `Book "${slug}" has no chapter ${after}: ${list}. ` +
        (numbers.length > 0
          ? `Give --after one of those numbers, or leave --after out to add the chapter at the end.`
          : `Leave --after out to add its first chapter.`),
    };
  }
  const following = numbers.find((n) => n > (after ?? Infinity));
  const last = after ?? numbers.at(-1);
  const number =
    last === undefined ? 1 : following === undefined ? Math.floor(last) + 1 : numberBetween(last, following);
  return {
    file: `${PAGES_DIR}/${slug}-chapter-${fileNumber(number)}.md`,
    text: page([
      ["title", JSON.stringify(title)],
      ["description", JSON.stringify(PLACEHOLDERS.chapterDescription(title))],
      ["status", "red"],
      ["category", book.category ?? "educational"],
      ["book", slug],
      ["chapter", String(number)],
      ["draft", "true"],
    ]),
  };
}

/** The front matter of a new book's home page. */
export function planBook(library: Library, slug: string, title: string, category: string): Plan {
  if (!SLUG_PATTERN.test(slug)) {
    const suggestion = slug
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    return {
      error:
        `"${slug}" is not a valid book slug: use lower-case letters, digits and dashes` +
        (suggestion ? `, for example "${suggestion}".` : "."),
    };
  }
  if (library.books.some((b) => b.slug === slug)) {
    return { error: `The book "${slug}" already exists: ${PAGES_DIR}/${slug}.md.` };
  }
  return {
    file: `${PAGES_DIR}/${slug}.md`,
    text: page([
      ["title", JSON.stringify(title)],
      ["description", JSON.stringify(PLACEHOLDERS.bookDescription(title))],
      ["status", "red"],
      ["category", category],
      ["draft", "true"],
    ]),
  };
}

function page(fields: [string, string][]): string {
  const frontMatter = fields.map(([key, value]) => `${key}: ${value}`).join("\n");
  return `---\n${frontMatter}\n---\n\n## ${PLACEHOLDERS.heading}\n\n${PLACEHOLDERS.paragraph}\n`;
}

/** A chapter number as a file name writes it: 2.5 is `2-5`, -1 is `minus-1`. */
function fileNumber(number: number): string {
  return String(number).replace(/^-/, "minus-").replace(".", "-");
}
