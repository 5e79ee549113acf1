import path from "node:path";
import { closest } from "./closest.js";
import { entryOf } from "./map-entry.js";
import type { Redirect } from "./aliases.js";
import type { MarkdownFacts, PageLink } from "./page-content.js";
import type { Problem } from "./problem.js";
import { servedFile, urlForFile } from "./site-paths.js";
import { judgeUrl } from "./url-policy.js";
import { isExternal } from "./urls.js";

/** A URL as the links of a page hold it (declared beside the page's other Markdown facts). */
export type { PageLink } from "./page-content.js";
/** True for a URL with a scheme or a protocol-relative one (declared beside the other URL rules). */
export { isExternal } from "./urls.js";

/** A built page, as the site checks need it: what its Markdown held, where it is published, its ids. */
export interface BuiltPage extends MarkdownFacts {
  /** URL the page is published at. */
  url: string;
  /** Every `id` (and `name` anchor) on the page. */
  ids: ReadonlySet<string>;
}

const ORIGIN = "http://site.invalid";

/** What the link check knows besides the pages and files of the site. */
export interface LinkCheckOptions {
  /** Picks the links to check (all by default). */
  which?: (link: PageLink) => boolean;
  /** The URL of each draft left out of the site, and its file, so a link to one says so. */
  drafts?: ReadonlyMap<string, string>;
  /** The pages' old URLs (`aliases`): a link to one leads to a redirect, not to the page. */
  redirects?: readonly Redirect[];
}

/**
 * Checks that every internal link and image of the built pages points at a file of the site
 * and every `#fragment` at an id on its target page, each occurrence at its own line and column.
 * A link to a page's old URL, which only redirects, names the page to link to instead.
 * Links the URL policy refuses are the URL check's to report, not this one's.
 * `files` holds every URL path the site serves (`/images/x.svg`, `/pages/a/index.html`).
 */
export function checkLinks(
  pages: readonly BuiltPage[],
  files: ReadonlySet<string>,
  { which = () => true, drafts = new Map(), redirects = [] }: LinkCheckOptions = {},
): Problem[] {
  const byPath = new Map(pages.map((page) => [indexFile(page.url), page]));
  const draftsByPath = new Map([...drafts].map(([url, file]) => [indexFile(url), file]));
  // In order of URL, not of rendering, which varies: of two equally close pages, every run names the same.
  let sorted: string[] | undefined;
  const context: SitePaths = {
    files,
    byPath,
    drafts: draftsByPath,
    redirects: new Map(redirects.map((r) => [servedFile(r.from), r])),
    known: () => (sorted ??= [...byPath.values()].map((p) => p.url).sort()),
  };
  const problems: Problem[] = [];
  for (const page of pages) {
    // What each link of the page leads to, judged once however often the page repeats it, and the
    // places it was reported at: a link recorded twice at one place is reported once. Kept by tag,
    // URL and address as written in turn, with no key made of the three: a chapter can hold a
    // hundred thousand links.
    type Verdict = { problem?: Unplaced; places: Map<number | undefined, Set<number | undefined>> };
    const judged = new Map<string, Map<string, Map<string, Verdict>>>();
    for (const link of page.links) {
      if (!which(link)) continue;
      const byWritten = entryOf(
        entryOf(judged, link.tag, () => new Map()),
        link.url,
        () => new Map(),
      );
      const { problem, places } = entryOf(byWritten, link.written, () => ({
        problem: judgeUrl(link.written).ok ? checkLink(page, link, context) : undefined,
        places: new Map(),
      }));
      if (!problem) continue;
      const columns = entryOf(places, link.line, () => new Set());
      if (columns.has(link.column)) continue;
      columns.add(link.column);
      // The place first: an object spread into a literal that then adds properties takes V8 a
      // hundred times as long, for a hundred thousand problems.
      problems.push({ line: link.line, column: link.column, ...problem });
    }
  }
  return problems;
}

