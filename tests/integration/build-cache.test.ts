import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_FOLDER } from "../../src/renderers/output-cache.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { snapshotTree } from "../helpers/files.js";

/** Every file of a built site, by path, with its bytes. */
async function siteFiles(output: string): Promise<Map<string, Buffer>> {
  const root = await realpath(output);
  const found = new Map<string, Buffer>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(root, file), await readFile(file));
  }
  return found;
}

/** The files that differ between two sites, or that one has and the other not. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => !a.get(name)?.equals(b.get(name) ?? Buffer.alloc(0))).sort();
}

/** Each entry of the cache (`pdf/<key>.pdf`) with its inode, which writing it anew changes. */
async function entries(content: string): Promise<Map<string, number>> {
  const folder = path.join(content, CACHE_FOLDER);
  const found = new Map<string, number>();
  for (const kind of ["epub", "pdf", "png"]) {
    for (const name of await readdir(path.join(folder, kind)).catch(() => [] as string[])) {
      found.set(`${kind}/${name}`, (await stat(path.join(folder, kind, name))).ino);
    }
  }
  return found;
}

/** The cache entry that holds a file of the site: the entry's bytes end with the file's. */
async function entryHolding(content: string, kind: string, bytes: Buffer): Promise<string> {
  for (const name of (await entries(content)).keys()) {
    if (!name.startsWith(`${kind}/`)) continue;
    const entry = await readFile(path.join(content, CACHE_FOLDER, name));
    if (entry.length > bytes.length && entry.subarray(entry.length - bytes.length).equals(bytes)) return name;
  }
  throw new Error(`no ${kind} entry holds these bytes`);
}

/** The cache's entries written since `before` was taken, by name. */
async function madeSince(content: string, before: Map<string, number>): Promise<string[]> {
  return [...(await entries(content))].filter(([name, ino]) => before.get(name) !== ino).map(([name]) => name);
}

/** The EPUBs and PDFs that differ between two sites. */
const bookFilesChanged = (a: Map<string, Buffer>, b: Map<string, Buffer>) =>
  differences(a, b).filter((file) => /\.(epub|pdf)$/.test(file));

const BOOK_FILES = ["pages/garden/garden.epub", "pages/garden/garden.pdf", "pages/kitchen/kitchen.epub"];

