import path from "node:path";
import { runSiteChecks, type Check } from "../book/checks.js";
import type { Book } from "../book/library.js";
import { ContentError } from "../book/problem.js";
import { CACHE_FOLDER } from "../renderers/output-cache.js";
import { libraryData, runRenderers, type RenderContext, type Renderer } from "../renderers/renderer.js";
import { showFileSizes } from "../site/file-sizes.js";
import { writeOfflineManifests } from "../site/offline-manifests.js";
import type { SiteSettings } from "../site-settings.js";
import type { EleventyConfig } from "./adapter.js";
import type { BuildState } from "./build-state.js";
import { listServedFiles } from "./served-files.js";

/** What the after-pages step needs. */
export interface AfterPagesOptions {
  site: SiteSettings;
  renderers: readonly Renderer[];
  checks?: readonly Check[];
  /** Folders copied into the site as they are, by source folder. */
  copies: Readonly<Record<string, string>>;
  /** The current build's state. */
  state: () => BuildState;
}

/**
 * What the renderers are handed after a build: its library (or the `books` asked for), each page's
 * HTML, the site, and when each content file last changed.
 */
export function renderContext(
  state: BuildState,
  site: SiteSettings,
  outputDir: string,
  books?: readonly Book[],
): RenderContext {
  const library = libraryData(state.content.library);
  const updated = Object.fromEntries(
    state.content.facts.pages.flatMap((page) => {
      const date = state.lastUpdated(page.file);
      return date ? [[page.file, date.toISOString()]] : [];
    }),
  );
  const published = Object.fromEntries(
    state.content.facts.pages.flatMap((page) => {
      const date = state.firstPublished(page.file);
      return date ? [[page.file, date.toISOString()]] : [];
    }),
  );
  return {
    library: books ? { books: library.books.filter((book) => books.some((b) => b.url === book.url)) } : library,
    html: Object.fromEntries(state.facts.html),
    site,
    runMode: state.place.runMode,
    updated,
    published,
    outputDir,
    ...(state.place.runMode === "build" ? { cacheDir: path.join(state.place.inputDir, CACHE_FOLDER) } : {}),
  };
}

/**
 * After each build's pages are written: runs the whole-book renderers, then the site checks (every
 * link and image an author wrote is allowed and reaches a file of the site, every `#fragment` an id
 * on its page, raw HTML, headings, placeholders), from the facts gathered while the Markdown
 * rendered, and fails the build with their problems and the content checks', all at once, saying
 * what the problems kept from being checked. Links the layouts make come from the library.
 */
export function afterPages(eleventyConfig: EleventyConfig, options: AfterPagesOptions): void {
  eleventyConfig.on("eleventy.after", async ({ results, directories }) => {
    const state = options.state();
    const { facts } = state;
    await facts.finished();
    const built = [...facts.pages].map(([url, page]) => ({ ...page, url }));
    const served = new Set(facts.generated);
    // Every page of the site, also those the dev server's partial build did not write again.
    for (const url of [...results.map((result) => result.url), ...state.urls])
      if (url) served.add(url.endsWith("/") ? `${url}index.html` : url);
    for (const [from, to] of Object.entries(options.copies)) {
      for (const file of await listServedFiles(from, to)) served.add(file);
    }
    const context = renderContext(state, options.site, directories.output);
    const written = await runRenderers(options.renderers, context, directories.output, served);
    for (const file of written) served.add(file);
    await showFileSizes(directories.output, state.content.library, written);
    // What a reader's browser keeps of each book to read it offline, once its files are final.
    if (state.place.runMode === "build") {
      for (const file of await writeOfflineManifests(directories.output, state.content.library)) served.add(file);
    }
    const { content } = state;
    const problems = [
      ...content.problems,
      ...runSiteChecks({ ...content.facts, built, served, failedPictures: facts.failedPictures }, options.checks),
    ];
    if (problems.length > 0) throw new ContentError(problems, content.skipped);
  });
}
