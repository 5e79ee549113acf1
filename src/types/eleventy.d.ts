/** The parts of Eleventy 3's programmatic API this project calls. */
declare module "@11ty/eleventy" {
  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
  }
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-plugin-rss" {
  export const feedPlugin: (eleventyConfig: unknown, options?: object) => void;
}

declare module "@11ty/eleventy-plugin-syntaxhighlight" {
  const syntaxHighlight: (eleventyConfig: unknown, options?: object) => void;
  export default syntaxHighlight;
}

declare module "@11ty/eleventy-img" {
  export const eleventyImageTransformPlugin: (eleventyConfig: unknown, options?: object) => void;
}
