import type { Element } from "domhandler";

/**
 * The widest picture of an image's `srcset`: the one a whole-book output (EPUB, PDF) takes, as it
 * has one picture for every screen and page.
 */
export function widestCandidate(img: Element): string | undefined {
  const candidates = (img.attribs.srcset ?? "")
    .split(",")
    .map((entry) => entry.trim().split(/\s+/))
    .filter(([url]) => url)
    .map(([url, width = "0w"]) => ({ url, width: Number.parseInt(width, 10) || 0 }));
  return candidates.sort((a, b) => b.width - a.width)[0]?.url;
}
