import render from "dom-serializer";
import type { Element } from "domhandler";
import { findAll } from "domutils";
import { parseDocument } from "htmlparser2";

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
 */
export function printChapter(html: string, place: PrintPlace): string {
  const document = parseDocument(html);
  for (const element of findAll(() => true, document.children)) {
    const level = /^h([1-6])$/.exec(element.name)?.[1];
    if (level) element.name = `h${Math.min(6, Number(level) + 1)}`;
    if (element.attribs.id) element.attribs.id = `${place.prefix}-${element.attribs.id}`;
    rewriteLink(element, place);
  }
  return render(document.children, { encodeEntities: "utf8" });
}

function rewriteLink(element: Element, place: PrintPlace): void {
  const href = element.attribs.href;
  if (element.name !== "a" || href === undefined) return;
  if (href.startsWith("#")) {
    element.attribs.href = `#${place.prefix}-${href.slice(1)}`;
    return;
  }
  const match = /^(\/[^?#]*)(?:#(.*))?$/.exec(href);
  const prefix = match ? place.chapters.get(match[1]) : undefined;
  if (match && prefix) element.attribs.href = match[2] ? `#${prefix}-${match[2]}` : `#${prefix}`;
}
