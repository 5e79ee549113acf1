/**
 * The one module that knows Eleventy's shapes: its config API (typed here as far as Minibooks uses
 * it), its collection items, the page data its Markdown renderer is handed, and its programmatic API.
 * Everything else works on the model's types: file paths relative to the content root and URLs.
 */
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readdir, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { MarkdownIt } from "markdown-it";
import { toContentPath } from "./paths.js";

/** The Eleventy versions this plugin is written for. */
export const ELEVENTY_RANGE = ">=3.1.0 <4";

/** How Eleventy runs: one build, or rebuilding on every change. */
export type RunMode = "build" | "watch" | "serve";

/** Eleventy's folders, as its events report them. */
export interface Directories {
  input: string;
  output: string;
}

/** What `eleventy.before` reports. */
export interface BeforeBuild {
  directories: Directories;
  runMode: RunMode;
}

/** What `eleventy.after` reports: the pages written, where, and how Eleventy ran. */
export interface AfterBuild extends BeforeBuild {
  results: { inputPath: string; outputPath: string | false; url: string | false }[];
}

/** A front matter engine: takes the YAML between the `---` lines, returns the data. */
export type FrontMatterEngine = (text: string, options?: { filePath?: string }) => object;

/** The data a template filter may take and return. */
type FilterFunction = (...args: never[]) => unknown;

/** Eleventy's config object, as far as Minibooks uses it (Eleventy 3 ships no TypeScript types). */
export interface EleventyConfig {
  readonly directories: Directories;
  readonly ignores: { add(glob: string): void };
  versionCheck(range: string): void;
  setLayoutsDirectory(dir: string): void;
  setIncludesDirectory(dir: string): void;
  /** Where global data files are read from, relative to the input folder. */
  setDataDirectory(dir: string): void;
  /** Suffixes of template and directory data files (`page.11tydata.js`, `pages/pages.json`); none reads none. */
  setDataFileSuffixes(suffixes: readonly string[]): void;
  /** `expand: true` copies what a symbolic link points at, as bytes, instead of the link. */
  addPassthroughCopy(copies: Record<string, string>, options?: { expand?: boolean }): void;
  setChokidarConfig(options: { awaitWriteFinish: { stabilityThreshold: number; pollInterval: number } }): void;
  addPlugin<Options>(plugin: (eleventyConfig: EleventyConfig, options: Options) => void, options?: Options): void;
  addGlobalData(name: string, value: unknown): void;
  on(event: "eleventy.before", listener: (event: BeforeBuild) => unknown): void;
  on(event: "eleventy.after", listener: (event: AfterBuild) => unknown): void;
  on(event: "eleventy.contentMap", listener: (event: ContentMap) => unknown): void;
  addTransform(name: string, transform: (this: { page: TransformedPage }, content: string) => string): void;
  setFrontMatterParsingOptions(options: { engines: Record<string, FrontMatterEngine> }): void;
  amendLibrary(name: "md", amend: (md: MarkdownIt) => unknown): void;
  /** A preprocessor returns false to leave a page out, a text to render instead of the page's, or nothing. */
  addPreprocessor(
    name: string,
    extensions: string,
    preprocess: (data: PreprocessData, content: string) => unknown,
  ): void;
  addCollection(name: string, collect: (api: CollectionApi) => unknown): void;
  addFilter(name: string, filter: FilterFunction): void;
  addTemplate(name: string, content: string, data: object): void;
}

/** What Eleventy's `eleventy.contentMap` event tells before rendering: each input file's URLs. */
interface ContentMap {
  inputPathToUrl: Record<string, string[]>;
}

/** The page a transform is handed, as far as Minibooks reads it. */
interface TransformedPage {
  url: string | false;
  inputPath: string;
  outputPath: string | false;
}

/**
 * Eleventy pagination over the library's books, one page each, for the books `keep` picks. Pages
 * paginated over a collection render after the pages they gather.
 */
export function paginateBooks<Book>(keep: (books: Book[]) => Book[]): object {
  return { data: "collections.library.books", size: 1, alias: "book", before: keep };
}

