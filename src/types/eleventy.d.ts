/** The parts of Eleventy 3's programmatic API this project calls. */
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    /** A config function applied on top of (or instead of) a config file. */
    config?: (eleventyConfig: import("../eleventy/adapter.js").EleventyConfig) => unknown;
  }
  /** How Eleventy reports a failed build; each method may be replaced. */
  export interface ErrorHandler {
    error(error: unknown, message?: string): void;
    fatal(error: unknown, message?: string): void;
    warn(error: unknown, message?: string): void;
  }
  /** Eleventy's wrapper around its dev server. */
  export interface EleventyServe {
    init(): Promise<void>;
    initServerInstance(): Promise<void>;
    /** The dev server (@11ty/eleventy-dev-server), whose `server` is the Node HTTP server. */
    server: { server: import("node:http").Server; ready(): Promise<void> };
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
    init(): Promise<void>;
    /** Builds, then watches; resolves to the function that rebuilds after a change to a file. */
    watch(): Promise<(file: string) => Promise<void>>;
    /** The file watcher (chokidar), once `watch()` resolved. */
    watcher: {
      on(event: "add" | "change" | "unlink" | "unlinkDir", listener: (file: string) => void): void;
      on(event: "ready", listener: () => void): void;
      emit(event: string, ...args: unknown[]): boolean;
      /** Each watched folder (relative to `options.cwd` when set) with the names watched in it. */
      getWatched(): Record<string, string[]>;
      readonly options?: { cwd?: string };
    };
    /** The project's folders, as configured: `includes` holds the layouts. */
    readonly directories: { includes: string };
    /** Whether a rebuild renders only what the changed file affects (an incremental build). */
    setIncrementalBuild(incremental: boolean): void;
    /**
     * The current build's writer: its template map holds each input file's pages, once read;
     * `_generateTemplate` renders and writes one input file's pages, and the write step starts it
     * for every file at once.
     */
    readonly writer: {
      templateMap: { map: unknown[] };
      _generateTemplate(...args: unknown[]): Promise<unknown>;
      /** Each input file's template, kept from build to build (the same map for every writer). */
      _templatePathCache?: Map<string, unknown>;
    };
    /** The input files of the build: `getFiles()` lists them, and watching starts from that list. */
    readonly eleventyFiles: { getFiles(): Promise<unknown> };
    serve(port: number): Promise<void>;
    stopWatch(): Promise<void>;
    readonly eleventyServe: EleventyServe;
    readonly errorHandler: ErrorHandler;
  }
}

declare module "@11ty/eleventy-plugin-syntaxhighlight" {
  const syntaxHighlight: (eleventyConfig: unknown, options?: object) => void;
  export default syntaxHighlight;
}

declare module "@11ty/eleventy-img" {
  /** One generated file of a picture. */
  interface ImageEntry {
    url: string;
    width: number;
    height: number;
  }
  export type Metadata = Record<string, ImageEntry[]>;
  /** Generates a picture's files; resolves to their metadata. */
  function Image(src: string, options?: object): Promise<Metadata>;
  namespace Image {
    /** The metadata `Image` will produce, computed without writing anything. */
    function statsSync(src: string, options?: object): Metadata;
    /** `<picture>` or `<img>` markup for generated files. */
    function generateHTML(metadata: Metadata, attributes: Record<string, string>): string;
  }
  export default Image;
}
