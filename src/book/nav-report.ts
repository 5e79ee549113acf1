import {
  aliasFix,
  oneLine,
  type BookDiff,
  type ButtonState,
  type ChapterChange,
  type ChapterState,
  type LibraryDiff,
} from "./nav-diff.js";
import type { OrderBook } from "./reading-order.js";

/** The reading order of every book as a terminal shows it: one block per book, one row per chapter. */
export function formatOrder(books: readonly OrderBook[]): string {
  return orderText(oneLines(books));
}

function orderText(books: readonly OrderBook[]): string {
  if (books.length === 0) return 'No books yet: start one with npm run new -- book <slug> "<Title>".';
  return books
    .map((book) => {
      const count = book.chapters.filter((c) => !c.draft).length;
      const head = `${book.title} (${book.slug}) ${book.url} ${book.file}: ${plural(count, "chapter")}${book.draft ? ", draft" : ""}`;
      if (book.chapters.length === 0) return `${head}\n  (no chapters yet)`;
      const rows = book.chapters.map((c) => [
        c.position === null ? "-" : String(c.position),
        String(c.chapter),
        c.title,
        c.status ?? "",
        `${c.minutes} min`,
        c.file,
        c.url,
        c.draft ? "draft" : "",
      ]);
      return `${head}\n${table([["#", "chapter", "title", "status", "read", "file", "url", ""], ...rows])}`;
    })
    .join("\n\n");
}

/** What a change does, for a terminal; `base` names what it is compared with. */
export function formatDiff(diff: LibraryDiff, base: string): string {
  return diffText(oneLines(diff), oneLine(base));
}

function diffText(diff: LibraryDiff, base: string): string {
  if (diff.books.length === 0 && diff.lostUrls.length === 0) {
    return `No change to any book's chapters, buttons or URLs since ${base}.`;
  }
  const blocks = diff.books.map((book) => {
    const lines = [bookHeading(book, (text) => `"${text}"`)];
    for (const change of book.chapterChanges) lines.push(`  ${chapterLine(change)}`);
    for (const button of book.buttonChanges) {
      lines.push(
        `  ${button.side} button of "${button.chapter.title}" (position ${button.chapter.position}): ` +
          `${buttonText(button.before)} → ${buttonText(button.after)}`,
      );
    }
    return lines.join("\n");
  });
  if (diff.lostUrls.length > 0) {
    blocks.push(
      [
        "URLs that disappear:",
        ...diff.lostUrls.map((lost) => `  ${lost.url}, published by ${lost.file}: ${aliasFix(lost)}`),
      ].join("\n"),
    );
  }
  return `Compared with ${base}:\n\n${blocks.join("\n\n")}`;
}

/** What a change does, as Markdown for a pull request's job summary: a table per book. */
export function diffMarkdown(diff: LibraryDiff, base: string): string {
  const out = [`## Navigation compared with ${md(base)}`, ""];
  if (diff.books.length === 0 && diff.lostUrls.length === 0) {
    out.push(`No change to any book's chapters, buttons or URLs since ${md(base)}.`);
    return `${out.join("\n")}\n`;
  }
  for (const book of diff.books) {
    out.push(`### ${bookHeading(book, (text) => md(text))}`, "");
    if (book.chapterChanges.length > 0) {
      out.push("| position | chapter | title | file | change |", "| ---: | ---: | --- | --- | --- |");
      for (const change of book.chapterChanges) {
        const { now, position, chapter } = tableCells(change);
        out.push(`| ${position} | ${chapter} | ${md(now.title)} | ${md(now.file)} | ${md(changeText(change))} |`);
      }
      out.push("");
    }
    if (book.buttonChanges.length > 0) {
      out.push("| button | was | now |", "| --- | --- | --- |");
      for (const button of book.buttonChanges) {
        const on = `${button.side === "prev" ? "Previous" : "Next"} on ${button.chapter.position}. ${button.chapter.title}`;
        out.push(`| ${md(on)} | ${md(buttonText(button.before))} | ${md(buttonText(button.after))} |`);
      }
      out.push("");
    }
  }
  if (diff.lostUrls.length > 0) {
    out.push("### URLs that disappear", "", "| URL | was published by | fix |", "| --- | --- | --- |");
    for (const lost of diff.lostUrls) out.push(`| ${md(lost.url)} | ${md(lost.file)} | ${md(aliasFix(lost))} |`);
    out.push("");
  }
  return out.join("\n");
}

