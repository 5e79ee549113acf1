import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEleventy } from "../../src/eleventy/run-eleventy.js";
import { CONFIG_PATH } from "../../src/site/build.js";
import { copyFixture } from "../helpers/cli.js";

describe("the pages a production build hands to search indexing", () => {
  const handed: { url: string; html: string }[] = [];
  let expected: string[] = [];
  let dir: string;
  let output: string;

  beforeAll(async () => {
    dir = await copyFixture("small-book");
    output = await mkdtemp(path.join(tmpdir(), "minibooks-rendered-pages-"));
    await runEleventy({
      input: dir,
      output,
      configPath: CONFIG_PATH,
      rendered: { expect: (urls) => (expected = [...urls]), add: (url, html) => handed.push({ url, html }) },
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
  });

  it("are every content page, each once, as the whole page: never a chapter's text as the feed shows it", () => {
    // The feed lists the chapters, and runs the transforms over each one's text on its own.
    expect(expected).toContain("/pages/garden-chapter-1/");
    expect(handed.map((page) => page.url).sort()).toEqual([...expected].sort());
    for (const { url, html } of handed)
      expect(html.trimStart().slice(0, 15).toLowerCase(), url).toBe("<!doctype html>");
  });
});
