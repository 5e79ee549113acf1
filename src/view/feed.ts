import { Parser } from "htmlparser2";
import { escapeAttribute } from "../book/html-policy.js";
import { escapeUrl } from "../book/urls.js";
import { absoluteUrl } from "./page-view.js";
import type { ChapterChange } from "./whats-new.js";

/** One entry of the site's Atom feed: a change to a chapter. */
export interface FeedEntry {
  /** The entry's permanent id: the chapter's full URL, with the change's commit when it has one. */
  id: string;
  /** The chapter's full URL, percent-encoded as a feed must hold it. */
  url: string;
  /** The chapter's title. */
  title: string;
  /** Its book's title. */
  book: string;
  /** What changed: the chapter was added, changed or retitled, or (without history) last changed. */
  kind: ChapterChange["kind"];
  /** For a retitled chapter: its title before. */
  titleBefore?: string;
  /** When it changed, as Atom writes dates (`2026-11-24T11:36:13Z`). */
  updated: string;
  /** The chapter's description. */
  summary: string;
  /** The chapter's text as HTML that stands on its own: full URLs, no links to copy beside headings. */
  html: string;
}

/** The site's Atom feed: its entries, newest first, and when the newest changed. */
export interface FeedView {
  /** Full URL of the feed itself. */
  self: string;
  /** Full URL of the site. */
  home: string;
  updated: string;
  entries: FeedEntry[];
}

/**
 * The feed of the given changes to chapters, newest first as given: each titled with its chapter and
 * book, summed up by the chapter's description, carrying its text (`html` gives a chapter's by URL).
 */
export function feedView(
  changes: readonly ChapterChange[],
  html: (url: string) => string,
  base: string,
  feedUrl: string,
): FeedView {
  const entries = changes.map(({ chapter, date, kind, commit, titleBefore }) => {
    const url = escapeUrl(absoluteUrl(chapter.url, base));
    return {
      id: commit ? `${url}#${kind}-${commit.slice(0, 12)}` : url,
      url,
      title: chapter.title,
      book: chapter.book.title,
      kind,
      titleBefore,
      updated: atomDate(date),
      summary: chapter.description,
      html: feedHtml(html(chapter.url), chapter.url, base),
    };
  });
  return {
    self: escapeUrl(absoluteUrl(feedUrl, base)),
    home: escapeUrl(absoluteUrl("/", base)),
    // Atom dates of one form order as text: the newest is the greatest.
    updated:
      entries
        .map((entry) => entry.updated)
        .sort()
        .pop() ?? atomDate(new Date(0)),
    entries,
  };
}

/** A date as Atom writes it: UTC, to the second. */
export function atomDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The attributes that hold one URL, and the one that holds a list of them. */
const URL_ATTRIBUTES = new Set(["href", "src"]);

/**
 * A page's text as a feed reader shows it, away from the site: every address full (`/img/a.png` and
 * `#part` lead back to the site), and the "#" links beside headings, which need the site's stylesheet
 * to hide their words, left out. Only the tags that change are written again.
 */
export function feedHtml(html: string, pageUrl: string, base: string): string {
  const pieces: string[] = [];
  let kept = 0;
  let dropping = 0;
  let dropFrom = 0;
  const full = (url: string) => (url.startsWith("#") ? absoluteUrl(pageUrl + url, base) : absoluteUrl(url, base));
  const parser = new Parser(
    {
      onopentag(name, attributes, implied) {
        if (dropping > 0) {
          dropping++;
          return;
        }
        if (name === "a" && (attributes.class ?? "").split(/\s+/).includes("heading-anchor")) {
          dropping = 1;
          dropFrom = parser.startIndex;
          return;
        }
        if (implied) return;
        const changes = Object.keys(attributes).filter(
          (key) => (URL_ATTRIBUTES.has(key) && isSitePath(attributes[key])) || key === "srcset",
        );
        if (changes.length === 0) return;
        for (const key of changes) {
          attributes[key] =
            key === "srcset"
              ? attributes[key]
                  .split(",")
                  .map((candidate) => candidate.trim().replace(/^\S+/, (url) => (isSitePath(url) ? full(url) : url)))
                  .join(", ")
              : full(attributes[key]);
        }
        const written = Object.entries(attributes).map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`);
        const selfClosing = html[parser.endIndex - 1] === "/" ? "/" : "";
        pieces.push(html.slice(kept, parser.startIndex), `<${name}${written.join("")}${selfClosing}>`);
        kept = parser.endIndex + 1;
      },
      onclosetag() {
        if (dropping === 0) return;
        dropping--;
        if (dropping > 0) return;
        pieces.push(html.slice(kept, dropFrom));
        kept = parser.endIndex + 1;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  pieces.push(html.slice(kept));
  return pieces.join("");
}

/** A path on the site (`/img/a.png`) or on the page (`#part`), as opposed to a full address. */
function isSitePath(url: string): boolean {
  return url.startsWith("#") || (url.startsWith("/") && !url.startsWith("//"));
}