/** Eleventy pagination over the library's redirects (the pages' old URLs), one page each. */
export function paginateRedirects(): object {
  return { data: "collections.library.redirects", size: 1, alias: "redirect" };
}

/** The page data a preprocessor is handed, as far as Minibooks reads it. */
export interface PreprocessData {
  draft?: unknown;
  page?: { inputPath?: unknown };
}

/** An item of an Eleventy collection, as far as Minibooks reads one. */
interface CollectionItem {
  url: string | false;
  inputPath: string;
  /** Eleventy's date of the page: its front matter `date`, or else the file's creation time. */
  date?: Date;
  /** The text after the front matter, as Eleventy read it. */
  rawInput?: unknown;
}

/** Eleventy's collection API, as far as Minibooks reads it. */
export interface CollectionApi {
  getAll(): CollectionItem[];
}

/** A content page of the build: its URL and its file relative to the content root. */
export interface PageRef {
  url: string;
  file: string;
  /** The text after the front matter, where Eleventy has read it. */
  body?: string;
  /** The page says `draft: true` (known for a render, where the page's data is at hand). */
  draft?: boolean;
}

/** Every Markdown page Eleventy publishes in this build, drafts left out of production builds. */
export function contentPages(api: CollectionApi, inputDir: string): PageRef[] {
  return api
    .getAll()
    .filter((item) => item.url !== false && item.inputPath.endsWith(".md"))
    .map((item) => ({
      ...toPageRef(item.url as string, item.inputPath, inputDir),
      body: typeof item.rawInput === "string" ? item.rawInput : undefined,
    }));
}

/** The items of Eleventy's collection whose URLs `keep` picks, in Eleventy's order. */
export function itemsAt(api: CollectionApi, keep: (url: string) => boolean): CollectionItem[] {
  return api.getAll().filter((item) => item.url !== false && keep(item.url));
}

/**
 * The page a Markdown render is for, from the environment Eleventy hands markdown-it (the page's
 * data); undefined for anything else markdown-it renders.
 */
export function pageOfRender(env: unknown, inputDir: string): PageRef | undefined {
  const data = env as { page?: { url?: unknown; inputPath?: unknown }; draft?: unknown } | undefined;
  const page = data?.page;
  if (typeof page?.url !== "string" || typeof page.inputPath !== "string") return undefined;
  return { ...toPageRef(page.url, page.inputPath, inputDir), draft: data?.draft === true };
}

function toPageRef(url: string, inputPath: string, inputDir: string): PageRef {
  return { url, file: toContentPath(inputDir, inputPath) };
}

/**
 * A front matter engine for Eleventy's parser that hands `read` the text with its file relative to
 * the content root (undefined when Eleventy names none). Eleventy calls it once per page and build.
 */
export function frontMatterEngine(
  read: (text: string, file: string | undefined) => object,
  inputDir: () => string,
): FrontMatterEngine {
  return (text, options) => read(text, options?.filePath ? toContentPath(inputDir(), options.filePath) : undefined);
}

/** The content file a preprocessor is handed the data of, relative to the content root. */
export function preprocessedFile(data: PreprocessData, inputDir: string): string | undefined {
  return typeof data.page?.inputPath === "string" ? toContentPath(inputDir, data.page.inputPath) : undefined;
}

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
}

/** Builds a site once with Eleventy, quietly: problems are for the caller to report. */
export async function runEleventy({ input, output, configPath, rendered }: RunOptions): Promise<void> {
  const config = (eleventyConfig: EleventyConfig) => {
    quietTimings(eleventyConfig);
    if (rendered) handRenderedPages(eleventyConfig, rendered);
  };
  const eleventy = new Eleventy(input, output, { configPath, quietMode: true, runMode: "build", config });
  eleventy.disableLogger();
  // Eleventy leaves some failures (a transform that throws) as promises no one awaits, and its
  // write never ends: such a failure fails the build, as any other does, instead of the process.
  let stray: (error: unknown) => void = () => undefined;
  const strayFailure = new Promise<never>((_, reject) => {
    stray = reject;
  });
  process.on("unhandledRejection", stray);
  try {
    await Promise.race([eleventy.init(), strayFailure]);
    renderInTurn(eleventy.writer, PAGES_AT_ONCE);
    await Promise.race([eleventy.write(), strayFailure]);
  } finally {
    process.off("unhandledRejection", stray);
  }
}

