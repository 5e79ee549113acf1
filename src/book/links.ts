import { closest } from "./closest.js";
import type { Problem } from "./problem.js";

/** A URL as it stands in a built page, and as the author wrote it. */
export interface PageLink {
  /** The URL in the built HTML. */
  url: string;
  /** The URL as written in the source, before it was resolved. */
  written: string;
  /** The element it sits on (`a`, `img`, ...). */
  tag: string;
}

/** A built page, as the link check needs it. */
export interface BuiltPage {
  /** Source file, relative to the content root. */
  file: string;
  /** URL the page is published at. */
  url: string;
  /** Source text, to find the line a link was written on; read only when a link is broken. */
  source?: () => string | undefined;
  links: readonly PageLink[];
  /** Every `id` (and `name` anchor) on the page. */
  ids: ReadonlySet<string>;
}

const ORIGIN = "http://site.invalid";

/**
 * Checks that every internal link and image of the built pages points at a file of the site
 * and every `#fragment` at an id on its target page. External URLs are only checked to be well formed.
 * `files` holds every URL path the site serves (`/images/x.svg`, `/pages/a/index.html`); `which`
 * picks the links to check (all by default).
 */
export function checkLinks(
  pages: readonly BuiltPage[],
  files: ReadonlySet<string>,
  which: (link: PageLink) => boolean = () => true,
): Problem[] {
  const byPath = new Map(pages.map((page) => [indexFile(page.url), page]));
  const problems: Problem[] = [];
  for (const page of pages) {
    const seen = new Set<string>();
    for (const link of page.links) {
      if (!which(link)) continue;
      const key = `${link.url}\n${link.written}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const problem = checkLink(page, link, files, byPath);
      if (problem) problems.push({ ...problem, line: lineOf(page.source?.(), link.written) });
    }
  }
  return problems;
}

function checkLink(
  page: BuiltPage,
  link: PageLink,
  files: ReadonlySet<string>,
  byPath: ReadonlyMap<string, BuiltPage>,
): Problem | undefined {
  const where = { file: page.file, field: link.tag === "img" ? "image" : "link" };
  if (isExternal(link.written)) {
    return isWellFormedExternal(link.written)
      ? undefined
      : { ...where, message: `"${link.written}" is not a well-formed URL.`, fix: "write a full address such as https://example.org/page." };
  }
  // Made absolute for the feed; the page's own copy of the link is checked.
  if (isExternal(link.url)) return undefined;

  let target: URL;
  try {
    target = new URL(link.url, ORIGIN + page.url);
  } catch {
    return { ...where, message: `"${link.written}" is not a well-formed URL.`, fix: "check the link for typos." };
  }
  const pathname = safeDecode(target.pathname);
  const file = [pathname, indexFile(pathname), `${pathname}/index.html`].find((f) => files.has(f));
  if (file === undefined) {
    const known = [...byPath.values()].map((p) => p.url);
    const guess = closest(pathname, known);
    const what = where.field === "image" ? "image" : "page or file";
    return {
      ...where,
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

/** True for a URL with a scheme (`https:`, `mailto:`) or a protocol-relative one. */
export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
}

/** True for an external URL a browser can follow: it parses, and web addresses name a host. */
export function isWellFormedExternal(url: string): boolean {
  try {
    const parsed = new URL(url.startsWith("//") ? `https:${url}` : url);
    if (parsed.protocol === "javascript:") return false;
    return !["http:", "https:"].includes(parsed.protocol) || parsed.hostname.includes(".") || parsed.hostname === "localhost";
  } catch {
    return false;
  }
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

/** 1-based line of the first occurrence of a link in the source, after the front matter. */
function lineOf(source: string | undefined, written: string): number | undefined {
  if (!source || !written) return undefined;
  const at = source.indexOf(written);
  return at === -1 ? undefined : source.slice(0, at).split("\n").length;
}
