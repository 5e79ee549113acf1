/**
 * Eleventy's config API, typed as far as Minibooks uses it (Eleventy 3 ships no TypeScript types),
 * and the data its events, transforms, preprocessors and collections hand the plugin.
 */
import type { MarkdownIt } from "markdown-it";

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

/** Eleventy's config object, as far as Minibooks uses it. */
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
  /** Options of the dev server (@11ty/eleventy-dev-server): its middleware, its port, its start message. */
  setServerOptions(options: object): void;
  addPlugin<Options>(plugin: (eleventyConfig: EleventyConfig, options: Options) => void, options?: Options): void;
  addGlobalData(name: string, value: unknown): void;
  on(event: "eleventy.before", listener: (event: BeforeBuild) => unknown): void;
  on(event: "eleventy.after", listener: (event: AfterBuild) => unknown): void;
  on(event: "eleventy.contentMap", listener: (event: ContentMap) => unknown): void;
  /** Before each rebuild of a watching Eleventy, with the files changed since the last build. */
  on(event: "eleventy.beforeWatch", listener: (queue: string[]) => unknown): void;
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
export interface ContentMap {
  inputPathToUrl: Record<string, string[]>;
}

/** The page a transform is handed, as far as Minibooks reads it. */
export interface TransformedPage {
  url: string | false;
  inputPath: string;
  outputPath: string | false;
}

/** The page data a preprocessor is handed, as far as Minibooks reads it. */
export interface PreprocessData {
  draft?: unknown;
  page?: { inputPath?: unknown };
}

/** An item of an Eleventy collection, as far as Minibooks reads one. */
export interface CollectionItem {
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
