import { readFileSync } from "node:fs";
import path from "node:path";
import { runSiteChecks, type Check } from "../book/checks.js";
import type { ContentResult } from "../book/content.js";
import { ContentError } from "../book/problem.js";
import { libraryData, runRenderers, type Renderer } from "../renderers/renderer.js";
import type { SiteSettings } from "../site-settings.js";
import { listServedFiles } from "./served-files.js";
import type { BuildFacts } from "./page-facts.js";
import type { EleventyConfig } from "./paths.js";

/** What Eleventy's `eleventy.after` event reports: the pages it wrote, where, and how it ran. */
export interface AfterBuild {
  results: { inputPath: string; outputPath: string | false; url: string }[];
  /** Eleventy's folders, normalised (the event's `dir` is the config's, not the build's). */
  directories: { output: string };
  runMode: "build" | "watch" | "serve";
}

/** What the after-pages step needs of the build. */
export interface AfterPagesOptions {
  site: SiteSettings;
  renderers: readonly Renderer[];
  checks?: readonly Check[];
  /** The facts the build's Markdown gathered. */
  facts: () => BuildFacts;
  /** The build's library and the facts its content checks looked at. */
  content: () => ContentResult;
}

/**
 * After each build's pages are written: runs the whole-book renderers, then the site checks (every
 * link and image an author wrote reaches a file of the site, every `#fragment` an id on its page),
 * from the facts gathered while the Markdown rendered. Links the layouts make come from the library.
 */
export function afterPages(eleventyConfig: EleventyConfig, options: AfterPagesOptions): void {
  eleventyConfig.on("eleventy.after", async ({ results, directories }: AfterBuild) => {
    const build = options.facts();
    const content = options.content();
    await build.finished();
    const built = [...build.pages].map(([url, page]) => ({
      ...page,
      url,
      source: () => readFileSync(path.join(build.inputDir, page.file), "utf8"),
    }));
    const served = new Set(build.generated);
    for (const { url } of results) if (url) served.add(url.endsWith("/") ? `${url}index.html` : url);
    const copies = eleventyConfig.passthroughCopies as Record<string, { outputPath: unknown }>;
    for (const [from, { outputPath }] of Object.entries(copies)) {
      if (typeof outputPath !== "string") continue;
      for (const file of await listServedFiles(from, outputPath)) served.add(file);
    }
    const context = {
      library: libraryData(content.library),
      html: Object.fromEntries(build.html),
      site: options.site,
    };
    for (const file of await runRenderers(options.renderers, context, directories.output, served)) served.add(file);
    const problems = runSiteChecks({ ...content.facts, built, served }, options.checks);
    if (problems.length > 0) throw new ContentError(problems);
  });
}
