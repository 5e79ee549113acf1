/**
 * The site's settings as plain data: what the config, the front matter schema, the layouts and the
 * command-line tools all read. Imports nothing, so reading it never loads Eleventy.
 */

/** What a site says about itself. */
export interface SiteSettings {
  /** Name of the site, shown in the header and in page titles. */
  title: string;
  /** Public URL of the site, for canonical links, the sitemap and the feed. */
  url: string;
  /** Repository on the web, for "Edit this page" links; none, no links. */
  repository?: string;
  /** Branch the "Edit this page" links point at. */
  branch: string;
  /** Categories a page's `category` may name; the first is the one new books get. */
  categories: readonly string[];
  /** Language of the content, for `<html lang>` and dates. */
  language: string;
  /** Who wrote the books, named on their covers and in their EPUBs; a book's own `author` wins. */
  author: string;
}

/** This site. */
export const site: SiteSettings = {
  title: "Minibooks",
  url: "https://minibooks.example.org",
  repository: "https://github.com/minibooks/minibooks",
  branch: "main",
  categories: ["optimization", "educational", "self-help", "mentoring", "theory", "meta"],
  language: "en",
  author: "The Minibooks contributors",
};

/**
 * Settings with `overrides` laid over this site's, checked: at least one category, an absolute URL.
 * Throws an error naming the setting and what it found.
 */
export function siteSettings(overrides: Partial<SiteSettings> = {}): SiteSettings {
  const settings = { ...site, ...overrides };
  if (settings.categories.length === 0) {
    throw new Error("minibooks: site setting categories must list at least one category.");
  }
  if (!settings.author.trim()) {
    throw new Error("minibooks: site setting author must name who wrote the books, got an empty text.");
  }
  if (!URL.canParse(settings.url)) {
    throw new Error(`minibooks: site setting url must be an absolute URL, got "${settings.url}".`);
  }
  return settings;
}