function bookHeading(book: BookDiff, quote: (text: string) => string): string {
  const { before, after } = book.chapters;
  if (book.change === "added") return `New book ${quote(book.title)} (${book.slug}): ${plural(after, "chapter")}`;
  if (book.change === "removed")
    return `Removed book ${quote(book.title)} (${book.slug}): had ${plural(before, "chapter")}`;
  const retitled = book.titleBefore ? `, retitled from ${quote(book.titleBefore)}` : "";
  const count = before === after ? plural(after, "chapter") : `${plural(after, "chapter")}, was ${before}`;
  return `Book ${quote(book.title)} (${book.slug})${retitled}: ${count}`;
}

/** A changed chapter's row in the Markdown table: the chapter now (or as it was), its position and number. */
function tableCells(change: ChapterChange): { now: ChapterState; position: string; chapter: string } {
  if (!change.before) {
    return { now: change.after, position: String(change.after.position), chapter: String(change.after.number) };
  }
  if (!change.after) {
    return { now: change.before, position: `~~${change.before.position}~~`, chapter: String(change.before.number) };
  }
  const { before, after, changes } = change;
  return {
    now: after,
    position: changes.includes("moved") ? `${before.position} → ${after.position}` : String(after.position),
    chapter: changes.includes("renumbered") ? `${before.number} → ${after.number}` : String(after.number),
  };
}

function chapterLine(change: ChapterChange): string {
  const { before, after } = change;
  if (!before) return `added at position ${after.position} (chapter ${after.number}): "${after.title}", ${after.file}`;
  if (!after)
    return `removed from position ${before.position} (chapter ${before.number}): "${before.title}", ${before.file}`;
  return `"${after.title}", ${after.file}: ${changeText(change)}`;
}

/** The changes of a chapter that is in both libraries, or "added" / "removed", as one phrase. */
function changeText(change: ChapterChange): string {
  if (!change.before || !change.after) return change.changes.join("; "); // "added" or "removed"
  const { before, after } = change;
  return change.changes
    .map((kind) => {
      switch (kind) {
        case "moved":
          return `moved from position ${before.position} to ${after.position}`;
        case "renumbered":
          return `renumbered from chapter ${before.number} to ${after.number}`;
        case "retitled":
          return `retitled from "${before.title}"`;
        case "renamed":
          return `renamed from ${before.file}, URL ${before.url} is now ${after.url}`;
        default:
          return kind;
      }
    })
    .join("; ");
}

function buttonText(button: ButtonState): string {
  if (button === "none") return "none";
  if (button === "hidden") return "hidden";
  return `"${button.label}" ${button.url}`;
}

/**
 * Data with every string on one line, so that a title with a newline in it cannot start a line of
 * its own in a report (which a CI log could read as a command).
 */
function oneLines<T>(value: T): T {
  // Each branch returns a value of the type it was given (a string, a list, an object of the same
  // keys), which TypeScript cannot follow through a generic: hence the casts.
  if (typeof value === "string") return oneLine(value) as T;
  if (Array.isArray(value)) return value.map(oneLines) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, oneLines(item)])) as T;
  }
  return value;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Rows as columns padded to their widest cell, two spaces apart, indented by two. */
function table(rows: readonly string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`.trimEnd()).join("\n");
}

/** Text as it reads in Markdown: its punctuation kept literal, no HTML. */
function md(text: string): string {
  return oneLine(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`);
}
