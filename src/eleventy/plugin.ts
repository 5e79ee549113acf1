import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import type { Check } from "../book/checks.js";
import { knownFiles, readContent } from "../book/content.js";
import { parseFrontMatter } from "../book/front-matter.js";
import { urlForFile, type Library } from "../book/library.js";
import { isShown, pageReader, siteFrontMatter } from "../book/page.js";
import type { Renderer } from "../renderers/renderer.js";
import { siteSettings, type SiteSettings } from "../site-settings.js";
import { indexSearchInBackground } from "../search/search.js";
import { CONTENT_SECURITY_POLICY } from "../view/security.js";
import { READER_STATUS_LABELS } from "../view/status.js";
import { chapterChanges } from "../view/whats-new.js";
import { contentPages, frontMatterEngine, itemsAt, preprocessedFile } from "./adapter.js";
import { ELEVENTY_RANGE, type CollectionApi, type EleventyConfig } from "./config-types.js";
import { takePartInDevServer } from "./partial-builds.js";
import { afterPages } from "./after-pages.js";
import type { CurrentBuild } from "./build-state.js";
import { Builds } from "./builds.js";
import { addTemplateFilters } from "./filters.js";
import { authorMarkdown } from "./markdown.js";
import { pageFactsPlugin } from "./markdown-facts.js";
import { makesWholeBookOutputs, writesFiles } from "./build-marks.js";
import { FEED_LENGTH, SHOWN_AGAIN, SITE_PAGES } from "./site-pages.js";
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

/** The library of the build running now, made by whichever collection asks first. */
type LibraryOf = (api: CollectionApi) => Promise<Library>;

/**
 * Wires the book model into Eleventy: reads every page once per build, builds the library,
 * fails the build with every problem at once, and hands the library to the layouts.
 */
export default function minibooksPlugin(eleventyConfig: EleventyConfig, options: MinibooksOptions = {}): void {
  eleventyConfig.versionCheck(ELEVENTY_RANGE);
  const site = siteSettings(options.site);
  const copies = options.copies ?? {};
  const renderers = options.renderers ?? [];
  const builds = new Builds();

  // One state per build, made as the build starts; every step below reads the build running now.
  startEachBuild(eleventyConfig, builds);
  // The dev server renders, after a save, the pages that show what changed.
  takePartInDevServer(eleventyConfig, builds.devServer(site, renderers));
  // Site-wide data for the layouts; `custom` is every page's layout unless it names another.
  addSiteData(eleventyConfig, site);
  // Folders copied as they are (pictures, the stylesheet), as bytes: a link is never copied as a
  // link. The link check knows their files.
  for (const [from, to] of Object.entries(copies)) eleventyConfig.addPassthroughCopy({ [from]: to }, { expand: true });
  // Each page's front matter is read once, with limits, into its record.
  readFrontMatterOnce(eleventyConfig, builds, site, options.checks);
  // Each page's Markdown: its links, ids, headings and raw HTML recorded while it renders.
  renderMarkdown(eleventyConfig, builds);
  // Drafts are previewed by the dev server and left out of production builds.
  leaveOutDrafts(eleventyConfig, builds);
  // The library: every book ordered and linked, and the content checks, once per build.
  const library = addLibrary(eleventyConfig, builds, site, options.checks);
  // Lookups and formatting for the layouts.
  addTemplateFilters(eleventyConfig, site, builds);
  // The Atom feed's entries: the last changes to chapters from git.
  addFeed(eleventyConfig, builds, library);
  // Pages every site has: 404, sitemap, the feed, robots.txt and a whole-book page per book for printing.
  // A build that only checks the content leaves out those that show the chapters again.
  for (const [name, data] of Object.entries(SITE_PAGES))
    if (makesWholeBookOutputs(eleventyConfig) || !SHOWN_AGAIN.has(name)) eleventyConfig.addTemplate(name, "", data);
  // Code blocks highlighted at build time.
  eleventyConfig.addPlugin(syntaxHighlight);
  // Whole-book outputs are written once the pages are; then every problem of the build fails it,
  // all reported at once: front matter and books, what each page's Markdown holds, links and images.
  afterPages(eleventyConfig, { site, renderers, checks: options.checks, copies, builds });
  // The dev server searches what it serves, indexed in the background once the pages are written.
  indexServedSite(eleventyConfig);
}

/** Starts each build's state, notes every URL of the site once Eleventy knows them, and when the pages are written. */
function startEachBuild(eleventyConfig: EleventyConfig, builds: Builds): void {
  eleventyConfig.on("eleventy.before", ({ directories, runMode }) =>
    builds.start(directories, runMode, writesFiles(eleventyConfig)),
  );
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }) => {
    for (const urls of Object.values(inputPathToUrl)) for (const url of urls) builds.current.urls.add(url);
  });
  eleventyConfig.on("eleventy.after", () => builds.wrote());
}

/** The data every layout may read: the site's settings, the default layout, status labels and the CSP. */
function addSiteData(eleventyConfig: EleventyConfig, site: SiteSettings): void {
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("layout", "custom");
  eleventyConfig.addGlobalData("statusLabels", READER_STATUS_LABELS);
  eleventyConfig.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);
}

