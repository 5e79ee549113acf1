import { statSync } from "node:fs";
import type { Library } from "../book/library.js";
import { lastCommitDates } from "../content/git-dates.js";
import type { BuildFacts } from "./page-facts.js";
import { toContentPath, type EleventyConfig } from "./paths.js";
import { resolveRelativeUrl } from "./urls.js";

/** The site settings the filters need. */
interface FilterSite {
  language: string;
  repository?: string;
  branch: string;
}

/**
 * The filters the layouts use. Each is a lookup or a small formatting step: the library,
 * `pageAt` (a page's Eleventy entry by URL) and the build's facts were gathered once.
 */
export function addTemplateFilters(
  eleventyConfig: EleventyConfig,
  site: FilterSite,
  pageAt: (url: string) => unknown,
  facts: () => BuildFacts,
): void {
  const inputDir = () => eleventyConfig.directories.input;
  const dateFormat = new Intl.DateTimeFormat(site.language, { dateStyle: "long", timeZone: "UTC" });

  eleventyConfig.addFilter("chapterAt", (library: Library, url: string) => library.chapterAt(url));
  eleventyConfig.addFilter("bookAt", (library: Library, url: string) => library.bookAt(url));
  eleventyConfig.addFilter("pageAt", pageAt);
  eleventyConfig.addFilter("headings", (url: string) => facts().pages.get(url)?.headings ?? []);
  eleventyConfig.addFilter("readingMinutes", (url: string) => readingMinutes(facts().pages.get(url)?.words ?? 0));
  eleventyConfig.addFilter("prefixIds", prefixIds);
  eleventyConfig.addFilter("toAbsoluteUrl", toAbsoluteUrl);
  eleventyConfig.addFilter("resolveFrom", (url: string, inputPath: string) =>
    resolveRelativeUrl(url, toContentPath(inputDir(), inputPath)),
  );

  // "Last updated" from one git log per build, falling back to the file's modification time.
  let commitDates = new Map<string, Date>();
  eleventyConfig.on("eleventy.before", async () => {
    commitDates = await lastCommitDates(inputDir());
  });
  eleventyConfig.addFilter("lastUpdated", (inputPath: string) => {
    const file = toContentPath(inputDir(), inputPath);
    return commitDates.get(file) ?? statSync(inputPath, { throwIfNoEntry: false })?.mtime;
  });
  eleventyConfig.addFilter("isoDate", (date: Date) => date.toISOString().slice(0, 10));
  eleventyConfig.addFilter("readableDate", (date: Date) => dateFormat.format(date));
  eleventyConfig.addFilter(
    "editUrl",
    (inputPath: string) => `${site.repository}/edit/${site.branch}/${toContentPath(inputDir(), inputPath)}`,
  );
}

/** A site-absolute path (`/pages/a/`) as a full URL on the site's base; anything else through URL. */
function toAbsoluteUrl(url: string, base: string): string {
  return url.startsWith("/") && !url.startsWith("//") ? base.replace(/\/$/, "") + url : new URL(url, base).href;
}

/** Minutes a page takes to read, at 220 words a minute, at least 1. */
function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 220));
}

/** Gives every id (and every link to one) in a piece of HTML a prefix, so chapters can share a page. */
function prefixIds(html: string, prefix: string): string {
  return String(html)
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/\shref="#([^"]+)"/g, ` href="#${prefix}-$1"`);
}