/** How many input files a production build renders through their layouts and writes at once. */
const PAGES_AT_ONCE = 16;

/**
 * Has Eleventy render and write `limit` input files' pages at a time, in its template map's order,
 * instead of starting every page's layouts at once as its write step does. Every page's Markdown
 * is rendered before that step, so no page waits for another. Each page is then written, and
 * handed to search, soon after its layouts start rather than near the end of the step, and the
 * build holds the unfinished work of a few pages instead of all of them (at 8000 chapters, a peak
 * 110 to 140 MiB lower).
 */
function renderInTurn(writer: Eleventy["writer"], limit: number): void {
  const generate = writer._generateTemplate.bind(writer);
  let running = 0;
  const waiting: (() => void)[] = [];
  writer._generateTemplate = async (...args) => {
    // A file that finishes hands its turn to the next one waiting.
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await generate(...args);
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * Keeps Eleventy's note that a part of its configuration took long ("[11ty] Benchmark ...") out
 * of the build's and the dev server's output: it says the machine was busy or the library large,
 * nothing an author can act on. Quiet mode
 * silences every other such note, but this group is made before quiet mode applies.
 */
function quietTimings(eleventyConfig: EleventyConfig): void {
  const timings = (eleventyConfig as unknown as { benchmarkManager?: { get(group: string): unknown } })
    .benchmarkManager;
  const group = timings?.get("Configuration") as { setIsVerbose?(verbose: boolean): void } | undefined;
  group?.setIsVerbose?.(false);
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

/** Lets the plugin take part in the dev server's builds. */
export function takePartInDevServer(eleventyConfig: EleventyConfig, parts: DevServerParts): void {
  (eleventyConfig as EleventyConfig & { [DEV_SERVER_PARTS]?: DevServerParts })[DEV_SERVER_PARTS] = parts;
}

/** A page of Eleventy's template map, and the template that renders it. */
interface MapPage {
  url: string | false;
  template: TemplateFlags;
}

/** How Eleventy 3.1 marks a template to render and write, or to skip, in an incremental build. */
interface TemplateFlags {
  isDryRun: boolean;
  isRenderable(): boolean;
  isRenderableDisabled(): boolean;
  setRenderableOverride(override: undefined): void;
  setDryRunViaIncremental(dryRun: boolean): void;
  resetCaches(types: { render: boolean }): void;
  /** The page with its layouts and transforms, kept from its last render; its content is kept apart. */
  _cacheRenderedTransformsAndLayoutsPromise?: unknown;
}

/** Eleventy's template map, as far as a partial build touches it: each input file's pages. */
interface TemplateMapEntry {
  inputPath: string;
  template: TemplateFlags;
  _pages?: MapPage[];
}

/**
 * Marks the pages at `urls` (or every page) to be rendered again and written in Eleventy's
 * incremental build, besides those Eleventy picked itself (the saved file, a layout's users).
 * A paginated template's pages are copies of it made for this build, but it writes them itself:
 * when it is switched on for some, each of its other pages is switched off alone.
 */
function writeAlso(entries: readonly TemplateMapEntry[], urls: ReadonlySet<string> | "all"): void {
  const written = (template: TemplateFlags) => template.isRenderable() && !template.isDryRun;
  const picked = (url: string | false) => typeof url === "string" && (urls === "all" || urls.has(url));
  for (const entry of entries) {
    const pages = entry._pages ?? [];
    const wanted = pages.filter((page) => picked(page.url) && !written(page.template));
    if (wanted.length === 0) continue;
    if (!written(entry.template)) {
      for (const page of pages)
        if (!wanted.includes(page) && page.template !== entry.template) page.template.isRenderable = () => false;
      entry.template.setRenderableOverride(undefined);
      entry.template.setDryRunViaIncremental(false);
    }
    for (const page of wanted) {
      page.template.setDryRunViaIncremental(false);
      // A Markdown page's content is its Markdown alone (no template language runs in it): when the
      // page is written again only for what its layouts show of the library, its content as last
      // rendered is kept, and only its layouts run again. Every other page renders anew.
      if (urls !== "all" && entry.inputPath.endsWith(".md"))
        delete page.template._cacheRenderedTransformsAndLayoutsPromise;
      else page.template.resetCaches({ render: true });
    }
  }
}

/** The content files of one change, relative to the content root, when a partial build can take it. */
function pageSaves(queue: readonly string[], inputDir: string): string[] | undefined {
  if (queue.length !== 1 || !queue[0].endsWith(".md")) return undefined;
  // A page deleted (or renamed away) changes lists on other pages: every page is rendered again.
  if (!existsSync(path.resolve(queue[0]))) return undefined;
  const file = toContentPath(path.resolve(inputDir), path.resolve(queue[0]));
  return file.startsWith("..") || path.isAbsolute(file) ? undefined : [file];
}

/** The path functions of Eleventy's utilities that a dev server's rebuild calls most. */
interface PathForms {
  getWorkingDir(): string;
  normalize(thePath: string): string;
  join(...paths: string[]): string;
  absolutePath(...paths: string[]): string;
  relativePath(absolutePath: string): string;
}

let pathFormsKept = false;

/**
 * Keeps the answers of Eleventy's path functions. Each rebuild asks, for every template, whether
 * the saved file is one of its dependencies, and builds the order of the templates; both turn the
 * same paths into working-folder-relative, absolute and normalised forms many thousands of times,
 * about a tenth of a save's time at 1000 pages. The answers depend on the path and the working
 * folder only, so each is computed once per working folder. Eleventy's own copy of its utilities
 * is the one changed.
 */
function keepPathForms(): void {
  if (pathFormsKept) return;
  pathFormsKept = true;
  const fromEleventy = createRequire(import.meta.resolve("@11ty/eleventy"));
  const { TemplatePath } = fromEleventy("@11ty/eleventy-utils") as { TemplatePath: PathForms };
  const keep = <Args extends string[]>(compute: (...args: Args) => string, byFolder: boolean) => {
    let kept = new Map<string, string>();
    let folder = process.cwd();
    return (...args: Args): string => {
      // Anything but paths (Eleventy passes only strings) is left to the function itself.
      if (!args.every((arg) => typeof arg === "string")) return compute(...args);
      if ((byFolder && process.cwd() !== folder) || kept.size >= 100_000) {
        kept = new Map();
        folder = process.cwd();
      }
      const key = args.length === 1 ? args[0] : args.join("\0");
      let answer = kept.get(key);
      if (answer === undefined) {
        answer = compute(...args);
        kept.set(key, answer);
      }
      return answer;
    };
  };
  TemplatePath.getWorkingDir = keep(TemplatePath.getWorkingDir, true);
  TemplatePath.normalize = keep(TemplatePath.normalize, false);
  TemplatePath.join = keep(TemplatePath.join, false);
  TemplatePath.absolutePath = keep(TemplatePath.absolutePath, true);
  TemplatePath.relativePath = keep(TemplatePath.relativePath, true);
}

/** A handler of the dev server's requests, before the site's files are looked for. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => unknown) => unknown;

/** What the dev server needs: folders, where to listen, and who hears how each build ended. */
export interface ServeOptions extends RunOptions {
  port: number;
  host: string;
  /**
   * Called once per failed build with what Eleventy caught, instead of Eleventy's own report, and
   * the URLs of the pages shown as they were at their last good save.
   */
  report: (error: unknown, kept: readonly string[]) => void;
  /** Called once per build that wrote the site with no problem. */
  built?: () => void;
  /** Called with what went wrong in a build that goes on (a file that could not be copied). */
  warn?: (error: unknown) => void;
  /** Handlers of the dev server's own requests, asked before the site's files (once the first build is over). */
  middleware?: readonly Middleware[];
}

/** A running Eleventy dev server. */
export interface ServingEleventy {
  /** The port it listens on (the one asked for, or the one the system gave for 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Builds, watches and serves with Eleventy's dev server, with what Eleventy 3.1 does not do: it
 * listens on `host` only (Eleventy's server listens on every interface), a busy port is an error
 * instead of a silent move to the next, a deleted or renamed page rebuilds the site (Eleventy
 * forgets the file but does not build again), the deleted page's output going with it, a first
 * build that fails leaves the server running, and a failed build leaves nothing behind for the next.
 */
export async function serveEleventy({
  input,
  output,
  configPath,
  port,
  host,
  report,
  built = () => undefined,
  warn = () => undefined,
  middleware = [],
}: ServeOptions): Promise<ServingEleventy> {
  // Folders relative to the working folder, as Eleventy's own command gives them: its watcher then
  // names deleted files as its file list holds them, and leaves the output folder alone.
  const relative = (folder: string) => path.relative(process.cwd(), folder) || ".";
  keepPathForms();
  const written = new Map<string, string>();
  // The server listens while the first build runs and answers once that build is over, its pages
  // written and its problems known (or it failed): never with a page missing or left over from an
  // earlier run, nor before the problems it shows.
  let firstBuilt = () => {};
  const firstBuild = new Promise<void>((resolve) => {
    firstBuilt = resolve;
  });
  const untilBuilt: Middleware = (_request, _response, next) => firstBuild.then(next);
  // The plugin's part in the dev server, once the config (the plugin included) has been read.
  let configured: (EleventyConfig & { [DEV_SERVER_PARTS]?: DevServerParts }) | undefined;
  const parts = () => configured?.[DEV_SERVER_PARTS];
  // After a save of one content page, Eleventy's incremental build renders that page and the plugin
  // names the pages that show what changed; any other change renders every page.
  let partial = false;
  // Whether the build that runs has written its pages (Eleventy's `eleventy.after`), and whether the
  // next one starts afresh because the last one failed before that.
  let pagesWritten = false;
  let afresh = false;
  const events = heldDuringBuilds();
  const eleventy = new Eleventy(relative(input), relative(output), {
    configPath,
    runMode: "serve",
    quietMode: true,
    config: (eleventyConfig) => {
      quietTimings(eleventyConfig);
      const config = eleventyConfig as EleventyConfig & {
        setServerOptions(options: object): void;
        on(event: "eleventy.beforeWatch", listener: (queue: string[]) => unknown): void;
        [DEV_SERVER_PARTS]?: DevServerParts;
      };
      configured = config;
      config.setServerOptions({
        portReassignmentRetryCount: 0,
        messageOnStart: () => false,
        middleware: [
          untilBuilt,
          refuseClimbing,
          ...middleware,
          wholeBookFiles(output, (urlPath) => parts()?.wholeBookFile(urlPath)),
        ],
      });
      config.on("eleventy.after", ({ results }) => {
        pagesWritten = true;
        for (const { inputPath, outputPath } of results)
          if (outputPath) written.set(path.resolve(inputPath), outputPath);
      });
      config.on("eleventy.beforeWatch", (queue) => {
        // Saves made from now until the build is over wait for it (see heldDuringBuilds).
        events.hold();
        const changed = parts() && !afresh ? pageSaves(queue, input) : undefined;
        if (afresh) forgetTemplates(eleventy.writer);
        afresh = false;
        partial = changed !== undefined;
        eleventy.setIncrementalBuild(partial);
        parts()?.starting(changed);
      });
      config.on("eleventy.contentMap", () => {
        const builds = parts();
        if (partial && builds) writeAlso(eleventy.writer.templateMap.map as TemplateMapEntry[], builds.pages());
      });
    },
  });
  const handler = eleventy.errorHandler;
  handler.warn = (error) => warn(error);
  // A build that fails before it writes (Eleventy's own restart, say) must not keep the saves made
  // meanwhile from the next one.
  handler.error = handler.fatal = (error) => {
    report(error, parts()?.kept() ?? []);
    events.release();
  };

  await eleventy.init();
  const serve = eleventy.eleventyServe;
  await serve.init();
  await serve.initServerInstance();
  const http = serve.server.server;
  const listen = http.listen.bind(http);
  // On `host` only, and on the port asked for: Eleventy takes port 0 for its default, 8080, where
  // 0 asks the system for a free port.
  http.listen = ((options: object) => listen({ ...options, host, port })) as typeof http.listen;
  await eleventy.serve(port);
  await serve.server.ready();

  // Every build says how it ended. One that fails before its pages are written may leave Eleventy's
  // templates half made (a template's renderer never set up): the next build makes them anew and
  // renders every page. The first build's failure is reported and the server goes on serving.
  const write = eleventy.write.bind(eleventy);
  let first = true;
  eleventy.write = async () => {
    pagesWritten = false;
    try {
      const result = await write();
      built();
      return result;
    } catch (error) {
      if (!pagesWritten) afresh = true;
      if (!first) throw error;
      // Watching starts from the list of files the build would have made: one that stopped before
      // Eleventy listed them (a file the content may not hold, say) lists them now.
      await eleventy.eleventyFiles.getFiles();
      return undefined;
    } finally {
      first = false;
      firstBuilt();
      events.release();
    }
  };
  let rebuild: (file: string) => Promise<void>;
  try {
    rebuild = await eleventy.watch();
  } catch (error) {
    firstBuilt();
    await eleventy.stopWatch();
    throw error;
  }
  namePathsFromWorkingFolder(eleventy.watcher);
  events.watch(eleventy.watcher);
  const removed = async (file: string) => {
    const stale = written.get(path.resolve(file));
    written.delete(path.resolve(file));
    if (stale) await rm(path.resolve(stale), { force: true });
    await rebuild(file);
  };
  eleventy.watcher.on("unlink", removed);
  eleventy.watcher.on("unlinkDir", removed);

  // Saves are seen once the watcher has looked at every file: the server says it serves only then.
  await watchingEverything(eleventy.watcher, [
    path.join(input, "index.md"),
    path.join(input, "pages"),
    path.join(input, "images"),
    path.resolve(eleventy.directories.includes),
  ]);
  return { port: (http.address() as { port: number }).port, close: () => eleventy.stopWatch() };
}

/** The file events a watcher hands on: those that say a file or folder was saved, added or removed. */
const FILE_EVENTS = new Set(["add", "addDir", "change", "unlink", "unlinkDir"]);

/**
 * Keeps the watcher's file events from Eleventy while a build runs, and hands them on, in order, once
 * it is over. Eleventy answers each event at once, even mid-build, by dropping the layouts and
 * templates it has cached; a build that is using one at that moment fails ("Cannot read properties
 * of undefined (reading 'engine')"), at random, when saves come faster than builds end. Held, the
 * saves of a build's time make the next build, as Eleventy's queue would have made them.
 */
function heldDuringBuilds(): { hold(): void; release(): void; watch(watcher: Eleventy["watcher"]): void } {
  let holding = false;
  const held: (() => void)[] = [];
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const event of held.splice(0)) event();
    },
    watch: (watcher) => {
      const emit = watcher.emit.bind(watcher);
      watcher.emit = (event: string, ...args: unknown[]) => {
        if (!holding || !FILE_EVENTS.has(event)) return emit(event, ...args);
        held.push(() => emit(event, ...args));
        return true;
      };
    },
  };
}

/**
 * Drops Eleventy's templates kept from earlier builds (its writer keeps one per input file, with
 * what it read, its renderer and its rendered content), so the next build makes each anew.
 */
function forgetTemplates(writer: Eleventy["writer"] | undefined): void {
  writer?._templatePathCache?.clear();
}

/** The kinds of whole-book file the dev server makes when asked for, by extension, with their content type. */
const WHOLE_BOOK_TYPES: Record<string, string> = {
  ".epub": "application/epub+zip",
  ".pdf": "application/pdf",
};

/**
 * Answers a request for a file the site does not hold with the whole-book file (an EPUB) a
 * production build would write there, made for the request from the last build.
 */
function wholeBookFiles(
  output: string,
  make: (urlPath: string) => Promise<Uint8Array | undefined> | undefined,
): Middleware {
  return async (request, response, next) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      return next();
    }
    const type = WHOLE_BOOK_TYPES[path.extname(urlPath)];
    if ((request.method !== "GET" && request.method !== "HEAD") || !type) return next();
    if (
      await stat(path.join(output, urlPath)).then(
        () => true,
        () => false,
      )
    )
      return next();
    let bytes: Uint8Array | undefined;
    try {
      bytes = await make(urlPath);
    } catch (error) {
      // The preview keeps serving: the file's failure is said in the terminal and in the answer.
      const why = `${urlPath} could not be made: ${error instanceof Error ? error.message : String(error)}`;
      console.error(`[minibooks] ${why}`);
      response.statusCode = 500;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
      response.end(`${why}\nnpm run build makes it too, and reports every problem at its line.\n`);
      return undefined;
    }
    if (!bytes) return next();
    response.statusCode = 200;
    response.setHeader("Content-Type", type);
    response.setHeader("Content-Length", bytes.byteLength);
    response.end(request.method === "HEAD" ? undefined : bytes);
    return undefined;
  };
}

