import { readdirSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "./src/eleventy/adapter.js";
import minibooks from "./src/eleventy/plugin.js";
import { REPO_ROOT as root } from "./src/repo.js";
import { epubRenderer } from "./src/renderers/epub.js";
import { pdfRenderer } from "./src/renderers/pdf.js";

/** The kinds of template: Markdown content, nunjucks layouts. */
const TEMPLATE_FORMATS = ["md", "njk"];

/**
 * Options Eleventy reads from the config's return value, made afresh for each build: Eleventy
 * merges into what it is given, so one object kept between builds in one process (the dev server
 * after a config change, the tests) would grow with every build.
 */
function options() {
  return {
    templateFormats: [...TEMPLATE_FORMATS],
    // Chapters are plain Markdown: no template language runs inside them.
    markdownTemplateEngine: false as const,
    htmlTemplateEngine: "njk",
  };
}

/** The site's Eleventy config; the site's settings are src/site-settings.ts. */
export default function (eleventyConfig: EleventyConfig) {
  const input = eleventyConfig.directories.input ?? ".";
  // Layouts and partials live in layouts/, whichever folder the content is read from.
  const layouts = path.relative(input, path.join(root, "layouts")) || ".";
  eleventyConfig.setLayoutsDirectory(layouts);
  eleventyConfig.setIncludesDirectory(layouts);

  // Only the content is a template: index.md and the Markdown of pages/. Everything else at the top
  // is ignored, and a template of another kind in pages/ is never run (the check names it).
  for (const entry of readdirSync(input, { withFileTypes: true })) {
    if (entry.name === "index.md" || entry.name === "pages" || entry.name === "node_modules") continue;
    eleventyConfig.ignores.add(entry.isDirectory() ? `${entry.name}/**` : entry.name);
  }
  for (const format of TEMPLATE_FORMATS) if (format !== "md") eleventyConfig.ignores.add(`pages/**/*.${format}`);

  // No data file in the content is read or run: a page's data is its front matter, checked by the
  // schema. The site's own data comes from the plugin; layouts/_data does not exist.
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setDataDirectory(path.join(layouts, "_data"));

  // The dev server rebuilds as soon as a save has settled (Eleventy waits 150 ms by default).
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });

  // The book model: order, prev/next, lists, counts, checks and whole-book outputs (an EPUB and a
  // typeset PDF of every book). Pictures and the stylesheet are copied as they are; the service
  // worker of offline reading goes at the top of the site, so that it may answer for every page.
  eleventyConfig.addPlugin(minibooks, {
    copies: {
      [path.join(input, "images")]: "images",
      [path.join(root, "layouts/assets")]: "assets",
      [path.join(root, "layouts/assets/sw.js")]: "sw.js",
    },
    renderers: [epubRenderer, pdfRenderer],
  });

  return options();
}
