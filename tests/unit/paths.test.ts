import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listContentFiles } from "../../src/content/load.js";
import { toContentPath } from "../../src/eleventy/paths.js";
import { listServedFiles } from "../../src/eleventy/served-files.js";

describe("content paths", () => {
  it("names an input file relative to the content root, with slashes", () => {
    expect(toContentPath("/site", path.join("/site", "pages", "a.md"))).toBe("pages/a.md");
  });

  it("lists the content files and the files a copied folder serves", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "minibooks-paths-"));
    try {
      await mkdir(path.join(root, "pages/sub"), { recursive: true });
      await mkdir(path.join(root, "images/headers"), { recursive: true });
      for (const file of ["index.md", "pages/a.md", "pages/sub/b.md", "pages/notes.txt", "images/headers/x.svg"]) {
        await writeFile(path.join(root, file), "");
      }
      expect(await listContentFiles(root)).toEqual(["index.md", "pages/a.md", "pages/sub/b.md"]);
      expect(await listServedFiles(path.join(root, "images"), "images")).toEqual(["/images/headers/x.svg"]);
      expect(await listServedFiles(path.join(root, "none"), "none")).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
