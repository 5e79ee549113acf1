/**
 * Unit tests of the Eleventy plugin's modules that still load Eleventy, which reads the config
 * (.eleventy.ts) through tsx: vitest.config.ts runs them with the integration tests' setup, and
 * every other unit test loads no Eleventy package (tests/unit/import-graph.test.ts).
 */
export const UNIT_TESTS_WITH_ELEVENTY: readonly string[] = [
  // The build state holds the build's pictures, made by @11ty/eleventy-img.
  "tests/unit/build-state.test.ts",
];