/**
 * Resolves once the watcher watches each of `targets` (files, and folders with every file in them),
 * or after `limit` ms. chokidar says it is ready once it holds the folders it was given, before it
 * has looked inside them: a page saved in that moment would go unseen, and stay stale until saved
 * again. A folder's own watch (which sees new files) starts just after its files', hence one more
 * look once all are there.
 */
async function watchingEverything(watcher: Eleventy["watcher"], targets: string[], limit = 10_000): Promise<void> {
  const expected = new Map<string, Set<string>>();
  const expect = (file: string) => {
    const folder = path.dirname(file);
    expected.set(folder, (expected.get(folder) ?? new Set()).add(path.basename(file)));
  };
  for (const target of targets) {
    const entries = await readdir(target, { recursive: true, withFileTypes: true }).catch(() => undefined);
    if (!entries) {
      const isFile = await stat(target)
        .then((found) => found.isFile())
        .catch(() => false);
      if (isFile) expect(target);
      continue;
    }
    expected.set(target, expected.get(target) ?? new Set());
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      if (entry.isDirectory()) expected.set(file, expected.get(file) ?? new Set());
      else expect(file);
    }
  }
  const from = watcher.options?.cwd ?? process.cwd();
  const watchesAll = () => {
    const watched = new Map(
      Object.entries(watcher.getWatched()).map(([folder, names]) => [path.resolve(from, folder), new Set(names)]),
    );
    return [...expected].every(([folder, names]) => {
      const seen = watched.get(folder);
      return seen !== undefined && [...names].every((name) => seen.has(name));
    });
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  for (const started = Date.now(); !watchesAll() && Date.now() - started < limit; ) await pause();
  await pause();
}

