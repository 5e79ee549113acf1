import path from "node:path";
import { urlForFile } from "./site-paths.js";

/** True for a URL with a scheme (`https:`, `mailto:`) or a protocol-relative one. */
export function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
}

/**
 * Resolves a relative URL written in a content file against that file, as GitHub does:
 * `../images/x.png` in `pages/a.md` becomes `/images/x.png`, and a link to a Markdown file becomes
 * a link to its page (`./b.md#part` is `/pages/b/#part`). Absolute, external and fragment-only URLs
 * are returned unchanged, as is a path that climbs out of the content root.
 */
export function resolveRelativeUrl(url: string, fromFile: string): string {
  if (url === "" || url.startsWith("/") || url.startsWith("#") || url.startsWith("?") || isExternal(url)) {
    return url;
  }
  const [, target = "", suffix = ""] = /^([^?#]*)(.*)$/.exec(url) ?? [];
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target));
  if (resolved.startsWith("..")) return url;
  if (/\.md$/i.test(resolved)) return `${urlForFile(resolved)}${suffix}`;
  const trailing = target.endsWith("/") && !resolved.endsWith("/") ? "/" : "";
  return `/${resolved === "." ? "" : resolved}${trailing}${suffix}`;
}

/**
 * A URL with what may not stand in one written as UTF-8 percent-escapes (`/pages/café/` is
 * `/pages/caf%C3%A9/`), for the sitemap and feeds, which must hold URLs as RFC 3986 writes them.
 * Escapes already there are kept.
 */
export function escapeUrl(url: string): string {
  return url.replace(/[^\x21-\x7E]|[<>"{}|\\^`]/gu, (character) => encodeURIComponent(character));
}

/** A site-absolute path (`/pages/a/`) as a full URL on the site's base; anything else through URL. */
export function absoluteUrl(url: string, base: string): string {
  if (url.startsWith("/") && !url.startsWith("//")) return base.replace(/\/$/, "") + url;
  return URL.canParse(url, base) ? new URL(url, base).href : url;
}
