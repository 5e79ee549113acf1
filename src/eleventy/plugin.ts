import { feedPlugin } from "@11ty/eleventy-plugin-rss";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { readContent } from "../book/content.js";
import { linksLeavingRoot } from "../content/boundary.js";
import type { Check } from "../book/checks.js";
import { parseFrontMatter } from "../book/front-matter.js";
import { ContentError } from "../book/problem.js";
import { urlForFile } from "../book/library.js";
import { siteFrontMatter } from "../book/page.js";
import { STATUS_LABELS } from "../book/schema.js";
import type { Renderer } from "../renderers/renderer.js";
import { siteSettings, type SiteSettings } from "../site-settings.js";
import { indexSearchInBackground } from "../site/search.js";
import { CONTENT_SECURITY_POLICY } from "../site/security.js";
import {
  ELEVENTY_RANGE,
  contentPages,
  dated,
  frontMatterEngine,
  itemsAt,
  preprocessedFile,
  type CollectionApi,
  type EleventyConfig,
} from "./adapter.js";
import { afterPages } from "./after-pages.js";
import { BuildState } from "./build-state.js";
import { addTemplateFilters } from "./filters.js";
import { authorMarkdown } from "./markdown.js";
import { pageFactsPlugin } from "./page-facts.js";
import { SITE_PAGES } from "./site-pages.js";
import { styleClassesPlugin } from "./style-classes.js";

/** What the plugin is given: site settings over this site's, and the whole-book outputs to write. */
export interface MinibooksOptions {
  /** Settings laid over `src/site-settings.ts`'s. */
  site?: Partial<SiteSettings>;
  /** Whole-book outputs, each run once per build after the pages are written. */
  renderers?: readonly Renderer[];
  /** The content checks; every check of `src/book/checks.ts` by default. */
  checks?: readonly Check[];
  /** Folders copied into the site as they are, by source folder: `{ "<input>/images": "images" }`. */
  copies?: Readonly<Record<string, string>>;
}

/**
 * Wires the book model into Eleventy: reads every page once per build, builds the library,
 * fails the build with every problem at once, and hands the library to the layouts.
 */