/** A link's problem before it is placed at each occurrence of the link. */
type Unplaced = Omit<Problem, "line" | "column">;

/** The pages, files, drafts and redirects of the site, by the path each is served at. */
interface SitePaths {
  files: ReadonlySet<string>;
  byPath: ReadonlyMap<string, BuiltPage>;
  drafts: ReadonlyMap<string, string>;
  redirects: ReadonlyMap<string, Redirect>;
  /** The pages' URLs in order, sorted on first use. */
  known: () => readonly string[];
}

/**
 * A link to the page in `target` written as `written` was, from `from`: a path relative to the
 * Markdown file (`./b.md`) when it was written so, else the page's URL; its `?query` and
 * `#fragment` kept.
 */
export function linkToFile(from: string, target: string, written: string): string {
  const suffix = /[?#].*$/.exec(written)?.[0] ?? "";
  if (written.startsWith("/")) return `${urlForFile(target)}${suffix}`;
  const relative = path.posix.relative(path.posix.dirname(from), target);
  return `${relative.startsWith(".") ? "" : "./"}${relative}${suffix}`;
}

function checkLink(
  page: BuiltPage,
  link: PageLink,
  { files, byPath, drafts, redirects, known }: SitePaths,
): Unplaced | undefined {
  const where = { file: page.file, field: link.tag === "img" ? "image" : "link" };
  // External addresses passed the URL policy; a link made absolute for the feed is checked on its page.
  if (isExternal(link.written) || isExternal(link.url)) return undefined;

  let target: URL;
  try {
    target = new URL(link.url, ORIGIN + page.url);
  } catch {
    return { ...where, message: `"${link.written}" is not a well-formed URL.`, fix: "check the link for typos." };
  }
  const pathname = safeDecode(target.pathname);
  const candidates = [pathname, indexFile(pathname), `${pathname}/index.html`];
  const redirect = candidates.map((f) => redirects.get(f)).find(Boolean);
  if (redirect) {
    const at = redirect.line ? ` (line ${redirect.line})` : "";
    return {
      ...where,
      message: `"${link.written}" points at ${pathname}, an old URL of ${redirect.file} that its aliases${at} keep only to send old links and bookmarks on.`,
      fix: `link to the page itself: ${linkToFile(page.file, redirect.file, link.written)}.`,
    };
  }
  const file = candidates.find((f) => files.has(f));
  if (file === undefined) {
    const draft = [pathname, indexFile(pathname), `${pathname}/index.html`].map((f) => drafts.get(f)).find(Boolean);
    if (draft) {
      return {
        ...where,
        message: `"${link.written}" points at ${draft}, which is a draft and is not published.`,
        fix: `publish it by removing "draft: true" from ${draft}, or remove the link until it is ready.`,
      };
    }
    const guess = closest(pathname, known());
    const what = where.field === "image" ? "image" : "page or file";
    return {
      ...where,
      link: { written: link.written, path: pathname },
      message: `"${link.written}" points at ${pathname}, but the site has no such ${what}.`,
      fix: guess
        ? `did you mean ${guess}?`
        : where.field === "image"
          ? "check the path: it is relative to the Markdown file, as on GitHub (../images/... from pages/)."
          : "link to a page's URL (/pages/<name>/) or to its Markdown file (./<name>.md).",
    };
  }

  const fragment = safeDecode(target.hash.slice(1));
  const targetPage = byPath.get(file);
  if (fragment && targetPage && !targetPage.ids.has(fragment)) {
    const guess = closest(fragment, [...targetPage.ids]);
    return {
      ...where,
      field: "link",
      message: `"${link.written}" points at #${fragment}, but ${targetPage.url} has no element with that id.`,
      fix: guess ? `did you mean #${guess}?` : `link to one of the headings of ${targetPage.url}.`,
    };
  }
  return undefined;
}

/** The file a directory URL is served from: `/a/` is `/a/index.html`. */
function indexFile(pathname: string): string {
  return pathname.endsWith("/") ? `${pathname}index.html` : pathname;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
