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
    // What a page does after a key or a click (a smooth scroll, a script's answer) is waited for as
    // long as a busy machine may need, not vitest's default of one second.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
  },
});
