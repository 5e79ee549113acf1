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