/**
 * Front matter is read with limits (size, no aliases), and only the keys the schema knows reach
 * Eleventy; front matter in JavaScript never runs. Eleventy hands each page's front matter text to
 * this engine once per build; it is parsed there, once, into the page's record, which the library
 * reads. Problems, YAML syntax included, are reported with every other problem of the build. The
 * dev server shows a page whose front matter stops reading as it was at its last good save, body
 * included, and says so.
 */
function readFrontMatterOnce(
  eleventyConfig: EleventyConfig,
  builds: CurrentBuild,
  site: SiteSettings,
  checks: readonly Check[] | undefined,
): void {
  const notRun = () => ({});
  // A saved file is judged by the checks the build runs, over that file alone.
  const judge = pageReader({ categories: site.categories, checks });
  const read = (text: string, file: string | undefined) =>
    // Layouts are ours; only content pages are limited to the schema's keys.
    file?.endsWith(".md")
      ? builds.current.readFrontMatter(file, text, judge)
      : (parseFrontMatter(file ?? "", text, 1).data ?? {});
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: frontMatterEngine(read, () => builds.current.place.inputDir),
      javascript: notRun,
      jsLegacy: notRun,
    },
  });
  eleventyConfig.addPreprocessor("last-good-save", "md", (data) => {
    const build = builds.current;
    const file = preprocessedFile(data, build.place.inputDir);
    const kept = file === undefined ? undefined : build.keptPage(file, judge);
    if (!kept) return undefined;
    // A file without front matter reached no engine: its data is the last good save's too.
    Object.assign(data, siteFrontMatter(kept.values));
    // Eleventy keeps the content as it read it when handed an empty text.
    return kept.body || "\n";
  });
}

/**
 * Headings get stable ids and a visible link to themselves; alerts, footnotes, and tables and
 * code blocks in scrollable regions; relative links and images resolve against the Markdown file;
 * local images become responsive pictures; each page's links, ids, headings and raw HTML are
 * recorded while it renders; table alignment becomes classes, as the CSP allows no inline style.
 */
function renderMarkdown(eleventyConfig: EleventyConfig, builds: CurrentBuild): void {
  eleventyConfig.amendLibrary("md", (md) =>
    md
      .use(authorMarkdown)
      .use(pageFactsPlugin, () => builds.current.facts)
      .use(styleClassesPlugin),
  );
}

/** Drafts are previewed by the dev server and left out of production builds, noted so links to them say so. */
function leaveOutDrafts(eleventyConfig: EleventyConfig, builds: CurrentBuild): void {
  eleventyConfig.addPreprocessor("drafts", "md", (data) => {
    const build = builds.current;
    if (!isShown(data, build.place.runMode !== "build")) {
      const file = preprocessedFile(data, build.place.inputDir);
      if (file) build.facts.drafts.set(urlForFile(file), file);
      return false;
    }
  });
}

/**
 * The library: every book ordered and linked, and the content checks, once per build, whichever
 * collection asks first, from each page's record: its front matter as Eleventy read it, and its
 * body. Drafts reach it only when the dev server previews them. Problems are reported once the
 * pages have rendered, with theirs.
 */
function addLibrary(
  eleventyConfig: EleventyConfig,
  builds: CurrentBuild,
  site: SiteSettings,
  checks: readonly Check[] | undefined,
): LibraryOf {
  const library: LibraryOf = (api) =>
    builds.current.library(async (build) => {
      const pages = contentPages(api, build.place.inputDir);
      const sources = await Promise.all(pages.map(({ file, body }) => build.sourceOf(file, body)));
      const content = readContent(sources, {
        categories: site.categories,
        drafts: true,
        checks,
        draftsLeftOut: build.facts.drafts,
        known: build.knownFiles(),
      });
      build.noteKnown(knownFiles(sources, content.facts.files));
      build.rememberGood(sources, content.facts.files);
      return content;
    });
  eleventyConfig.addCollection("library", library);
  return library;
}

/**
 * The Atom feed's entries (layouts/feed.njk): the last changes to chapters from git (added,
 * changed, retitled), each dated by its commit (as "Last updated" is), so two clones of one commit
 * write the same feed; without history, each chapter once, at its last change. The collection is
 * the chapters, which the feed renders after.
 */
function addFeed(eleventyConfig: EleventyConfig, builds: CurrentBuild, library: LibraryOf): void {
  eleventyConfig.addCollection("chapters", async (api) => {
    const { books, chapterAt } = await library(api);
    const build = builds.current;
    const chapters = books.flatMap((book) => book.chapters);
    const changes = chapterChanges(chapters, build.history, (file) => build.lastUpdated(file));
    build.feedChanges = changes.slice(0, FEED_LENGTH);
    build.feed = [...new Set(build.feedChanges.map((change) => change.chapter.url))];
    return itemsAt(api, (url) => chapterAt(url) !== undefined);
  });
}

/**
 * The dev server searches what it serves, indexed in the background once the pages are written,
 * so neither the first page nor a save waits for it; production builds index once, before
 * publishing.
 */
function indexServedSite(eleventyConfig: EleventyConfig): void {
  const index = indexSearchInBackground((error) =>
    console.error(`The search index could not be written: ${error instanceof Error ? error.message : String(error)}`),
  );
  eleventyConfig.on("eleventy.after", ({ directories, runMode }) => {
    if (runMode !== "build") index(directories.output);
  });
}
