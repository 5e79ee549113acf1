// Plain JavaScript, so bare Eleventy's own command runs it as an Eleventy user's project would.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Book slugs of a content folder: top-level files of pages/ that are not chapters. */
function bookSlugs(input) {
  return readdirSync(path.join(input, "pages"))
    .filter((name) => name.endsWith(".md") && !name.includes("-chapter-"))
    .map((name) => name.replace(/\.md$/, ""));
}

/**
 * The benchmark's baseline: bare Eleventy 3 on the same Markdown, with one nunjucks layout,
 * a collection per book sorted by chapter number, and Eleventy's own prev/next filters.
 */
export default function baselineConfig(eleventyConfig) {
  const input = eleventyConfig.directories.input ?? ".";
  eleventyConfig.setLayoutsDirectory(path.relative(input, path.join(here, "layouts")));
  eleventyConfig.addGlobalData("layout", "page.njk");
  eleventyConfig.addLayoutAlias("home", "page.njk");
  eleventyConfig.addPassthroughCopy({ [path.join(input, "images")]: "images" });

  for (const slug of bookSlugs(input)) {
    eleventyConfig.addCollection(`book:${slug}`, (collectionApi) =>
      collectionApi
        .getAll()
        .filter((item) => item.data.book === slug)
        .sort((a, b) => a.data.chapter - b.data.chapter),
    );
  }

  return {
    templateFormats: ["md"],
    // The same choice as Minibooks: no template language inside Markdown.
    markdownTemplateEngine: false,
    htmlTemplateEngine: "njk",
  };
}
