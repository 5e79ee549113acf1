import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/book/library.js";
import {
  libraryData,
  runRenderers,
  siteFiles,
  type RenderContext,
  type Renderer,
} from "../../src/renderers/renderer.js";
import { site } from "../../src/site-settings.js";
import { chapter, home } from "../helpers/pages.js";

const { library } = buildLibrary([home("b"), chapter("b", 2), chapter("b", 1)]);
const context: RenderContext = {
  library: libraryData(library),
  html: {},
  headings: {},
  site,
  runMode: "build",
  updated: {},
  published: {},
  outputDir: "/nowhere",
};
const renderer = (name: string, files: Record<string, string>): Renderer => ({
  name,
  async render(_context, write) {
    for (const [file, content] of Object.entries(files)) await write({ path: file, content });
  },
  paths: () => Object.keys(files),
});

let dir: string | undefined;
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
const outputDir = async () => (dir = await mkdtemp(path.join(tmpdir(), "minibooks-renderer-")));

describe("libraryData", () => {
  it("is the library as plain data that survives serialising", () => {
    const data = libraryData(library);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(data.books[0].chapters.map((c) => [c.title, c.position, c.book])).toEqual([
      ["b 1", 1, "b"],
      ["b 2", 2, "b"],
    ]);
    expect(data.books[0].chapters[0].next).toEqual({ url: "/pages/b-chapter-2/", title: "b 2", label: "b 2" });
  });
});

describe("runRenderers", () => {
  it("writes every renderer's files into the output folder and returns their paths", async () => {
    const out = await outputDir();
    const written = await runRenderers(
      [renderer("a", { "/pages/b/b.txt": "one" }), renderer("c", { "/c.txt": "two" })],
      context,
      out,
      new Set(),
    );
    expect(written).toEqual(["/pages/b/b.txt", "/c.txt"]);
    expect(await readFile(path.join(out, "pages/b/b.txt"), "utf8")).toBe("one");
    expect(await readFile(path.join(out, "c.txt"), "utf8")).toBe("two");
  });

  it("writes each file as soon as it is made, before the renderer makes the next", async () => {
    const out = await outputDir();
    const onDisk: boolean[] = [];
    const streaming: Renderer = {
      name: "s",
      async render(_context, write) {
        await write({ path: "/one.txt", content: "1" });
        onDisk.push(
          await readFile(path.join(out, "one.txt"), "utf8").then(
            () => true,
            () => false,
          ),
        );
        await write({ path: "/two.txt", content: "2" });
      },
    };
    expect(await runRenderers([streaming], context, out, new Set())).toEqual(["/one.txt", "/two.txt"]);
    expect(onDisk).toEqual([true]);
  });

  it("fails on a file a renderer makes twice", async () => {
    const twice: Renderer = {
      name: "t",
      async render(_context, write) {
        await write({ path: "/x.txt", content: "1" });
        await write({ path: "/x.txt", content: "2" });
      },
    };
    await expect(runRenderers([twice], context, await outputDir(), new Set())).rejects.toThrow(
      'minibooks renderer "t": it made /x.txt twice.',
    );
  });

  it.each(["pages/b.txt", "/pages/../../b.txt", "/pages/", "/a//b.txt"])(
    "refuses %s, a path that is not a file of the site, and writes nothing",
    async (file) => {
      const out = await outputDir();
      await expect(runRenderers([renderer("bad", { [file]: "x" })], context, out, new Set())).rejects.toThrow(
        `minibooks renderer "bad": "${file}" is not a file path on the site; write it as /folder/name.ext, without "..".`,
      );
      expect(await readdir(out)).toEqual([]);
    },
  );

  it("refuses to write over a file of the site or another renderer's, and writes nothing", async () => {
    const out = await outputDir();
    await expect(runRenderers([renderer("a", { "/x.txt": "1" })], context, out, new Set(["/x.txt"]))).rejects.toThrow(
      'minibooks renderer "a": /x.txt is already a file of the site; give it another path.',
    );
    await expect(
      runRenderers([renderer("a", { "/y.txt": "1" }), renderer("b", { "/y.txt": "2" })], context, out, new Set()),
    ).rejects.toThrow('minibooks renderer "b": /y.txt is already a file of the site; give it another path.');
    expect(await readdir(out)).toEqual([]);
  });
});

describe("siteFiles", () => {
  it("reads and hashes each file of the site once, and says none for a file the site does not have", async () => {
    const out = await outputDir();
    await writeFile(path.join(out, "a.txt"), "one");
    const files = siteFiles(out);
    expect(new TextDecoder().decode(await files.read("/a.txt"))).toBe("one");
    await writeFile(path.join(out, "a.txt"), "two");
    expect(new TextDecoder().decode(await files.read("/a.txt"))).toBe("one");
    expect(await files.hash("/a.txt")).toBe("7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed");
    expect(await files.read("/gone.txt")).toBeUndefined();
    expect(await files.hash("/gone.txt")).toBe("none");
    expect(await files.read("/../outside.txt")).toBeUndefined();
  });
});
