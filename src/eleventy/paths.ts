import path from "node:path";

/** Eleventy's config object, as far as this plugin uses it (Eleventy ships no types for it). */
export type EleventyConfig = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Path of an input file relative to the content root, with `/` separators. */
export function toContentPath(inputDir: string, inputPath: string): string {
  return path.relative(inputDir, inputPath).split(path.sep).join("/");
}
