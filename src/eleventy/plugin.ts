import { readFile } from "node:fs/promises";
import path from "node:path";
import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { slug } from "github-slugger";
import type { MarkdownIt } from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
import { readContent } from "../book/content.js";
import { lenientYaml } from "../book/page.js";
import { ContentError } from "../book/problem.js";
import { DEFAULT_CATEGORIES, STATUS_LABELS } from "../book/schema.js";
import { indexSearch } from "../site/search.js";
import { addTemplateFilters } from "./filters.js";
import { linkCheck, type AfterBuild } from "./link-check.js";
import { BuildFacts, pageFactsPlugin } from "./page-facts.js";
import { toContentPath, type EleventyConfig } from "./paths.js";
import { SITE_PAGES } from "./site-pages.js";

/** What a site tells the plugin about itself. */
export interface SiteOptions {
  /** Name of the site, shown in the header and in page titles. */
  title: string;
  /** Public URL of the site, for canonical links, the sitemap and the feed. */
  url: string;
  /** Repository on the web, for "Edit this page" links. */
  repository?: string;
  /** Branch the "Edit this page" links point at. */
  branch?: string;
  /** Categories pages may use. */
  categories?: readonly string[];
  /** Language of the content, for `<html lang>`. */
  language?: string;
}

const DEFAULTS = {
  title: "Minibooks",
  url: "http://localhost:8080",
  branch: "main",
  categories: DEFAULT_CATEGORIES,
  language: "en",
} satisfies Partial<SiteOptions>;

/** Site settings with defaults filled in and checked. */
export function siteSettings(options: Partial<SiteOptions> = {}) {
  const site = { ...DEFAULTS, ...options };
  if (!site.categories.length) {
    throw new Error("minibooks plugin: option site.categories must list at least one category.");
  }
  try {
    new URL(site.url);
  } catch {
    throw new Error(`minibooks plugin: option site.url must be an absolute URL, got "${site.url}".`);
  }
  return site;
}

/**
 * Ids from heading text as GitHub makes them (`What Are My OKRs?` is `what-are-my-okrs`), so a
 * link that works on GitHub works on the site; with a link after each heading.
 */
const headingAnchors: markdownItAnchor.AnchorOptions = {
  level: [2, 3, 4],
  slugify: (text: string) => slug(text),
  permalink: markdownItAnchor.permalink.linkAfterHeader({
    style: "visually-hidden",
    // Plain ASCII here keeps a page of plain text one byte a character in memory.
    assistiveText: (title) => `Link to the section: ${title}`,
    visuallyHiddenClass: "visually-hidden",
    class: "heading-anchor",
    symbol: "#",
    wrapper: ['<div class="heading">', "</div>"],
  }),
};

/**
 * Wires the book model into Eleventy: reads every page once per build, builds the library,
 * fails the build with every problem at once, and hands the library to the layouts.
 */
export default function minibooksPlugin(eleventyConfig: EleventyConfig, options: Partial<SiteOptions> = {}) {
  const site = siteSettings(options);
  const inputDir = () => eleventyConfig.directories.input;

  // Site-wide data for the layouts; `custom` is every page's layout unless it names another.
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("layout", "custom");
  eleventyConfig.addGlobalData("statusLabels", STATUS_LABELS);

  // Front matter problems, YAML syntax included, are reported together by the library below.
  // Eleventy hands each page's front matter text to this parser once per build; the library reuses
  // that text instead of reading every file again.
  let frontMatterText = new Map<string, string>();
  eleventyConfig.on("eleventy.before", () => {
    frontMatterText = new Map();
  });
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string, options?: { filePath?: string }) => {
        if (options?.filePath) frontMatterText.set(options.filePath, text);
        return lenientYaml(text);
      },
    },
  });
  const sourceOf = async (inputPath: string) => {
    const yaml = frontMatterText.get(inputPath);
    return yaml === undefined ? readFile(inputPath, "utf8") : `---${yaml}\n---\n`;
  };

  // What each page's Markdown says about itself (links, ids, headings, words), gathered while it
  // renders, once per build; relative links and images resolve against the Markdown file.
  let facts = new BuildFacts(inputDir(), eleventyConfig.directories.output);
  eleventyConfig.on("eleventy.before", () => {
    facts = new BuildFacts(inputDir(), eleventyConfig.directories.output);
  });

  // Headings get stable ids and a visible link to themselves; local images become responsive pictures.
  eleventyConfig.amendLibrary("md", (md: MarkdownIt) =>
    md.use(markdownItAnchor, headingAnchors).use(pageFactsPlugin, () => facts),
  );

  // Drafts are previewed by the dev server and left out of production builds.
  eleventyConfig.addPreprocessor("drafts", "md", (data: { draft?: unknown }) => {
    if (data.draft === true && process.env.ELEVENTY_RUN_MODE === "build") return false;
  });

  // The library: every book ordered and linked, computed once per build. Pages are also indexed
  // by URL, for the print pages that gather a book's chapters.
  let pagesByUrl = new Map<string, unknown>();
  eleventyConfig.addCollection("library", async (collectionApi: any) => {
    const items = collectionApi.getAll().filter((item: any) => item.inputPath.endsWith(".md"));
    pagesByUrl = new Map(items.map((item: any) => [item.url, item]));
    const sources = await Promise.all(
      items.map(async (item: any) => ({
        file: toContentPath(inputDir(), item.inputPath),
        text: await sourceOf(item.inputPath),
      })),
    );
    // Drafts reach this point only when the dev server previews them.
    const { library, problems } = readContent(sources, { ...site, drafts: true });
    if (problems.length > 0) throw new ContentError(problems);
    return library;
  });

  // Lookups and formatting for the layouts.
  addTemplateFilters(eleventyConfig, site, (url) => pagesByUrl.get(url), () => facts);
  eleventyConfig.addFilter("headerPicture", (image: string, page: { url: string; inputPath: string }, alt: string) => {
    const record = facts.page(page.url, page.inputPath);
    const url = facts.link(record, image, "img");
    return facts.picture(url, { alt: alt ?? "", loading: "eager", fetchpriority: "high", decoding: "async", sizes: "(min-width: 48rem) 42rem, 100vw" });
  });

  // An Atom feed of chapters.
  eleventyConfig.addCollection("chapters", (collectionApi: any) =>
    collectionApi.getAll().filter((item: any) => item.data.book !== undefined && item.data.chapter !== undefined),
  );
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "chapters", limit: 50 },
    metadata: { language: site.language, title: site.title, subtitle: "New chapters", base: site.url, author: { name: site.title } },
  });

  // Pages every site has: 404, sitemap, robots.txt and a whole-book page per book for printing.
  for (const [name, data] of Object.entries(SITE_PAGES)) eleventyConfig.addTemplate(name, "", data);

  // Code blocks highlighted at build time.
  eleventyConfig.addPlugin(syntaxHighlight);

  // A link or image that leads nowhere fails the build.
  linkCheck(eleventyConfig, () => facts);

  // The dev server searches what it serves; production builds index once, before publishing.
  eleventyConfig.on("eleventy.after", async ({ dir, runMode }: AfterBuild) => {
    if (runMode !== "build") await indexSearch(dir.output);
  });
}
