import { rmSync } from "node:fs";
import path from "node:path";
import { servedFile, urlForFile } from "../book/library.js";
import { ContentError } from "../book/problem.js";
import { pagesGone, pagesToRewrite } from "../book/shown-changes.js";
import { contentRootProblems } from "../content/boundary.js";
import { renderAll, type Renderer } from "../renderers/renderer.js";
import type { SiteSettings } from "../site-settings.js";
import { isoDate } from "../view/page-view.js";
import type { RunMode } from "./config-types.js";
import type { DevServerParts } from "./partial-builds.js";
import { renderContext } from "./after-pages.js";
import { BuildState, type CurrentBuild } from "./build-state.js";
import { FEED_URL, SITEMAP_URL } from "./site-page-urls.js";

/**
 * The builds of one Eleventy config, one after another: the one running now, the last one that
 * wrote its pages, and the files the dev server's next build is for. A dev server's build after a
 * save of one page starts from the last build that wrote its pages, and writes the pages that show
 * what changed (see `partialBuild`).
 */
export class Builds implements CurrentBuild {
  #current: BuildState | undefined;
  #written: BuildState | undefined;
  #changed: readonly string[] | undefined;

  /** The state of the build running now. */
  get current(): BuildState {
    if (!this.#current) throw new Error("minibooks: a page was read before the build started.");
    return this.#current;
  }

  /**
   * Starts a build's state. Nothing but content is read or published: a symbolic link that leaves
   * the content, a file under pages/ that is not Markdown, a file under images/ that is not a safe
   * picture stops the build. A partial build looks at the files it is for; the others were looked
   * at before.
   */
  async start(directories: { input: string; output: string }, runMode: RunMode, writesFiles: boolean): Promise<void> {
    const previous = this.#changed ? this.#written : undefined;
    this.#written = undefined;
    const place = { inputDir: directories.input, outputDir: directories.output, runMode, writesFiles };
    const state = await BuildState.start(place, { previous, changed: this.#changed, last: this.#current });
    this.#current = state;
    const problems = await contentRootProblems(directories.input, state.before ? this.#changed : undefined);
    if (problems.length > 0) throw new ContentError(problems);
  }

  /** Notes that the build running now wrote its pages: the next partial build starts from it. */
  wrote(): void {
    this.#written = this.current;
  }

  /** The dev server's part in each build: which pages it writes, which it keeps, whole-book files. */
  devServer(site: SiteSettings, renderers: readonly Renderer[]): DevServerParts {
    return {
      starting: (files) => {
        this.#changed = files;
      },
      pages: () => partialBuild(this.current, this.#changed ?? []),
      kept: () => [...(this.#current?.kept.keys() ?? [])].map(urlForFile),
      wholeBookFile: (urlPath) => wholeBookFile(this.#written, urlPath, site, renderers),
    };
  }
}

/** A whole-book file of the book whose folder holds the path, as a production build writes it. */
async function wholeBookFile(
  build: BuildState | undefined,
  urlPath: string,
  site: SiteSettings,
  renderers: readonly Renderer[],
): Promise<Uint8Array | undefined> {
  const book = build?.built?.books.find((b) => urlPath.startsWith(b.url) && !urlPath.slice(b.url.length).includes("/"));
  if (!build || !book) return undefined;
  const context = renderContext(build, site, build.place.outputDir, [book]);
  // A renderer's name is the extension of the file it makes of a book: only its own is run.
  const extension = urlPath.slice(urlPath.lastIndexOf(".") + 1);
  for (const renderer of renderers.filter((r) => r.name === extension)) {
    const file = (await renderAll(renderer, { ...context, runMode: "build" })).find((f) => f.path === urlPath);
    if (file) return typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content;
  }
  return undefined;
}

/**
 * The pages a partial build writes, besides the saved page: those that show what changed in the
 * library (neighbours' buttons, the book's chapter list and sidebar, the home page's cards, print
 * pages, redirects), the sitemap when a page came or went or a changed page's date did, and the
 * feed when it lists a changed chapter or lists others. Every page when the build has no previous
 * library to compare with. The files and Markdown records of pages gone since are removed.
 */
function partialBuild(build: BuildState, changed: readonly string[]): ReadonlySet<string> | "all" {
  const { before, built: after } = build;
  if (!before || !after) return "all";
  const published = new Set(after.pages.map((page) => page.url));
  build.facts.keepPages((url) => published.has(url));
  // A page gone since (deleted, renamed, its old URL dropped) leaves no file behind.
  for (const url of pagesGone(before, after))
    rmSync(path.join(build.place.outputDir, servedFile(url)), { force: true });
  const urls = changed.map(urlForFile);
  const pages = pagesToRewrite(before, after, urls);
  const day = (date: Date | undefined) => date && isoDate(date);
  const samePages = before.pages.length === published.size && before.pages.every((page) => published.has(page.url));
  if (!samePages || changed.some((file) => day(build.updatedBefore(file)) !== day(build.lastUpdated(file)))) {
    pages.add(SITEMAP_URL);
  }
  const listed = new Set([...build.feed, ...build.feedBefore]);
  if (build.feed.join() !== build.feedBefore.join() || urls.some((url) => listed.has(url))) pages.add(FEED_URL);
  return pages;
}