describe("the books' files kept between builds", () => {
  let dir: string;
  let content: string;
  let cold: Map<string, Buffer>;
  let warm: Map<string, Buffer>;
  let afterCold: Map<string, number>;
  let afterWarm: Map<string, number>;
  // Each build is `npm run build` in a process of its own, as an author runs it.
  const build = async (name: string, input = content) => {
    const output = path.join(dir, name, "_site");
    const run = await runCli("build", ["--output", output], input);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    return { stdout: run.stdout, files: await siteFiles(output) };
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "minibooks-build-cache-"));
    content = await copyFixture("library");
    // The first build finds no cache: it makes every book's files and keeps them.
    cold = (await build("cold")).files;
    afterCold = await entries(content);
    warm = (await build("warm")).files;
    afterWarm = await entries(content);
  }, 600_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(content, { recursive: true, force: true });
  });

  it("makes a second build byte for byte the first, every file compared, the books' files taken from the cache", () => {
    for (const file of BOOK_FILES) expect(cold.has(file)).toBe(true);
    expect(cold.size).toBeGreaterThan(20);
    expect(differences(cold, warm)).toEqual([]);
    // Two EPUBs, two PDFs, two covers: kept by the first build, read (not written again) by the second.
    expect([...afterCold.keys()].map((name) => name.split("/")[0]).sort()).toEqual([
      "epub",
      "epub",
      "pdf",
      "pdf",
      "png",
      "png",
    ]);
    expect([...afterWarm]).toEqual([...afterCold]);
  });

  it("after a chapter changes, makes only its book's EPUB and PDF again, and the same site as a build without a cache", async () => {
    await appendFile(path.join(content, "pages/kitchen-chapter-1.md"), "\nA last word on leftovers.\n");
    const changed = (await build("changed")).files;
    const made = await madeSince(content, afterWarm);
    expect(made.map((name) => name.split("/")[0]).sort()).toEqual(["epub", "pdf"]);
    expect(bookFilesChanged(warm, changed)).toEqual(["pages/kitchen/kitchen.epub", "pages/kitchen/kitchen.pdf"]);
    expect(await entryHolding(content, "epub", changed.get("pages/kitchen/kitchen.epub") ?? Buffer.alloc(0))).toBe(
      made.find((name) => name.startsWith("epub/")),
    );

    // The same content, dates included, in a folder without a cache.
    const fresh = await mkdtemp(path.join(tmpdir(), "minibooks-build-cache-fresh-"));
    try {
      await cp(content, fresh, {
        recursive: true,
        preserveTimestamps: true,
        filter: (source) => path.basename(source) !== ".cache",
      });
      const uncached = (await build("uncached", fresh)).files;
      expect(differences(changed, uncached)).toEqual([]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 600_000);

  it("after a picture changes under the same name, makes again the EPUB and PDF of the book that shows it", async () => {
    const before = (await build("before-picture")).files;
    const kept = await entries(content);
    // The garden's first chapter shows soil.png: the same size, other pixels.
    const picture = path.join(content, "images/soil.png");
    await writeFile(
      picture,
      await sharp({ create: { width: 1000, height: 500, channels: 4, background: "#2a6" } })
        .png()
        .toBuffer(),
    );
    const after = (await build("after-picture")).files;
    const made = await madeSince(content, kept);
    expect(made.map((name) => name.split("/")[0]).sort()).toEqual(["epub", "pdf"]);
    expect(bookFilesChanged(before, after)).toEqual(["pages/garden/garden.epub", "pages/garden/garden.pdf"]);
    expect(await entryHolding(content, "pdf", after.get("pages/garden/garden.pdf") ?? Buffer.alloc(0))).toBe(
      made.find((name) => name.startsWith("pdf/")),
    );
  }, 600_000);

  it("makes a changed entry again and replaces it, and leaves a file it did not write where it found it", async () => {
    const site = (await build("before-damage")).files;
    const epubEntry = await entryHolding(content, "epub", site.get("pages/garden/garden.epub") ?? Buffer.alloc(0));
    const pdfEntry = await entryHolding(content, "pdf", site.get("pages/garden/garden.pdf") ?? Buffer.alloc(0));
    // One byte of the EPUB's changed on disk; the PDF's entry replaced by a file of someone else's.
    const damaged = await readFile(path.join(content, CACHE_FOLDER, epubEntry));
    damaged[damaged.length - 100] ^= 0xff;
    await writeFile(path.join(content, CACHE_FOLDER, epubEntry), damaged);
    await writeFile(path.join(content, CACHE_FOLDER, pdfEntry), "%PDF-1.7 someone else's file\n");

    const after = (await build("after-damage")).files;
    expect(differences(site, after)).toEqual([]);
    const repaired = await readFile(path.join(content, CACHE_FOLDER, epubEntry));
    expect(repaired.equals(damaged)).toBe(false);
    expect(await entryHolding(content, "epub", after.get("pages/garden/garden.epub") ?? Buffer.alloc(0))).toBe(
      epubEntry,
    );
    expect(await readFile(path.join(content, CACHE_FOLDER, pdfEntry), "utf8")).toBe("%PDF-1.7 someone else's file\n");
  }, 600_000);

  it("leaves a folder at the cache's place that Minibooks did not make as it was, and says so", async () => {
    const other = await copyFixture("small-book");
    try {
      const folder = path.join(other, CACHE_FOLDER);
      await mkdir(path.join(folder, "pdf"), { recursive: true });
      await writeFile(path.join(folder, "pdf", "notes.txt"), "my own notes\n");
      const before = await snapshotTree(path.join(other, ".cache"));
      const { stdout, files } = await build("foreign", other);
      expect(files.has("pages/garden/garden.pdf")).toBe(true);
      expect(stdout.split("\n")[0]).toBe(
        `Note: ${folder} is not Minibooks' cache (it holds no .minibooks-cache marker), so this build made every ` +
          "book's cover, EPUB and PDF anew and left it as it was. Move it away to let the next builds reuse what they make.",
      );
      expect(await snapshotTree(path.join(other, ".cache"))).toEqual(before);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  }, 600_000);
});
