/**
 * The dev server's partial builds: after a save of one content page, that page and the pages the
 * plugin names are rendered and written, and every other page is left as the previous build wrote it.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "./config-types.js";
import { toContentPath } from "./paths.js";
import type { TemplateFile } from "./private-members.js";

/**
 * How the plugin takes part in the dev server: after a save of one content page (or its deletion),
 * the dev server renders that page and the pages the plugin names, and leaves every other page as
 * the previous build wrote it. Any other change (a layout, a picture, the stylesheet, several files
 * at once) and the first build after one that failed build every page. The plugin also names the
 * pages it shows as at their last good save, and makes whole-book files when they are asked for.
 */
export interface DevServerParts {
  /**
   * Called before each of the dev server's rebuilds with the content files it is for, relative to
   * the content root, when it renders only what they change; `undefined` when it renders every page.
   */
  starting(changed: readonly string[] | undefined): void;
  /**
   * The URLs of the pages a partial build writes besides the saved page; asked once the
   * collections (the library) are built and before any page renders.
   */
  pages(): ReadonlySet<string> | "all";
  /** The URLs of the pages the current build shows as they were at their last good save. */
  kept(): readonly string[];
  /**
   * A whole-book file (an EPUB) of the last build, made when it is asked for, by its URL path;
   * undefined when the site makes no file at that path.
   */
  wholeBookFile(urlPath: string): Promise<Uint8Array | undefined>;
}

const DEV_SERVER_PARTS = Symbol("minibooks dev server parts");

/** The config object as the plugin and the dev server share it: the plugin's parts ride on it. */
type SharedConfig = EleventyConfig & { [DEV_SERVER_PARTS]?: DevServerParts };

/** Lets the plugin take part in the dev server's builds. */
export function takePartInDevServer(eleventyConfig: SharedConfig, parts: DevServerParts): void {
  eleventyConfig[DEV_SERVER_PARTS] = parts;
}

/** The plugin's part in the dev server, once the config (the plugin included) has been read. */
export function devServerParts(eleventyConfig: SharedConfig | undefined): DevServerParts | undefined {
  return eleventyConfig?.[DEV_SERVER_PARTS];
}

/**
 * Marks the pages at `urls` (or every page) to be rendered again and written in Eleventy's
 * incremental build, besides those Eleventy picked itself (the saved file, a layout's users).
 * A paginated template's pages are copies of it made for this build, but it writes them itself:
 * when it is switched on for some, each of its other pages is switched off alone.
 */
export function writeAlso(files: readonly TemplateFile[], urls: ReadonlySet<string> | "all"): void {
  const picked = (url: string | false) => typeof url === "string" && (urls === "all" || urls.has(url));
  for (const file of files) {
    const wanted = file.pages.filter((page) => picked(page.url) && !page.written());
    if (wanted.length === 0) continue;
    if (!file.written()) {
      for (const page of file.pages) if (!wanted.includes(page) && !page.ownTemplate) page.skip();
      file.write();
    }
    // A Markdown page's content is its Markdown alone (no template language runs in it): when the
    // page is written again only for what its layouts show of the library, its content as last
    // rendered is kept, and only its layouts run again. Every other page renders anew.
    const content = urls !== "all" && file.inputPath.endsWith(".md") ? "kept" : "anew";
    for (const page of wanted) page.write(content);
  }
}

/** The content files of one change, relative to the content root, when a partial build can take it. */
export function pageSaves(queue: readonly string[], inputDir: string): string[] | undefined {
  if (queue.length !== 1 || !queue[0].endsWith(".md")) return undefined;
  // A page deleted (or renamed away) changes lists on other pages: every page is rendered again.
  if (!existsSync(path.resolve(queue[0]))) return undefined;
  const file = toContentPath(path.resolve(inputDir), path.resolve(queue[0]));
  return file.startsWith("..") || path.isAbsolute(file) ? undefined : [file];
}
