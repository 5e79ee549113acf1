import { closest } from "../book/closest.js";
import { PAGES_DIR, type Library } from "../book/library.js";
import { PLACEHOLDERS } from "../book/placeholders.js";
import { SLUG_PATTERN } from "../book/schema.js";

/** A file to create, or why it cannot be. */
export type Plan = { file: string; text: string } | { error: string };

/** The front matter and opening of a new chapter: the next free whole number in its book. */
export function planChapter(library: Library, slug: string, title: string): Plan {
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
  const last = book.chapters.at(-1)?.number;
  const number = last === undefined ? 1 : Math.floor(last) + 1;
  return {
    file: `${PAGES_DIR}/${slug}-chapter-${number}.md`,
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
