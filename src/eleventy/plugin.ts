import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { eleventyImageTransformPlugin } from "@11ty/eleventy-img";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import type { MarkdownIt } from "markdown-it";
import markdownItAnchor from "markdown-it-anchor";
import { readContent } from "../book/content.js";
import { lenientYaml } from "../book/page.js";
import type { Book, Library } from "../book/library.js";
import { checkLinks, isExternal, isWellFormedExternal, type PageLink } from "../book/links.js";
import { ContentError } from "../book/problem.js";
import { lastCommitDates } from "../content/git-dates.js";
import { indexSearch } from "../site/search.js";
import { DEFAULT_CATEGORIES, STATUS_LABELS } from "../book/schema.js";
import { skipMissingImages } from "./images.js";
import { collectHeadings, collectIds, listServedFiles } from "./html.js";
import { resolveRelativeUrl } from "./urls.js";

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

/** Eleventy's config object, as far as this plugin uses it. */
type EleventyConfig = any; // eslint-disable-line @typescript-eslint/no-explicit-any

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
 * Wires the book model into Eleventy: reads every page once per build, builds the library,
 * fails the build with every problem at once, and hands the library to the layouts.
 */
export default function minibooksPlugin(eleventyConfig: EleventyConfig, options: Partial<SiteOptions> = {}) {
  const site = siteSettings(options);
  const production = () => process.env.ELEVENTY_RUN_MODE === "build";

  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("layout", "custom");
  eleventyConfig.addGlobalData("statusLabels", STATUS_LABELS);

  // Front matter problems, YAML syntax included, are reported together by the library below.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: lenientYaml } });

  // Headings get stable ids and a visible link to themselves.
  eleventyConfig.amendLibrary("md", (md: MarkdownIt) => md.use(markdownItAnchor, headingAnchors));

  // Drafts are previewed by the dev server and left out of production builds.
  eleventyConfig.addPreprocessor("drafts", "md", (data: { draft?: unknown }) => {
    if (data.draft === true && production()) return false;
  });

  // The library: every book ordered and linked, computed once per build.
  eleventyConfig.addCollection("library", async (collectionApi: any) => {
    const inputDir = eleventyConfig.directories.input;
    const items = collectionApi.getAll().filter((item: any) => item.inputPath.endsWith(".md"));
    const sources = await Promise.all(
      items.map(async (item: any) => ({
        file: toContentPath(inputDir, item.inputPath),
        text: await readFile(item.inputPath, "utf8"),
      })),
    );
    // Drafts reach this point only when the dev server previews them.
    const { library, problems } = readContent(sources, { ...site, drafts: true });
    if (problems.length > 0) throw new ContentError(problems);
    return library;
  });

  // Chapters newest first, for the Atom feed.
  eleventyConfig.addCollection("chapters", (collectionApi: any) =>
    collectionApi.getAll().filter((item: any) => item.data.book !== undefined && item.data.chapter !== undefined),
  );
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "chapters", limit: 50 },
    metadata: { language: site.language, title: site.title, subtitle: "New chapters", base: site.url, author: { name: site.title } },
  });

  // Pages the site always has: 404, sitemap, robots.txt and a whole-book page per book for printing.
  for (const [name, data] of Object.entries(SITE_PAGES)) eleventyConfig.addTemplate(name, "", data);


  // Lookups for the layouts; the library has done the work.
  eleventyConfig.addFilter("chapterAt", (library: Library, url: string) => library.chapterAt(url));
  eleventyConfig.addFilter("bookAt", (library: Library, url: string) => library.bookAt(url));
  eleventyConfig.addFilter("itemAt", (items: any[], url: string) => items.find((item) => item.url === url));
  eleventyConfig.addFilter("readingMinutes", readingMinutes);
  eleventyConfig.addFilter("headings", collectHeadings);
  eleventyConfig.addFilter("prefixIds", prefixIds);
  eleventyConfig.addFilter("toAbsoluteUrl", (url: string, base: string) => new URL(url, base).href);
  eleventyConfig.addFilter("resolveFrom", (url: string, inputPath: string) =>
    resolveRelativeUrl(url, toContentPath(eleventyConfig.directories.input, inputPath)),
  );

  // "Last updated" from one git log per build, falling back to the file's modification time.
  let commitDates = new Map<string, Date>();
  eleventyConfig.on("eleventy.before", async () => {
    commitDates = await lastCommitDates(eleventyConfig.directories.input);
  });
  eleventyConfig.addFilter("lastUpdated", (inputPath: string) => {
    const file = toContentPath(eleventyConfig.directories.input, inputPath);
    return commitDates.get(file) ?? statSync(inputPath, { throwIfNoEntry: false })?.mtime;
  });
  eleventyConfig.addFilter("isoDate", (date: Date) => date.toISOString().slice(0, 10));
  eleventyConfig.addFilter("readableDate", (date: Date) =>
    new Intl.DateTimeFormat(site.language, { dateStyle: "long", timeZone: "UTC" }).format(date),
  );
  eleventyConfig.addFilter("editUrl", (inputPath: string) =>
    `${site.repository}/edit/${site.branch}/${toContentPath(eleventyConfig.directories.input, inputPath)}`,
  );

  // Pictures in modern formats and several widths, with width and height set; SVG stays SVG.
  eleventyConfig.htmlTransformer.addPosthtmlPlugin("html", skipMissingImages(eleventyConfig.directories.input), {
    priority: 10, // before the image pipeline
  });
  eleventyConfig.addPlugin(eleventyImageTransformPlugin, {
    formats: ["avif", "webp", "auto"],
    widths: [480, 960, "auto"],
    svgShortCircuit: true,
    urlPath: GENERATED_IMAGES[0],
    outputDir: path.join(eleventyConfig.directories.output, GENERATED_IMAGES[0]),
    htmlOptions: {
      imgAttributes: { loading: "lazy", decoding: "async", sizes: "(min-width: 48rem) 42rem, 100vw" },
    },
  });

  // Code blocks highlighted at build time.
  eleventyConfig.addPlugin(syntaxHighlight);

  // Relative links and images resolve against the Markdown file, as they do on GitHub.
  // Each URL passes through every transform in turn: the first remembers it as written,
  // the last records where it ended up, for the link check.
  let links = new Map<string, PageLink[]>(); // by page URL: paginated pages share one input file
  let written = "";
  eleventyConfig.on("eleventy.before", () => {
    links = new Map();
  });
  eleventyConfig.htmlTransformer.addUrlTransform(
    "html",
    (url: string) => {
      written = url;
      // A malformed address would stop later transforms; the link check reports it as written.
      return isExternal(url) && !isWellFormedExternal(url) ? "about:invalid" : url;
    },
    { priority: 10 },
  );
  eleventyConfig.htmlTransformer.addUrlTransform(
    "html",
    function (this: any, url: string) {
      return resolveRelativeUrl(url, toContentPath(eleventyConfig.directories.input, this.page.inputPath));
    },
    { priority: -1 },
  );
  eleventyConfig.htmlTransformer.addUrlTransform(
    "html",
    function (this: any, url: string, { tag }: { tag: string }) {
      // Pictures the image pipeline generated come from files it found; there is nothing to check.
      if (GENERATED_IMAGES.some((prefix) => url.startsWith(prefix))) return url;
      const list = links.get(this.page.url) ?? [];
      list.push({ url, written, tag });
      links.set(this.page.url, list);
      return url;
    },
    { priority: -10 },
  );

  // After writing: every internal link and image must reach a file of the site.
  eleventyConfig.on("eleventy.after", async ({ results, dir, runMode }: AfterBuild) => {
    const inputDir = eleventyConfig.directories.input;
    const pages = await Promise.all(
      results
        .filter((result) => result.outputPath && result.outputPath.endsWith(".html"))
        .map(async (result) => ({
          file: toContentPath(inputDir, result.inputPath),
          url: result.url,
          source: await readFile(result.inputPath, "utf8").catch(() => undefined),
          links: links.get(result.url) ?? [],
          ids: collectIds(result.content),
        })),
    );
    const files = new Set(
      results.filter((r) => r.url).map((r) => (r.url.endsWith("/") ? `${r.url}index.html` : r.url)),
    );
    for (const [from, { outputPath }] of Object.entries(eleventyConfig.passthroughCopies as Record<string, { outputPath: unknown }>)) {
      if (typeof outputPath !== "string") continue;
      for (const file of await listServedFiles(from, outputPath)) files.add(file);
    }
    const problems = checkLinks(pages, files);
    if (problems.length > 0) throw new ContentError(problems);
    // The dev server searches what it serves; production builds index once, before publishing.
    if (runMode !== "build") await indexSearch(dir.output);
  });
}

