import { readFile } from "node:fs/promises";
import { checkLinks, isExternal, isWellFormedExternal, type PageLink } from "../book/links.js";
import { ContentError } from "../book/problem.js";
import { collectIds, listServedFiles } from "./html.js";
import { resolveRelativeUrl } from "./urls.js";
import { toContentPath, type EleventyConfig } from "./paths.js";

/** Where the image pipeline publishes what it generates: /img/ in builds, /.11ty/image/ in the dev server. */
export const GENERATED_IMAGES = ["/img/", "/.11ty/image/"];

/** What Eleventy's `eleventy.after` event reports: the pages it wrote, where, and how it ran. */
export interface AfterBuild {
  results: { inputPath: string; outputPath: string | false; url: string; content: string }[];
  dir: { output: string };
  runMode: "build" | "watch" | "serve";
}

/**
 * Resolves relative links and images against their Markdown file, as GitHub does, and after each
 * build checks that every internal URL reaches a file of the site and every `#fragment` an id.
 * Each URL passes through the transforms in turn: the first remembers it as written, the last
 * records where it ended up.
 */
export function linkCheck(eleventyConfig: EleventyConfig): void {
  const inputDir = () => eleventyConfig.directories.input;
  let links = new Map<string, PageLink[]>(); // by page URL: paginated pages share one input file
  let written = "";
  eleventyConfig.on("eleventy.before", () => {
    links = new Map();
  });

  eleventyConfig.htmlTransformer.addUrlTransform(
    "html",
    (url: string) => {
      written = url;
      // A malformed address would stop later transforms; the check reports it as written.
      return isExternal(url) && !isWellFormedExternal(url) ? "about:invalid" : url;
    },
    { priority: 10 },
  );
  eleventyConfig.htmlTransformer.addUrlTransform(
    "html",
    function (this: { page: { inputPath: string } }, url: string) {
      return resolveRelativeUrl(url, toContentPath(inputDir(), this.page.inputPath));
    },
    { priority: -1 },
  );
  eleventyConfig.htmlTransformer.addUrlTransform(
    "html",
    function (this: { page: { url: string } }, url: string, { tag }: { tag: string }) {
      // Pictures the image pipeline generated come from files it found; there is nothing to check.
      if (GENERATED_IMAGES.some((prefix) => url.startsWith(prefix))) return url;
      const list = links.get(this.page.url) ?? [];
      list.push({ url, written, tag });
      links.set(this.page.url, list);
      return url;
    },
    { priority: -10 },
  );

  eleventyConfig.on("eleventy.after", async ({ results }: AfterBuild) => {
    const pages = await Promise.all(
      results
        .filter((result) => result.outputPath && result.outputPath.endsWith(".html"))
        .map(async (result) => ({
          file: toContentPath(inputDir(), result.inputPath),
          url: result.url,
          source: await readFile(result.inputPath, "utf8").catch(() => undefined),
          links: links.get(result.url) ?? [],
          ids: collectIds(result.content),
        })),
    );
    const files = new Set(
      results.filter((r) => r.url).map((r) => (r.url.endsWith("/") ? `${r.url}index.html` : r.url)),
    );
    const copies = eleventyConfig.passthroughCopies as Record<string, { outputPath: unknown }>;
    for (const [from, { outputPath }] of Object.entries(copies)) {
      if (typeof outputPath !== "string") continue;
      for (const file of await listServedFiles(from, outputPath)) files.add(file);
    }
    const problems = checkLinks(pages, files);
    if (problems.length > 0) throw new ContentError(problems);
  });
}
