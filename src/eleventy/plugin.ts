import { rmSync } from "node:fs";
import path from "node:path";
import syntaxHighlight from "@11ty/eleventy-plugin-syntaxhighlight";
import { knownFiles, readContent } from "../book/content.js";
import { contentRootProblems } from "../content/boundary.js";
import type { Check } from "../book/checks.js";
import { parseFrontMatter } from "../book/front-matter.js";
import { ContentError } from "../book/problem.js";
import { servedFile, urlForFile } from "../book/library.js";
import { pageReader, siteFrontMatter } from "../book/page.js";
import { pagesGone, pagesToRewrite } from "../book/shown-changes.js";
import type { Renderer } from "../renderers/renderer.js";
import { siteSettings, type SiteSettings } from "../site-settings.js";
import { indexSearchInBackground } from "../site/search.js";
import { CONTENT_SECURITY_POLICY } from "../site/security.js";
import { isoDate } from "../view/page-view.js";
import { READER_STATUS_LABELS } from "../view/status.js";
import { chapterChanges } from "../view/whats-new.js";
import {
  ELEVENTY_RANGE,
  contentPages,
  frontMatterEngine,
  itemsAt,
  preprocessedFile,
  takePartInDevServer,
  type CollectionApi,
  type EleventyConfig,
} from "./adapter.js";
import { afterPages, renderContext } from "./after-pages.js";
import { BuildState } from "./build-state.js";
import { addTemplateFilters } from "./filters.js";
import { authorMarkdown } from "./markdown.js";
import { pageFactsPlugin } from "./page-facts.js";
import { FEED_LENGTH, FEED_URL, SITE_PAGES, SITEMAP_URL } from "./site-pages.js";
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

  // One state per build, made as the build starts; everything below reads the current one. A dev
  // server's build after a save of one page starts from the last build that wrote its pages, and
  // writes the pages that show what changed (see `partialBuild`).
  let state: BuildState | undefined;
  let written: BuildState | undefined;
  let changed: readonly string[] | undefined;
  eleventyConfig.on("eleventy.before", async ({ directories, runMode }) => {
    const previous = changed ? written : undefined;
    written = undefined;
    const place = { inputDir: directories.input, outputDir: directories.output, runMode };
    state = await BuildState.start(place, { previous, changed, last: state });
    // Nothing but content is read or published: a symbolic link that leaves the content, a file
    // under pages/ that is not Markdown, a file under images/ that is not a safe picture stops the
    // build. A partial build looks at the files it is for; the others were looked at before.
    const problems = await contentRootProblems(directories.input, state.before ? changed : undefined);
    if (problems.length > 0) throw new ContentError(problems);
  });
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }) => {
    for (const urls of Object.values(inputPathToUrl)) for (const url of urls) current().urls.add(url);
  });
  eleventyConfig.on("eleventy.after", () => {
    written = current();
  });
  const current = (): BuildState => {
    if (!state) throw new Error("minibooks: a page was read before the build started.");
    return state;
  };
  takePartInDevServer(eleventyConfig, {
    starting: (files) => {
      changed = files;
    },
    pages: () => partialBuild(current(), changed ?? []),
    kept: () => [...(state?.kept.keys() ?? [])].map(urlForFile),
    // A whole-book file of the book whose folder holds the path, as a production build writes it.
    wholeBookFile: async (urlPath) => {
      const build = written;
      const book = build?.built?.books.find(
        (b) => urlPath.startsWith(b.url) && !urlPath.slice(b.url.length).includes("/"),
      );
      if (!build || !book) return undefined;
      const context = renderContext(build, site, build.place.outputDir, [book]);
      // A renderer's name is the extension of the file it makes of a book: only its own is run.
      const extension = urlPath.slice(urlPath.lastIndexOf(".") + 1);
      for (const renderer of (options.renderers ?? []).filter((r) => r.name === extension)) {
        const file = (await renderer.render({ ...context, runMode: "build" })).find((f) => f.path === urlPath);
        if (file) return typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content;
      }
      return undefined;
    },
  });

  // Site-wide data for the layouts; `custom` is every page's layout unless it names another.
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("layout", "custom");
  eleventyConfig.addGlobalData("statusLabels", READER_STATUS_LABELS);
  eleventyConfig.addGlobalData("contentSecurityPolicy", CONTENT_SECURITY_POLICY);

  // Folders copied as they are (pictures, the stylesheet), as bytes: a link is never copied as a
  // link. The link check knows their files.
  for (const [from, to] of Object.entries(copies)) eleventyConfig.addPassthroughCopy({ [from]: to }, { expand: true });

  // Front matter is read with limits (size, no aliases), and only the keys the schema knows reach
  // Eleventy; front matter in JavaScript never runs. Eleventy hands each page's front matter text to
  // this engine once per build; the build state keeps it for the library. Problems, YAML syntax
  // included, are reported with every other problem of the build. The dev server shows a page
  // whose front matter stops reading as it was at its last good save, body included, and says so.
  const notRun = () => ({});
  const judge = pageReader({ categories: site.categories });
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: frontMatterEngine(
        (text, file) => {
          const parsed = parseFrontMatter(file ?? "", text, 1);
          // Layouts are ours; only content pages are limited to the schema's keys.
          if (!file?.endsWith(".md")) return parsed.data ?? {};
          const build = current();
          const kept = build.keep(file, text, judge);
          if (kept) {
            build.facts.bodyStarts.set(file, kept.bodyStart);
            return siteFrontMatter(kept.values);
          }
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
  eleventyConfig.addPreprocessor("last-good-save", "md", (data) => {
    const build = current();
    const file = preprocessedFile(data, build.place.inputDir);
    const kept = file === undefined ? undefined : build.keptPage(file, judge);
    if (!kept) return undefined;
    // A file without front matter reached no engine: its data is the last good save's too.
    Object.assign(data, siteFrontMatter(kept.values));
    // Eleventy keeps the content as it read it when handed an empty text.
    return kept.body || "\n";
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
        pages.map(async ({ file, body }) => {
          const text = await build.source(file, body);
          const badByte = await build.badByte(file, text);
          return badByte ? { file, text, badByte } : { file, text };
        }),
      );
      // Drafts reach this point only when the dev server previews them. Problems are reported once
      // the pages have rendered, with theirs.
      const content = readContent(sources, {
        categories: site.categories,
        drafts: true,
        checks: options.checks,
        draftsLeftOut: build.facts.drafts,
        known: build.known,
      });
      build.known = knownFiles(sources, content.facts.files);
      build.rememberGood(sources, content.facts.files);
      return content;
    });
  eleventyConfig.addCollection("library", library);

  // Lookups and formatting for the layouts.
  addTemplateFilters(eleventyConfig, site, current);

  // The Atom feed's entries (layouts/feed.njk): the last changes to chapters from git (added,
  // changed, retitled), each dated by its commit (as "Last updated" is), so two clones of one commit
  // write the same feed; without history, each chapter once, at its last change. The collection is
  // the chapters, which the feed renders after.
  eleventyConfig.addCollection("chapters", async (api) => {
    const { books, chapterAt } = await library(api);
    const build = current();
    const chapters = books.flatMap((book) => book.chapters);
    build.feedChanges = chapterChanges(chapters, build.history, (file) => build.lastUpdated(file)).slice(
      0,
      FEED_LENGTH,
    );
    build.feed = [...new Set(build.feedChanges.map((change) => change.chapter.url))];
    return itemsAt(api, (url) => chapterAt(url) !== undefined);
  });

  // Pages every site has: 404, sitemap, the feed, robots.txt and a whole-book page per book for printing.
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
  const indexServedSite = indexSearchInBackground((error) =>
    console.error(`The search index could not be written: ${(error as Error).message}`),
  );
  eleventyConfig.on("eleventy.after", ({ directories, runMode }) => {
    if (runMode !== "build") indexServedSite(directories.output);
  });
}

