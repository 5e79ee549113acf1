import path from "node:path";
import { runSiteChecks, type Check } from "../book/checks.js";
import type { Book } from "../book/library.js";
import { ContentError } from "../book/problem.js";
import { CACHE_FOLDER } from "../renderers/output-cache.js";
import { libraryData, runRenderers, type RenderContext, type Renderer } from "../renderers/renderer.js";
import { showFileSizes } from "../renderers/file-sizes.js";
import { writeOfflineManifests } from "../renderers/offline-manifests.js";
import type { SiteSettings } from "../site-settings.js";
import type { EleventyConfig } from "./config-types.js";
import type { BuildState, CurrentBuild } from "./build-state.js";
import { makesWholeBookOutputs } from "./build-marks.js";
import { listServedFiles } from "./served-files.js";
import { shownAgainFiles } from "./site-pages.js";

/** What the after-pages step needs. */
export interface AfterPagesOptions {
  site: SiteSettings;
  renderers: readonly Renderer[];
  checks?: readonly Check[];
  /** Folders copied into the site as they are, by source folder. */
  copies: Readonly<Record<string, string>>;
  /** The build running now. */
  builds: CurrentBuild;
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
  const rendered = state.records.all().filter((record) => record.html !== undefined);
  return {
    library: books ? { books: library.books.filter((book) => books.some((b) => b.url === book.url)) } : library,
    html: Object.fromEntries(rendered.map((record) => [record.url, record.html ?? ""])),
    headings: Object.fromEntries(rendered.map((record) => [record.url, record.markdown?.headings ?? []])),
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
    const state = options.builds.current;
    const { facts } = state;
    await facts.pictures.finished();
    const built = facts.built();
    const served = new Set(facts.pictures.generated);
    // Every page of the site, also those the dev server's partial build did not write again.
    for (const url of [...results.map((result) => result.url), ...state.urls])
      if (url) served.add(url.endsWith("/") ? `${url}index.html` : url);
    for (const [from, to] of Object.entries(options.copies)) {
      for (const file of await listServedFiles(from, to)) served.add(file);
    }
    const context = renderContext(state, options.site, directories.output);
    // A build that only checks the content counts the whole-book files without making them: none
    // of them finds a problem the checks below do not (a missing picture is the image check's).
    const outputs = makesWholeBookOutputs(eleventyConfig);
    const renderers = outputs ? options.renderers : options.renderers.filter((renderer) => !renderer.paths);
    for (const renderer of options.renderers)
      if (!renderers.includes(renderer)) for (const file of renderer.paths?.(context) ?? []) served.add(file);
    // Nor does it render the pages that show the chapters again (the feed, the print pages).
    if (!outputs) for (const file of shownAgainFiles(state.content.library.books)) served.add(file);
    const written = await runRenderers(renderers, context, directories.output, served);
    for (const file of written) served.add(file);
    await showFileSizes(directories.output, state.content.library, written);
    // What a reader's browser keeps of each book to read it offline, once its files are final.
    if (state.place.runMode === "build" && outputs) {
      for (const file of await writeOfflineManifests(directories.output, state.content.library, context.cacheDir))
        served.add(file);
    }
    const { content } = state;
    const problems = [
      ...content.problems,
      ...runSiteChecks(
        { ...content.facts, built, served, failedPictures: facts.pictures.failedPictures },
        options.checks,
      ),
    ];
    if (problems.length > 0) throw new ContentError(problems, content.skipped);
  });
}
