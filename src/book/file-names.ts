import { slug } from "github-slugger";
import type { Problem } from "./problem.js";

/**
 * A part of a page's path that makes a clean URL: letters of any script, digits, `-`, `_` and `.`.
 * Anything else (`#`, `?`, `%`, spaces, quotes, ...) would have to be escaped in every link to it,
 * and `#` and `?` cut the URL short.
 */
const CLEAN_PART = /^[\p{L}\p{M}\p{N}_.-]+$/u;

/**
 * A problem for a content file whose path can't be a clean URL, suggesting a slug for it;
 * undefined for a clean one. Letters outside ASCII are clean: `pages/café.md` is published at
 * `/pages/café/`, and written percent-encoded where a URL must be ASCII (sitemap, feed).
 */
export function fileNameProblem(file: string): Problem | undefined {
  const parts = file.replace(/\.md$/, "").split("/");
  if (parts.every((part) => CLEAN_PART.test(part))) return undefined;
  const unclean = [...new Set([...file.replace(/\.md$/, "")].filter((c) => c !== "/" && !CLEAN_PART.test(c)))];
  const suggestion = `${parts.map((part) => (CLEAN_PART.test(part) ? part : slug(part) || "page")).join("/")}.md`;
  return {
    file,
    message:
      `the file name can't be a clean URL: it holds ${unclean.map(describe).join(", ")}, ` +
      "which every link to the page would have to escape.",
    fix: `rename it to ${suggestion} (letters, digits and dashes), and change the links to it.`,
  };
}

function describe(character: string): string {
  if (character === " ") return "a space";
  if (/\s/.test(character)) return "white space";
  return `"${character}"`;
}
