import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findChromium } from "../helpers/find-chromium.js";

let dir: string;
/** A fake program in the scratch folder, executable or not. */
async function program(name: string, executable = true): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, "#!/bin/sh\n");
  await chmod(file, executable ? 0o755 : 0o644);
  return file;
}

// Each test has a folder of its own, standing for PATH.
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "minibooks-find-chromium-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("findChromium", () => {
  it("takes CHROMIUM_PATH first, before any other browser", async () => {
    const mine = await program("my-chrome");
    const system = await program("chromium");
    const found = findChromium({
      env: { CHROMIUM_PATH: mine, PATH: dir },
      playwrightPath: () => system,
      packagePath: () => dir,
    });
    expect(found).toEqual({ source: "CHROMIUM_PATH", path: mine });
  });

  it("refuses a CHROMIUM_PATH that leads to no program, saying how to fix it", () => {
    expect(() => findChromium({ env: { CHROMIUM_PATH: path.join(dir, "nothing-here") } })).toThrow(
      `CHROMIUM_PATH is ${path.join(dir, "nothing-here")}, but no program is there: fix the path or unset it.`,
    );
  });

  it("takes Playwright's browser next, then a system Chromium or Chrome on PATH, then the npm package's", async () => {
    const playwright = await program("playwright-chrome");
    const system = await program("google-chrome");
    const search = { env: { PATH: dir }, packagePath: () => "/pkg/bin" };
    expect(findChromium({ ...search, playwrightPath: () => playwright })).toEqual({
      source: "Playwright",
      path: playwright,
    });
    expect(findChromium({ ...search, playwrightPath: () => path.join(dir, "not-installed") })).toEqual({
      source: "system",
      path: system,
    });
    expect(
      findChromium({ ...search, env: { PATH: path.join(dir, "empty") }, playwrightPath: () => undefined }),
    ).toEqual({
      source: "npm package",
      path: "/pkg/bin",
    });
  });

  it("skips a file on PATH that is not executable", async () => {
    await program("chromium-browser", false);
    const found = findChromium({ env: { PATH: dir }, playwrightPath: () => undefined, packagePath: () => undefined });
    expect(found?.path).not.toBe(path.join(dir, "chromium-browser"));
  });

  it("uses the package's alone with MINIBOOKS_BROWSER=package", async () => {
    const system = await program("chromium");
    const found = findChromium({
      env: { PATH: dir, MINIBOOKS_BROWSER: "package" },
      playwrightPath: () => system,
      packagePath: () => "/pkg/bin",
    });
    expect(found).toEqual({ source: "npm package", path: "/pkg/bin" });
  });

  it("finds nothing when there is nothing", () => {
    expect(
      findChromium({ env: { PATH: "" }, playwrightPath: () => undefined, packagePath: () => undefined }),
    ).toBeUndefined();
  });
});
