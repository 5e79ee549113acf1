/**
 * Whether a build makes the whole-book outputs (EPUB, PDF), the feed and the print pages: `npm run
 * check`'s build does not. A mark on the config object, which Eleventy hands to the plugin.
 */
import type { EleventyConfig } from "./config-types.js";

// Registered by name: a program that builds in its own process (a test runner) can hold this
// module twice, once of its own and once through Eleventy's import of the config.
const NO_WHOLE_BOOK_OUTPUTS = Symbol.for("minibooks.no-whole-book-outputs");

/** Has a build check its content without making the whole-book outputs. */
export function leaveOutWholeBookOutputs(eleventyConfig: EleventyConfig): void {
  // A mark of our own on the config object, which Eleventy hands to the plugin.
  (eleventyConfig as EleventyConfig & { [NO_WHOLE_BOOK_OUTPUTS]?: true })[NO_WHOLE_BOOK_OUTPUTS] = true;
}

/** Whether this build makes the whole-book outputs (false for `npm run check`'s). */
export function makesWholeBookOutputs(eleventyConfig: EleventyConfig): boolean {
  // The mark leaveOutWholeBookOutputs sets, if any.
  return !(eleventyConfig as EleventyConfig & { [NO_WHOLE_BOOK_OUTPUTS]?: true })[NO_WHOLE_BOOK_OUTPUTS];
}
