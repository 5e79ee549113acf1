import { readFile } from "node:fs/promises";
import path from "node:path";
import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { slug } from "github-slugger";
import type { MarkdownIt } from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
import { readContent, type ContentResult } from "../book/content.js";
import { lenientYaml } from "../book/page.js";
import { ContentError } from "../book/problem.js";
import type { Check } from "../book/checks.js";
import { STATUS_LABELS } from "../book/schema.js";
import type { Renderer } from "../renderers/renderer.js";
import { siteSettings, type SiteSettings } from "../site-settings.js";
import { indexSearch } from "../site/search.js";
import { addTemplateFilters } from "./filters.js";
import { afterPages, type AfterBuild } from "./link-check.js";
import { BuildFacts, pageFactsPlugin } from "./page-facts.js";
import { toContentPath, type EleventyConfig } from "./paths.js";
import { SITE_PAGES } from "./site-pages.js";

/** What the plugin is given: site settings over this site's, and the whole-book outputs to write. */
export interface MinibooksOptions {
  /** Settings laid over `src/site-settings.ts`'s. */
  site?: Partial<SiteSettings>;
  /** Whole-book outputs, each run once per build after the pages are written. */
  renderers?: readonly Renderer[];
  /** The content checks; every check of `src/book/checks.ts` by default. */
  checks?: readonly Check[];
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
export default function minibooksPlugin(eleventyConfig: EleventyConfig, options: MinibooksOptions = {}) {
  const site = siteSettings(options.site);
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
  let content: ContentResult | undefined;
  eleventyConfig.on("eleventy.before", () => {
    content = undefined;
  });
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
    content = readContent(sources, { categories: site.categories, drafts: true, checks: options.checks });
    if (content.problems.length > 0) throw new ContentError(content.problems);
    return content.library;
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

  // Whole-book outputs are written once the pages are; then a link or image that leads nowhere
  // fails the build.
  afterPages(eleventyConfig, {
    site,
    renderers: options.renderers ?? [],
    checks: options.checks,
    facts: () => facts,
    content: () => content ?? readContent([], { categories: site.categories }),
  });

  // The dev server searches what it serves; production builds index once, before publishing.
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: AfterBuild) => {
    if (runMode !== "build") await indexSearch(directories.output);
  });
}
