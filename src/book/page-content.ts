import {
  judgeAttributeValue,
  judgeCodeLanguage,
  judgeElement,
  judgeId,
  judgeMarkup,
  type MarkupFault,
  TOO_DEEP_HTML,
} from "./html-policy.js";
import type { Problem } from "./problem.js";
import { judgeUrl } from "./url-policy.js";

/** A URL as it stands in a built page, and as the author wrote it. */
export interface PageLink {
  /** The URL in the built HTML. */
  url: string;
  /** The URL as written in the source, before it was resolved. */
  written: string;
  /** The element it sits on (`a`, `img`, ...). */
  tag: string;
  /** 1-based line and column in the source file where the link is written, where known. */
  line?: number;
  column?: number;
  /** A Markdown image's alt text (undefined for links and HTML images). */
  alt?: string;
}

/** Where something stands in a source file: 1-based line and column, where known. */
export interface Place {
  line?: number;
  column?: number;
}

/** An opening tag of raw HTML an author wrote, with its attributes, each at its place. */
export interface HtmlElementFact extends Place {
  tag: string;
  attributes: (Place & { name: string; value?: string })[];
}

/** What a page's Markdown holds that the page checks judge, each at its place in the file. */
export interface MarkdownFacts {
  /** Source file, relative to the content root. */
  file: string;
  /** The page is a draft (only the dev server renders drafts). */
  draft?: boolean;
  /** Every link and image, as written. */
  links: readonly PageLink[];
  /** Every opening tag of raw HTML. */
  html?: readonly HtmlElementFact[];
  /** Level-1 headings of the body. */
  titleHeadings?: readonly Place[];
  /** Headings and paragraphs that are still the text `npm run new` wrote. */
  placeholders?: readonly (Place & { text: string })[];
  /** Where Markdown nested deeper than the parser reads starts being dropped, if anywhere. */
  tooDeep?: Place;
  /** Raw HTML that browsers read differently from what it looks like, each where it starts. */
  markupFaults?: readonly (Place & { fault: MarkupFault })[];
  /** Raw HTML standing where it cannot (a `<li>` outside a list, a block in a line of text), each at its place. */
  misplaced?: readonly (Place & { message: string; fix: string })[];
  /** Where raw HTML first opens more elements than a page may nest, if anywhere. */
  htmlTooDeep?: Place;
  /** The language each code fence names, at the fence's line. */
  fences?: readonly (Place & { language: string })[];
}

/**
 * A problem of the page at a place, written out as one literal: spreading a place into a literal
 * that then adds the message takes V8 a hundred times as long, for a hundred thousand problems.
 */
const problemAt = (
  page: MarkdownFacts,
  place: Place,
  field: string,
  { message, fix }: { message: string; fix?: string },
): Problem => ({ file: page.file, line: place.line, column: place.column, field, message, fix });

/**
 * The URL check: only site paths and `http`, `https`, `mailto` and `tel` addresses are published;
 * every other link or image, in Markdown or raw HTML, is a problem at its place.
 */
export function urlProblems(page: MarkdownFacts): Problem[] {
  return page.links.flatMap((link) => {
    const verdict = judgeUrl(link.written);
    return verdict.ok ? [] : [problemAt(page, link, link.tag === "img" ? "image" : "link", verdict)];
  });
}

/** The alt text check: every Markdown image says what it shows (raw HTML images: see `htmlProblems`). */
export function altTextProblems(page: MarkdownFacts): Problem[] {
  return page.links.flatMap((link) =>
    link.alt !== undefined && link.alt.trim() === ""
      ? [
          problemAt(page, link, "image", {
            message: `"${link.written}" has no alt text: readers who cannot see the picture get nothing.`,
            fix: `say what the picture shows between the brackets: ![A seedling in dark soil](${link.written}).`,
          }),
        ]
      : [],
  );
}

/**
 * The raw HTML check: only the allowed elements and attributes, no id the layout uses, markup read
 * as browsers read it, and no deeper nesting than a page allows, each at its place.
 */
export function htmlProblems(page: MarkdownFacts): Problem[] {
  const elements = (page.html ?? []).flatMap((element) => {
    const refused = judgeElement({ tag: element.tag, attributes: element.attributes.map((a) => a.name) });
    const values = element.attributes.flatMap((a) =>
      a.value === undefined || refused.some((issue) => issue.attribute === a.name)
        ? []
        : (judgeAttributeValue(element.tag, a.name, a.value) ??
          (a.name === "id" || (a.name === "name" && element.tag === "a") ? judgeId(a.name, a.value) : undefined) ??
          []),
    );
    return [...refused, ...values].map((issue) => {
      const place = element.attributes.find((a) => a.name === issue.attribute) ?? element;
      return problemAt(page, place, "html", issue);
    });
  });
  const faults = (page.markupFaults ?? []).map((fault) => {
    const issue = judgeMarkup(fault.fault);
    return problemAt(page, fault, "html", issue);
  });
  const deep = page.htmlTooDeep ? [problemAt(page, page.htmlTooDeep, "html", TOO_DEEP_HTML)] : [];
  const misplaced = (page.misplaced ?? []).map((issue) => problemAt(page, issue, "html", issue));
  return [...elements, ...faults, ...misplaced, ...deep];
}

/** The code fence check: each fence names a plain language, or none. */
export function fenceProblems(page: MarkdownFacts): Problem[] {
  return (page.fences ?? []).flatMap((fence) => {
    const issue = judgeCodeLanguage(fence.language);
    return issue ? [problemAt(page, fence, "code", issue)] : [];
  });
}

/** The heading check: the title is the page's only level-1 heading. */
export function headingProblems(page: MarkdownFacts): Problem[] {
  return (page.titleHeadings ?? []).map((heading) =>
    problemAt(page, heading, "heading", {
      message: "is a level-1 heading (#); the page's title is its only level-1 heading, written from the front matter.",
      fix: "make it a level-2 heading (##), and its sub-headings ### and below.",
    }),
  );
}

/** The placeholder check, for the body: a published page keeps none of the text `npm run new` wrote. */
export function placeholderTextProblems(page: MarkdownFacts): Problem[] {
  if (page.draft) return [];
  return (page.placeholders ?? []).map((placeholder) =>
    problemAt(page, placeholder, "text", {
      message: `"${placeholder.text}" is still the placeholder npm run new wrote, and the page is no longer a draft.`,
      fix: "replace it with the page's own text, or put back draft: true.",
    }),
  );
}

/** The nesting check: Markdown nested deeper than the parser reads would be left out of the page. */
export function nestingProblems(page: MarkdownFacts): Problem[] {
  if (!page.tooDeep) return [];
  return [
    problemAt(page, page.tooDeep, "markdown", {
      message:
        "lists or quotes are nested deeper than Markdown reads here, so this line and the rest of its block would be left out of the page.",
      fix: "nest fewer levels: a list or quote inside a list or quote rarely needs more than three.",
    }),
  ];
}
