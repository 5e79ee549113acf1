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
    // Files run side by side even on two cores (vitest's default there is one at a time): most of a
    // file's time is spent waiting on Chromium, Pagefind, git and the commands' own processes.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
