import { ServerResponse } from "node:http";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EleventyConfig } from "../../src/eleventy/config-types.js";
import {
  aroundTemplateWrites,
  forgetTemplates,
  keepPathForms,
  listInputFiles,
  missingMembers,
  type Owner,
  RELIED_ON,
} from "../../src/eleventy/private-members.js";

/** A member of a plain JavaScript object, read by name as Eleventy's own code reads it. */
function member(owner: unknown, ...names: string[]): unknown {
  let value = owner;
  for (const name of names)
    value =
      (typeof value === "object" && value !== null) || typeof value === "function"
        ? Reflect.get(value, name)
        : undefined;
  return value;
}

// Eleventy as the dev server runs it, on a site of two pages with a layout: every private member
// Minibooks reaches is looked at on the installed versions, where Minibooks reaches it.
describe("the members of Eleventy, chokidar and Node that Minibooks reaches past their documented API", () => {
  let dir: string;
  let eleventy: Eleventy;
  let config: EleventyConfig | undefined;
  let generated = 0;
  let generatedByFirstWrite = 0;
  const found: Partial<Record<Owner, unknown>> = {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "minibooks-private-members-"));
    await mkdir(path.join(dir, "_includes"));
    await mkdir(path.join(dir, "pages"));
    await writeFile(path.join(dir, "_includes", "page.njk"), "<main>{{ content | safe }}</main>\n");
    await writeFile(path.join(dir, "index.md"), "---\nlayout: page.njk\n---\n# Home\n");
    await writeFile(path.join(dir, "pages", "a.md"), "---\nlayout: page.njk\n---\n# A\n");
    await writeFile(path.join(dir, "config.mjs"), "export default function () {}\n");
    eleventy = new Eleventy(dir, path.join(dir, "_site"), {
      configPath: path.join(dir, "config.mjs"),
      quietMode: true,
      runMode: "serve",
      config: (eleventyConfig) => {
        config = eleventyConfig;
      },
    });
    eleventy.disableLogger();
    await eleventy.init();
    aroundTemplateWrites(eleventy, (generate) => {
      generated++;
      return generate();
    });
    await eleventy.write();
    generatedByFirstWrite = generated;
  }, 60_000);

  afterAll(async () => {
    await eleventy?.stopWatch();
    await rm(dir, { recursive: true, force: true });
  });

  it("are there, each of the kind and arity relied on", async () => {
    const writer = member(eleventy, "writer");
    const entry = member(writer, "templateMap", "map", "0");
    const serve = member(eleventy, "eleventyServe");
    await (serve as { init(): Promise<void> }).init();
    await (serve as { initServerInstance(): Promise<void> }).initServerInstance();
    await eleventy.watch();
    Object.assign(found, {
      "Eleventy's config": config,
      "Eleventy's config benchmarks": member(config, "benchmarkManager"),
      "Eleventy's configuration timings": (
        member(config, "benchmarkManager") as { get(name: string): unknown } | undefined
      )?.get("Configuration"),
      Eleventy: eleventy,
      "Eleventy's writer": writer,
      "Eleventy's writer, building": writer,
      "Eleventy's template map": member(writer, "templateMap"),
      "an entry of Eleventy's template map": entry,
      "an Eleventy template": member(entry, "template"),
      "an Eleventy template once rendered": member(entry, "_pages", "0", "template"),
      "Eleventy's path utilities": member(
        createRequire(import.meta.resolve("@11ty/eleventy"))("@11ty/eleventy-utils"),
        "TemplatePath",
      ),
      "Eleventy's file list": member(eleventy, "eleventyFiles"),
      "Eleventy's error handler": member(eleventy, "errorHandler"),
      "Eleventy's dev server": serve,
      "Eleventy's dev server instance": member(serve, "server"),
      "chokidar's watcher": member(eleventy, "watcher"),
      "Node's HTTP server": member(serve, "server", "server"),
      "Node's HTTP response": ServerResponse.prototype,
    } satisfies Record<Owner, unknown>);
    expect(Object.keys(found).sort()).toEqual(Object.keys(RELIED_ON).sort());
    const missing = Object.entries(found).flatMap(([owner, value]) => missingMembers(value, owner as Owner));
    expect(missing).toEqual([]);
  }, 60_000);

  it("run every file's render-and-write through the writer's _generateTemplate", async () => {
    expect(generatedByFirstWrite).toBe(2);
    expect(await readFile(path.join(dir, "_site", "pages", "a", "index.html"), "utf8")).toContain("<main>");
  });

  it("are where the dev server looks for them: the templates kept from build to build, and the file list watching starts from", async () => {
    const kept = member(eleventy, "writer", "_templatePathCache");
    expect(kept).toBeInstanceOf(Map);
    expect((kept as Map<string, unknown>).size).toBeGreaterThan(0);
    forgetTemplates(eleventy);
    expect((kept as Map<string, unknown>).size).toBe(0);
    const files = (await listInputFiles(eleventy)) as string[];
    expect(files.map((file) => path.resolve(file)).sort()).toEqual([
      path.join(dir, "index.md"),
      path.join(dir, "pages", "a.md"),
    ]);
  });

  it("keep the answers of Eleventy's own path utilities, changed once however often asked", () => {
    const TemplatePath = member(
      createRequire(import.meta.resolve("@11ty/eleventy"))("@11ty/eleventy-utils"),
      "TemplatePath",
    );
    keepPathForms();
    const join = member(TemplatePath, "join");
    keepPathForms();
    expect(member(TemplatePath, "join")).toBe(join);
    expect((join as (...paths: string[]) => string)("a", "b")).toBe(path.join("a", "b"));
  });
});
