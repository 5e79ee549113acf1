import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/repo.js";
import { UNIT_TESTS_WITH_ELEVENTY } from "../helpers/unit-layer.js";

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
  it("a module imports nothing from a layer above its own (cli, site, eleventy, the model's readers and outputs, book, plain settings and helpers), type-only imports included", async () => {
    const { readdirSync } = await import("node:fs");
    // Highest first; a layer is a folder of src/ or a file at its top.
    const layers = [
      ["cli"],
      ["site"],
      ["eleventy", "types"],
      ["view", "renderers", "epub", "pdf", "print", "search", "content", "pr-check"],
      ["book"],
      ["site-settings.ts", "repo.ts", "cli-options.ts", "processes"],
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

/** Every `.ts` file under a folder, as paths relative to the repository with `/` separators. */
function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.posix.join(folder, file.split(path.sep).join("/")))
    .sort();
}

/** The project's files a file imports: static, type-only, re-exports, side-effect and `import("...")` alike. */
function importedFiles(file: string): string[] {
  const source = readFileSync(path.join(REPO_ROOT, file), "utf8");
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/gm),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map(([, specifier]) => specifier);
  return specifiers
    .filter((specifier) => specifier.startsWith("."))
    .map((specifier) => path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, ".ts")));
}

/** Each import cycle among the files, as the chain of files that closes it (`a.ts -> b.ts -> a.ts`). */
function importCycles(files: readonly string[]): string[] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importedFiles(file).filter((target) => known.has(target))]));
  const done = new Set<string>();
  const cycles: string[] = [];
  const chain: string[] = [];
  const visit = (file: string) => {
    const at = chain.indexOf(file);
    if (at >= 0) {
      cycles.push([...chain.slice(at), file].join(" -> "));
      return;
    }
    if (done.has(file)) return;
    chain.push(file);
    for (const target of edges.get(file) ?? []) visit(target);
    chain.pop();
    done.add(file);
  };
  for (const file of files) visit(file);
  return cycles;
}

/** Every package a file loads when it runs, through the project's own files: type-only imports aside. */
function packagesLoaded(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    // A path that names no file is text that looks like an import (a test's sample source).
    if (seen.has(file) || !existsSync(path.join(REPO_ROOT, file))) return;
    seen.add(file);
    const source = readFileSync(path.join(REPO_ROOT, file), "utf8");
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\b(?!\s+type\b)[^;"'`]*?\bfrom\s*["']([^"']+)["']/gm),
      ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
      ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ].map(([, specifier]) => specifier);
    for (const specifier of specifiers) {
      if (specifier.startsWith("."))
        visit(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return packages;
}

describe("the import graph", () => {
  it("has no import cycle in src/, type-only imports included", () => {
    const files = sourceFiles("src");
    expect(files).toContain("src/book/library.ts");
    expect(importCycles(files)).toEqual([]);
  });

  it("loads no Eleventy package in a unit test, but for the plugin's own tests that vitest.config.ts names", () => {
    const loading = sourceFiles("tests/unit")
      .filter((file) => !UNIT_TESTS_WITH_ELEVENTY.includes(file))
      .filter((file) => [...packagesLoaded(file)].some((name) => name.startsWith("@11ty/")));
    expect(loading).toEqual([]);
    // The plugin's own tests named there still load it; one that no longer does belongs back in the unit project.
    for (const file of UNIT_TESTS_WITH_ELEVENTY) {
      expect(
        [...packagesLoaded(file)].some((name) => name.startsWith("@11ty/")),
        file,
      ).toBe(true);
    }
  });

  it("has no module in src/ over 400 lines", () => {
    const long = sourceFiles("src").flatMap((file) => {
      const lines = readFileSync(path.join(REPO_ROOT, file), "utf8").split("\n").length - 1;
      return lines > 400 ? [`${file}: ${lines} lines`] : [];
    });
    expect(long).toEqual([]);
  });

  it("keeps no state at the top of a module: no variable, no collection open to writes", () => {
    const state = sourceFiles("src")
      // The reader's scripts are programs of their own, each run once by a page or as the service
      // worker: their top level is the program's, as a command's main module is.
      .filter((file) => !file.startsWith("src/client/"))
      .flatMap((file) =>
        readFileSync(path.join(REPO_ROOT, file), "utf8")
          .split("\n")
          .flatMap((line, i) =>
            /^(?:export\s+)?(?:let|var)\s/.test(line) ||
            /^(?:export\s+)?const\s+\w+\s*=\s*new\s+(?:Map|Set|WeakMap|WeakSet)\b/.test(line)
              ? [`${file}:${i + 1}: ${line}`]
              : [],
          ),
      );
    expect(state).toEqual([]);
  });
});