export default function minibooksPlugin(eleventyConfig: EleventyConfig, options: MinibooksOptions = {}): void {
  eleventyConfig.versionCheck(ELEVENTY_RANGE);
  const site = siteSettings(options.site);
  const copies = options.copies ?? {};

  // One state per build, made as the build starts; everything below reads the current one.
  let state: BuildState | undefined;
  eleventyConfig.on("eleventy.before", async ({ directories, runMode }) => {
    state = await BuildState.start({ inputDir: directories.input, outputDir: directories.output, runMode });
  });
  const current = (): BuildState => {
    if (!state) throw new Error("minibooks: a page was read before the build started.");
    return state;
  };

  // Site-wide data for the layouts; `custom` is every page's layout unless it names another.
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("layout", "custom");
  eleventyConfig.addGlobalData("statusLabels", STATUS_LABELS);
  eleventyConfig.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);

  // Nothing from outside the content root is read: a symbolic link that leaves it stops the build.
  eleventyConfig.on("eleventy.before", async ({ directories }) => {
    const problems = await linksLeavingRoot(directories.input);
    if (problems.length > 0) throw new ContentError(problems);
  });

  // Folders copied as they are (pictures, the stylesheet), as bytes: a link is never copied as a
  // link. The link check knows their files.
  for (const [from, to] of Object.entries(copies)) eleventyConfig.addPassthroughCopy({ [from]: to }, { expand: true });

  // Front matter is read with limits (size, no aliases), and only the keys the schema knows reach
  // Eleventy; front matter in JavaScript never runs. Eleventy hands each page's front matter text to
  // this engine once per build; the build state keeps it for the library. Problems, YAML syntax
  // included, are reported with every other problem of the build.
  const notRun = () => ({});
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: frontMatterEngine(
        (text, file) => {
          const parsed = parseFrontMatter(file ?? "", text, 1);
          // Layouts are ours; only content pages are limited to the schema's keys.
          if (!file?.endsWith(".md")) return parsed.data ?? {};
          const build = current();
          // The text runs from the end of the opening "---" line to the start of the closing one.
          build.facts.bodyStarts.set(file, text.split("\n").length + 1);
          if (!parsed.data) return {};
          build.frontMatter.set(file, text);
          return siteFrontMatter(parsed.data);
        },
        () => current().place.inputDir,
      ),
      javascript: notRun,
      jsLegacy: notRun,
    },
  });

  // Headings get stable ids and a visible link to themselves; alerts, footnotes, and tables and
  // code blocks in scrollable regions; relative links and images resolve against the Markdown file;
  // local images become responsive pictures; each page's links, ids, headings and words are
  // gathered while it renders; table alignment becomes classes, as the CSP allows no inline style.
  eleventyConfig.amendLibrary("md", (md) =>
    md
      .use(authorMarkdown)
      .use(pageFactsPlugin, () => current().facts)
      .use(styleClassesPlugin),
  );

  // Drafts are previewed by the dev server and left out of production builds.
  eleventyConfig.addPreprocessor("drafts", "md", (data) => {
    const build = current();
    if (data.draft === true && build.place.runMode === "build") {
      const file = preprocessedFile(data, build.place.inputDir);
      if (file) build.facts.drafts.set(urlForFile(file), file);
      return false;
    }
  });

  // The library: every book ordered and linked, and the content checks, once per build, whichever
  // collection asks first.
  const library = (api: CollectionApi) =>
    current().library(async (build) => {
      const pages = contentPages(api, build.place.inputDir);
      const sources = await Promise.all(
        pages.map(async ({ file, body }) => ({ file, text: await build.source(file, body) })),
      );
      // Drafts reach this point only when the dev server previews them. Problems are reported once
      // the pages have rendered, with theirs.
      return readContent(sources, {
        categories: site.categories,
        drafts: true,
        checks: options.checks,
        draftsLeftOut: build.facts.drafts,
      });
    });
  eleventyConfig.addCollection("library", library);

  // Lookups and formatting for the layouts.
  addTemplateFilters(eleventyConfig, site, current);

  // An Atom feed of the library's chapters, each dated by its last commit (as "Last updated" is),
  // so two clones of one commit write the same feed. Oldest first, as the feed lists it reversed;
  // chapters of one date in URL order.
  eleventyConfig.addCollection("chapters", async (api) => {
    const { chapterAt } = await library(api);
    const build = current();
    return itemsAt(api, (url) => chapterAt(url) !== undefined)
      .map((item) => dated(item, build.lastUpdated(chapterAt(item.url as string)!.file)))
      .sort(
        (a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0) || (a.url < b.url ? 1 : a.url > b.url ? -1 : 0),
      );
  });
  eleventyConfig.addPlugin(feedPlugin, {
    type: "atom",
    outputPath: "/feed.xml",
    collection: { name: "chapters", limit: 50 },
    metadata: {
      language: site.language,
      title: site.title,
      subtitle: "New chapters",
      base: site.url,
      author: { name: site.title },
    },
  });

  // Pages every site has: 404, sitemap, robots.txt and a whole-book page per book for printing.
  for (const [name, data] of Object.entries(SITE_PAGES)) eleventyConfig.addTemplate(name, "", data);

  // Code blocks highlighted at build time.
  eleventyConfig.addPlugin(syntaxHighlight);

  // Whole-book outputs are written once the pages are; then every problem of the build fails it,
  // all reported at once: front matter and books, what each page's Markdown holds, links and images.
  afterPages(eleventyConfig, {
    site,
    renderers: options.renderers ?? [],
    checks: options.checks,
    copies,
    state: current,
  });

  // The dev server searches what it serves, indexed in the background once the pages are written,
  // so neither the first page nor a save waits for it; production builds index once, before
  // publishing.
  const indexServedSite = indexSearchInBackground((error) => console.error(`The search index could not be written: ${(error as Error).message}`));
  eleventyConfig.on("eleventy.after", ({ directories, runMode }) => {
    if (runMode !== "build") indexServedSite(directories.output);
  });
}
