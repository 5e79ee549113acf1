import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import minibooks from "./src/eleventy/plugin.js";

const root = path.dirname(fileURLToPath(import.meta.url));

export default function (eleventyConfig: any) {
  const input = eleventyConfig.directories.input ?? ".";
  // Layouts and partials live in layouts/, whichever folder the content is read from.
  const layouts = path.relative(input, path.join(root, "layouts")) || ".";
  eleventyConfig.setLayoutsDirectory(layouts);
  eleventyConfig.setIncludesDirectory(layouts);

  // Only the content is a template: index.md and pages/. Everything else at the top is ignored.
  for (const entry of readdirSync(input, { withFileTypes: true })) {
    if (entry.name === "index.md" || entry.name === "pages" || entry.name === "node_modules") continue;
    eleventyConfig.ignores.add(entry.isDirectory() ? `${entry.name}/**` : entry.name);
  }

  // Pictures and the stylesheet are copied as they are.
  eleventyConfig.addPassthroughCopy({ [path.join(input, "images")]: "images" });
  eleventyConfig.addPassthroughCopy({ [path.join(root, "layouts/assets")]: "assets" });

  // The dev server rebuilds as soon as a save has settled (Eleventy waits 150 ms by default).
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });

  // The book model: order, prev/next, lists, counts and content checks; the site's settings are
  // src/site-settings.ts.
  eleventyConfig.addPlugin(minibooks);

  return {
    templateFormats: ["md", "njk"],
    // Chapters are plain Markdown: no template language runs inside them.
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
