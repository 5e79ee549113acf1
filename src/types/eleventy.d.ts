/**
 * The public parts of Eleventy 3's programmatic API this project calls; the private members it
 * reaches are declared, and checked, in src/eleventy/private-members.ts.
 */
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    /** Render every page without writing any. */
    dryRun?: boolean;
    /** A config function applied on top of (or instead of) a config file. */
    config?: (eleventyConfig: import("../eleventy/config-types.js").EleventyConfig) => unknown;
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
    init(): Promise<void>;
    /** Builds, then watches; resolves to the function that rebuilds after a change to a file. */
    watch(): Promise<(file: string) => Promise<void>>;
    /** The project's folders, as configured: `includes` holds the layouts. */
    readonly directories: { includes: string };
    /** Whether a rebuild renders only what the changed file affects (an incremental build). */
    setIncrementalBuild(incremental: boolean): void;
    serve(port: number): Promise<void>;
    stopWatch(): Promise<void>;
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
