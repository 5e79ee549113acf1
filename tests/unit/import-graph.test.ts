import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/site/build.js";

/** Every package a module reaches through its static imports, following the project's own files. */
function packagesReached(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gm)) {
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(path.join(REPO_ROOT, entry));
  return packages;
}

describe("what the commands load", () => {
  it("npm run new reaches no Eleventy package", () => {
    const reached = [...packagesReached("src/cli/new.ts")];
    expect(reached).toContain("yaml");
    expect(reached.filter((name) => name.startsWith("@11ty/"))).toEqual([]);
  });

  it("npm run nav reaches no Eleventy package", () => {
    const reached = [...packagesReached("src/cli/nav.ts")];
    expect(reached).toContain("yaml");
    expect(reached.filter((name) => name.startsWith("@11ty/"))).toEqual([]);
  });

  it("the site settings import nothing", () => {
    expect([...packagesReached("src/site-settings.ts")]).toEqual([]);
  });
});

describe("the layers of src/", () => {
  it("a module imports nothing from a layer above its own (cli, site, eleventy, the model's readers and outputs, book, plain settings), type-only imports included", async () => {
    const { readdirSync } = await import("node:fs");
    // Highest first; a layer is a folder of src/ or a file at its top.
    const layers = [
      ["cli"],
      ["site"],
      ["eleventy", "types"],
      ["view", "renderers", "epub", "pdf", "print", "search", "content", "pr-check"],
      ["book"],
      ["site-settings.ts", "repo.ts", "cli-options.ts"],
      // The reader's scripts, bundled for the browser: they import only each other.
      ["client"],
    ];
    const src = path.join(REPO_ROOT, "src");
    const layerOf = (file: string) => {
      const top = path.relative(src, file).split(path.sep)[0];
      return layers.findIndex((names) => names.includes(top));
    };
    const modules = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.(?:ts|mts|mjs|js)$/.test(file))
      .map((file) => path.join(src, file));
    expect(modules.filter((file) => layerOf(file) < 0).map((file) => path.relative(REPO_ROOT, file))).toEqual([]);
    const wrong: string[] = [];
    for (const file of modules) {
      const source = readFileSync(file, "utf8");
      const specifiers = [
        ...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*"([^"]+)"/gm),
        ...source.matchAll(/^\s*import\s*"([^"]+)"/gm),
        ...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
      ].map((match) => match[1]);
      for (const specifier of specifiers.filter((found) => found.startsWith("."))) {
        const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts"));
        if (layerOf(target) < layerOf(file))
          wrong.push(`${path.relative(REPO_ROOT, file)} imports ${path.relative(REPO_ROOT, target)}, a layer above it`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
