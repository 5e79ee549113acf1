import { readdirSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { UNIT_TESTS_WITH_ELEVENTY } from "./tests/helpers/unit-layer.js";

/** Every unit test file, as a path from the repository. */
const UNIT_TESTS = readdirSync(new URL("./tests/unit", import.meta.url), { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".test.ts"))
  .map((file) => `tests/unit/${file.split("\\").join("/")}`);

export default defineConfig({
  test: {
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
    projects: [
      {
        // Pure modules and small reads of files and git: no shared site, no browser, no tsx loader.
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], exclude: UNIT_TESTS_WITH_ELEVENTY },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          exclude: UNIT_TESTS.filter((file) => !UNIT_TESTS_WITH_ELEVENTY.includes(file)),
          setupFiles: ["tests/setup.ts"],
          // One build per shared site and one Chromium for the whole run, started on first use.
          globalSetup: ["tests/global-setup.ts"],
        },
      },
    ],
  },
});