/**
 * When the layouts lie outside the working folder (a book kept apart from Minibooks' code), Eleventy
 * watches from a common parent folder and its watcher names files relative to that parent, which
 * Eleventy then reads as relative to the working folder: a new file is not found and a deleted one
 * not forgotten. Every event is told with the path relative to the working folder instead.
 */
function namePathsFromWorkingFolder(watcher: Eleventy["watcher"]): void {
  const from = watcher.options?.cwd;
  if (!from) return;
  const emit = watcher.emit.bind(watcher);
  watcher.emit = (event: string, file?: unknown, ...rest: unknown[]) =>
    emit(event, typeof file === "string" ? path.relative(process.cwd(), path.resolve(from, file)) : file, ...rest);
}

/** The messages of an error and the errors Eleventy wrapped it in, outermost first. */
export function errorMessages(error: unknown): string[] {
  const messages: string[] = [];
  for (let e = error; e instanceof Error; e = (e as Error & { originalError?: unknown }).originalError ?? e.cause) {
    messages.push(e.message);
  }
  return messages;
}

/**
 * Answers 400 to a request whose path, once decoded, climbs out of the site (`/..%2fx`): Eleventy's
 * dev server throws on such a path, outside any handler, which would stop the server.
 */
const refuseClimbing: Middleware = (request, response, next) => {
  let segments: string[];
  try {
    segments = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname).split(/[\\/]/);
  } catch {
    segments = [".."];
  }
  if (!segments.includes("..")) return next();
  response.statusCode = 400;
  response.end("Bad request: the path leads out of the site.\n");
  return undefined;
};
