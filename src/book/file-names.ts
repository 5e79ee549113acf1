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

/**
 * A problem for a Markdown file in a folder inside pages/, or undefined for any other file. Every
 * page is a file directly in pages/ (or index.md): a page deeper down would be published at a URL
 * no book knows (`/pages/okr/chapter-5/`), and could take one the site writes itself (a book's
 * print page, `/pages/okr/print/`), so it is never published. The fix names a file in pages/ made
 * of its folders and name: `pages/okr/chapter-5.md` becomes `pages/okr-chapter-5.md`.
 */
export function misplacedPageProblem(file: string): Problem | undefined {
  if (!/\.md$/i.test(file)) return undefined;
  const [top, ...parts] = file.replace(/\.md$/i, "").split("/");
  if (top !== "pages" || parts.length < 2) return undefined;
  const name = parts.map((part) => (CLEAN_PART.test(part) ? part : slug(part) || "page")).join("-");
  return {
    file,
    message:
      "is in a folder inside pages/, so it is not published: every page is a Markdown file directly in pages/ " +
      "(pages/<name>.md, published at /pages/<name>/), and its book and chapter come from its front matter.",
    fix: `move it to pages/${name}.md, and change the links to it.`,
  };
}
