import { readFileSync } from "node:fs";
import path from "node:path";
import { checkLinks } from "../book/links.js";
import { ContentError } from "../book/problem.js";
import { listServedFiles } from "./served-files.js";
import type { BuildFacts } from "./page-facts.js";
import type { EleventyConfig } from "./paths.js";

/** What Eleventy's `eleventy.after` event reports: the pages it wrote, where, and how it ran. */
export interface AfterBuild {
  results: { inputPath: string; outputPath: string | false; url: string }[];
  dir: { output: string };
  runMode: "build" | "watch" | "serve";
}

/**
 * After each build, checks that every link and image an author wrote reaches a file of the site,
 * and every `#fragment` an id on its page, from the facts gathered while the Markdown rendered.
 * Links the layouts make come from the library and need no check.
 */
export function linkCheck(eleventyConfig: EleventyConfig, facts: () => BuildFacts): void {
  eleventyConfig.on("eleventy.after", async ({ results }: AfterBuild) => {
    const build = facts();
    await build.finished();
    const pages = [...build.pages].map(([url, page]) => ({
      ...page,
      url,
      source: () => readFileSync(path.join(build.inputDir, page.file), "utf8"),
    }));
    const files = new Set(build.generated);
    for (const { url } of results) if (url) files.add(url.endsWith("/") ? `${url}index.html` : url);
    const copies = eleventyConfig.passthroughCopies as Record<string, { outputPath: unknown }>;
    for (const [from, { outputPath }] of Object.entries(copies)) {
      if (typeof outputPath !== "string") continue;
      for (const file of await listServedFiles(from, outputPath)) files.add(file);
    }
    const problems = checkLinks(pages, files);
    if (problems.length > 0) throw new ContentError(problems);
  });
}
