import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    // One build per shared site and one Chromium for the whole run, started on first use.
    globalSetup: ["tests/global-setup.ts"],
    // Files of one worker share loaded modules (Eleventy, playwright-core, cheerio) instead of
    // loading them again for each file; no test relies on a fresh module.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