/**
 * The pages a partial build writes, besides the saved page: those that show what changed in the
 * library (neighbours' buttons, the book's chapter list and sidebar, the home page's cards, print
 * pages, redirects), the sitemap when a page came or went or a changed page's date did, and the
 * feed when it lists a changed chapter or lists others. Every page when the build has no previous
 * library to compare with. The files and facts of pages gone since are removed.
 */
function partialBuild(build: BuildState, changed: readonly string[]): ReadonlySet<string> | "all" {
  const { before, built: after } = build;
  if (!before || !after) return "all";
  const published = new Set(after.pages.map((page) => page.url));
  build.facts.keepPages((url) => published.has(url));
  // A page gone since (deleted, renamed, its old URL dropped) leaves no file behind.
  for (const url of pagesGone(before, after))
    rmSync(path.join(build.place.outputDir, servedFile(url)), { force: true });
  const urls = changed.map(urlForFile);
  const pages = pagesToRewrite(before, after, urls);
  const day = (date: Date | undefined) => date && isoDate(date);
  const samePages = before.pages.length === published.size && before.pages.every((page) => published.has(page.url));
  if (!samePages || changed.some((file) => day(build.updatedBefore(file)) !== day(build.lastUpdated(file)))) {
    pages.add(SITEMAP_URL);
  }
  const listed = new Set([...build.feed, ...build.feedBefore]);
  if (build.feed.join() !== build.feedBefore.join() || urls.some((url) => listed.has(url))) pages.add(FEED_URL);
  return pages;
}
