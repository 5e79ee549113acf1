import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEleventy } from "../../src/eleventy/adapter.js";
import { CONFIG_PATH } from "../../src/site/build.js";
import { copyFixture } from "../helpers/cli.js";

// Eleventy merges the config's options into what the config returns: options kept from one build
// to the next doubled with each build, until the 31st failed with "Invalid array length".
describe("one process building the same library again and again, as the dev server may", () => {
  let dir: string;
  let output: string;
  beforeAll(async () => {
    dir = await copyFixture("small-book");
    output = await mkdtemp(path.join(tmpdir(), "minibooks-repeated-builds-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
  });

  it("builds the 40th time as it built the first", async () => {
    for (let build = 1; build <= 40; build++) {
      await expect(runEleventy({ input: dir, output, configPath: CONFIG_PATH }), `build ${build}`).resolves.toBe(
        undefined,
      );
    }
    // Each build makes the book's EPUB and PDF too: time for a machine that is busy with other work.
  }, 600_000);
});
