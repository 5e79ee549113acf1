/**
 * The programmatic production build: Eleventy run once, quietly, rendering its pages a few at a
 * time, each content page handed on as soon as it is rendered.
 */
import Eleventy from "@11ty/eleventy";
import type { EleventyConfig } from "./config-types.js";
import { aroundTemplateWrites, leaveErrorsUnreported, quietConfigurationTimings } from "./private-members.js";
import { leaveOutWholeBookOutputs, writeNoFiles } from "./build-marks.js";

/** Takes the content pages (those from Markdown: chapters, book homes, the home page) as they render. */
export interface RenderedPages {
  /** The URLs of every content page, known before rendering starts. */
  expect(urls: Iterable<string>): void;
  /** One content page's URL and finished HTML, as soon as Eleventy has rendered it. */
  add(url: string, html: string): void;
}

/** What a programmatic build needs. */
export interface RunOptions {
  input: string;
  output: string;
  /** The config file. */
  configPath: string;
  /** Handed each content page as soon as it is rendered, while the next ones render. */
  rendered?: RenderedPages;
  /** False to check the content without making the whole-book outputs (an EPUB, a PDF). */
  wholeBookOutputs?: boolean;
  /** False to render every page and write no file of the site: a check reads what it finds while rendering. */
  writeFiles?: boolean;
}

/** Builds a site once with Eleventy, quietly: problems are for the caller to report. */
export async function runEleventy({
  input,
  output,
  configPath,
  rendered,
  wholeBookOutputs,
  writeFiles = true,
}: RunOptions): Promise<void> {
  const config = (eleventyConfig: EleventyConfig) => {
    quietConfigurationTimings(eleventyConfig);
    if (rendered) handRenderedPages(eleventyConfig, rendered);
    if (wholeBookOutputs === false) leaveOutWholeBookOutputs(eleventyConfig);
    if (!writeFiles) writeNoFiles(eleventyConfig);
  };
  const eleventy = new Eleventy(input, output, {
    configPath,
    quietMode: true,
    runMode: "build",
    dryRun: !writeFiles,
    config,
  });
  eleventy.disableLogger();
  leaveErrorsUnreported(eleventy);
  // Eleventy leaves some failures (a transform that throws) as promises no one awaits, and its
  // write never ends: such a failure fails the build, as any other does, instead of the process.
  let stray: (error: unknown) => void = () => undefined;
  const strayFailure = new Promise<never>((_, reject) => {
    stray = reject;
  });
  process.on("unhandledRejection", stray);
  try {
    await Promise.race([eleventy.init(), strayFailure]);
    aroundTemplateWrites(eleventy, inTurn(PAGES_AT_ONCE), { forget: true });
    await Promise.race([eleventy.write(), strayFailure]);
  } finally {
    process.off("unhandledRejection", stray);
  }
}

/** How many input files a production build renders through their layouts and writes at once. */
const PAGES_AT_ONCE = 16;

/**
 * Starts `limit` input files' render-and-write at a time, in the order they are asked for (the
 * template map's), instead of every page's layouts at once as Eleventy's write step does. Every
 * page's Markdown is rendered before that step, so no page waits for another. Each page is then
 * written, and handed to search, soon after its layouts start rather than near the end of the
 * step, and the build holds the unfinished work of a few pages instead of all of them (at 8000
 * chapters, a peak 110 to 140 MiB lower).
 */
function inTurn(limit: number): (generate: () => Promise<unknown>) => Promise<unknown> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (generate) => {
    // A file that finishes hands its turn to the next one waiting.
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await generate();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Hands every content page's HTML to `rendered` as soon as Eleventy has rendered it. */
function handRenderedPages(eleventyConfig: EleventyConfig, rendered: RenderedPages): void {
  const isContent = (inputPath: string) => inputPath.endsWith(".md");
  eleventyConfig.on("eleventy.contentMap", ({ inputPathToUrl }) => {
    rendered.expect(Object.entries(inputPathToUrl).flatMap(([inputPath, urls]) => (isContent(inputPath) ? urls : [])));
  });
  eleventyConfig.addTransform("rendered-pages", function (html) {
    const { url, inputPath, outputPath } = this.page;
    if (
      typeof url === "string" &&
      isContent(inputPath) &&
      typeof outputPath === "string" &&
      outputPath.endsWith(".html")
    ) {
      rendered.add(url, html);
    }
    return html;
  });
}
