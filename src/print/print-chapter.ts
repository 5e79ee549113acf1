import { Parser } from "htmlparser2";
import { escapeAttribute } from "../book/html-policy.js";

/** How a chapter's content takes its place on a book's print page. */
export interface PrintPlace {
  /** Prefix for the chapter's ids, unique on the page (`c2`). */
  prefix: string;
  /** The prefix of each chapter on the page, by URL, so links between chapters stay on the page. */
  chapters: ReadonlyMap<string, string>;
}

/**
 * A chapter's HTML for a page that holds the whole book: its headings one level below the
 * chapter's own h2 (h2 becomes h3, down to h6), its ids prefixed so chapters can share the page,
 * and links to sections of any chapter of the book pointed at that section on the page.
 *
 * Only the tags that change are written again; everything else is kept as the chapter's page has
 * it, so the chapter is read once, without building a tree of it.
 */
export function printChapter(html: string, place: PrintPlace): string {
  const pieces: string[] = [];
  let kept = 0;
  const replace = (start: number, end: number, tag: string) => {
    pieces.push(html.slice(kept, start), tag);
    kept = end + 1;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes, implied) {
        if (implied) return;
        const level = headingLevel(name);
        const id = attributes.id;
        const href = name === "a" ? attributes.href : undefined;
        if (level === undefined && id === undefined && href === undefined) return;
        if (id !== undefined) attributes.id = `${place.prefix}-${id}`;
        if (href !== undefined) attributes.href = printHref(href, place);
        const tag = level === undefined ? name : `h${level}`;
        const written = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`);
        const selfClosing = html[parser.endIndex - 1] === "/" ? "/" : "";
        replace(parser.startIndex, parser.endIndex, `<${tag}${written.join("")}${selfClosing}>`);
      },
      onclosetag(name, implied) {
        const level = headingLevel(name);
        if (implied || level === undefined) return;
        replace(parser.startIndex, parser.endIndex, `</h${level}>`);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  pieces.push(html.slice(kept));
  return pieces.join("");
}

/** The level a heading takes on the print page, one below its own (at most 6); undefined for other tags. */
function headingLevel(name: string): number | undefined {
  const level = /^h([1-6])$/.exec(name)?.[1];
  return level === undefined ? undefined : Math.min(6, Number(level) + 1);
}

/** Where a link of the chapter leads on the print page. */
function printHref(href: string, place: PrintPlace): string {
  if (href.startsWith("#")) return `#${place.prefix}-${href.slice(1)}`;
  const match = /^(\/[^?#]*)(?:#(.*))?$/.exec(href);
  const prefix = match ? place.chapters.get(match[1]) : undefined;
  if (!match || !prefix) return href;
  return match[2] ? `#${prefix}-${match[2]}` : `#${prefix}`;
}
