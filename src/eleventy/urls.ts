import path from "node:path";

/** True for URLs a page can only reach over the network or that point nowhere on disk. */
function isExternal(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//");
}

/**
 * Resolves a relative URL written in a content file against that file, as GitHub does:
 * `../images/x.png` in `pages/a.md` becomes `/images/x.png`. Absolute, external, fragment-only
 * and `.md` URLs (which Eleventy maps to page URLs) are returned unchanged, as is a path that
 * climbs out of the content root.
 */
export function resolveRelativeUrl(url: string, fromFile: string): string {
  if (url === "" || url.startsWith("/") || url.startsWith("#") || url.startsWith("?") || isExternal(url)) {
    return url;
  }
  const [, target = "", suffix = ""] = /^([^?#]*)(.*)$/.exec(url) ?? [];
  if (/\.md$/i.test(target)) return url;
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target));
  if (resolved.startsWith("..")) return url;
  const trailing = target.endsWith("/") && !resolved.endsWith("/") ? "/" : "";
  return `/${resolved === "." ? "" : resolved}${trailing}${suffix}`;
}