/** What Eleventy's `eleventy.after` event reports: the pages it wrote, where, and how it ran. */
interface AfterBuild {
  results: { inputPath: string; outputPath: string | false; url: string; content: string }[];
  dir: { output: string };
  runMode: "build" | "watch" | "serve";
}

/** Ids from heading text (`What Are My OKRs?` is `what-are-my-okrs`), with a link after each heading. */
const headingAnchors: markdownItAnchor.AnchorOptions = {
  level: [2, 3, 4],
  slugify: (text: string) => slugify(text, { decamelize: false }),
  permalink: markdownItAnchor.permalink.linkAfterHeader({
    style: "visually-hidden",
    assistiveText: (title) => `Link to the section “${title}”`,
    visuallyHiddenClass: "visually-hidden",
    class: "heading-anchor",
    symbol: "#",
    wrapper: ['<div class="heading">', "</div>"],
  }),
};

/** Where the image pipeline publishes what it generates: /img/ in builds, /.11ty/image/ in the dev server. */
const GENERATED_IMAGES = ["/img/", "/.11ty/image/"];

/** Templates every site gets, with their data. */
const SITE_PAGES: Record<string, object> = {
  "404.njk": {
    layout: "not-found.njk",
    permalink: "/404.html",
    title: "Page not found",
    description: "There is no page at this address.",
    eleventyExcludeFromCollections: true,
  },
  "sitemap.njk": { permalink: "/sitemap.xml", layout: "sitemap.njk", eleventyExcludeFromCollections: true },
  "robots.njk": { permalink: "/robots.txt", layout: "robots.njk", eleventyExcludeFromCollections: true },
  "print.njk": {
    pagination: {
      data: "collections.library.books",
      size: 1,
      alias: "book",
      before: (books: Book[]) => books.filter((book) => book.chapters.length > 0),
    },
    permalink: (data: any) => `${data.book.url}print/`,
    layout: "print.njk",
    eleventyComputed: {
      title: (data: any) => `${data.book.title}, the whole book`,
      description: (data: any) => data.book.description,
    },
    eleventyExcludeFromCollections: true,
  },
};

/** Gives every id (and every link to one) in a piece of HTML a prefix, so chapters can share a page. */
function prefixIds(html: string, prefix: string): string {
  return String(html)
    .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
    .replace(/\shref="#([^"]+)"/g, ` href="#${prefix}-$1"`);
}

/** Path of an input file relative to the content root, with `/` separators. */
export function toContentPath(inputDir: string, inputPath: string): string {
  return path.relative(inputDir, inputPath).split(path.sep).join("/");
}

/** Minutes a page takes to read, at 220 words a minute, at least 1. */
function readingMinutes(html: string): number {
  const words = String(html ?? "")
    .replace(/<[^>]*>/g, " ")
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(1, Math.round(words / 220));
}
