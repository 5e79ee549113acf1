/**
 * What a build makes, as marks of our own on the config object Eleventy hands to the plugin:
 * `npm run check`'s build makes no whole-book output (EPUB, PDF), feed or print page, and writes no
 * file of the site.
 */
import type { EleventyConfig } from "./config-types.js";

// Registered by name: a program that builds in its own process (a test runner) can hold this
// module twice, once of its own and once through Eleventy's import of the config.
const NO_WHOLE_BOOK_OUTPUTS = Symbol.for("minibooks.no-whole-book-outputs");
const NO_FILES = Symbol.for("minibooks.no-files");

/** The config object with the marks this module sets. */
type Marked = EleventyConfig & { [NO_WHOLE_BOOK_OUTPUTS]?: true; [NO_FILES]?: true };

/** Has a build check its content without making the whole-book outputs. */
export function leaveOutWholeBookOutputs(eleventyConfig: EleventyConfig): void {
  (eleventyConfig as Marked)[NO_WHOLE_BOOK_OUTPUTS] = true;
}

/** Whether this build makes the whole-book outputs (false for `npm run check`'s). */
export function makesWholeBookOutputs(eleventyConfig: EleventyConfig): boolean {
  return !(eleventyConfig as Marked)[NO_WHOLE_BOOK_OUTPUTS];
}

/**
 * Has a build write no file of the site: its pages render (Eleventy's dry run), and its pictures
 * are read as making their copies would read them, without making any.
 */
export function writeNoFiles(eleventyConfig: EleventyConfig): void {
  (eleventyConfig as Marked)[NO_FILES] = true;
}

/** Whether this build writes the site's files (false for `npm run check`'s). */
export function writesFiles(eleventyConfig: EleventyConfig): boolean {
  return !(eleventyConfig as Marked)[NO_FILES];
}
