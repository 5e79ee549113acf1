import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContent } from "../../src/book/content.js";
import { BuildState } from "../../src/eleventy/build-state.js";
import { site } from "../../src/site-settings.js";

const fm = (...lines: string[]) => `---\n${lines.join("\n")}\n---\n`;
const sources = [
  { file: "index.md", text: fm("title: Home", "description: D", "layout: home") },
  { file: "pages/b.md", text: fm("title: Book", "description: About B") },
  { file: "pages/b-1.md", text: fm("title: One", "description: D", "book: b", "chapter: 1") },
];

let dir: string;
let state: BuildState;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "minibooks-state-"));
  await writeFile(path.join(dir, "bare.md"), "no front matter here\n");
  state = await BuildState.start({ inputDir: dir, outputDir: path.join(dir, "_site"), runMode: "build" });
  await state.library(async () => readContent(sources));
  state.facts.html.set("/pages/b-1/", "<p>One.</p>");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("BuildState", () => {
  it("builds the library once however often it is asked for", async () => {
    let builds = 0;
    const fresh = await BuildState.start({ inputDir: dir, outputDir: dir, runMode: "serve" });
    const build = async () => {
      builds++;
      return readContent(sources);
    };
    const [a, b] = await Promise.all([fresh.library(build), fresh.library(build)]);
    expect(a).toBe(b);
    expect(builds).toBe(1);
  });

  it("refuses to hand out the library before it is built", async () => {
    const fresh = await BuildState.start({ inputDir: dir, outputDir: dir, runMode: "build" });
    expect(() => fresh.content).toThrow("minibooks: the library is used before it is built.");
  });

  it("gives the library the front matter Eleventy read, and a file without any as it is on disk", async () => {
    state.frontMatter.set("pages/x.md", "\ntitle: X");
    expect(await state.source("pages/x.md", "\nSome words.\n")).toBe("---\ntitle: X\n---\n\nSome words.\n");
    expect(await state.source("bare.md")).toBe("no front matter here\n");
  });

  it("reads a page with nothing after its front matter as it is on disk: its front matter may never close", async () => {
    // Eleventy reads front matter that is never closed to the end of the file, leaving no body.
    await writeFile(path.join(dir, "open.md"), "---\ntitle: Open\ndescription: D\n");
    state.frontMatter.set("open.md", "\ntitle: Open\ndescription: D\n");
    expect(await state.source("open.md", "")).toBe("---\ntitle: Open\ndescription: D\n");
  });

  it("gives content pages their view, once", () => {
    const view = state.view("/pages/b-1/", site);
    expect(view).toMatchObject({ kind: "chapter", title: "One", documentTitle: "One · Book" });
    expect(state.view("/pages/b-1/", site)).toBe(view);
    expect(state.view("/", site).books?.map((b) => b.slug)).toEqual(["b"]);
  });

  it("gives the site's own pages their views from the library", () => {
    expect(state.view("/404.html", site)).toMatchObject({ kind: "page", title: "Page not found" });
    const print = state.view("/pages/b/print/", site);
    expect(print).toMatchObject({ title: "Book, the whole book", description: "About B" });
    expect(print.print?.chapters.map((c) => [c.chapter.title, c.html])).toEqual([["One", "<p>One.</p>"]]);
    expect(state.view("/sitemap.xml", site).sitemap?.map((entry) => entry.loc)).toEqual([
      "https://minibooks.example.org/",
      "https://minibooks.example.org/pages/b/",
      "https://minibooks.example.org/pages/b-1/",
    ]);
  });

  it("names a URL it has no view for", () => {
    expect(() => state.view("/nowhere/", site)).toThrow(
      "minibooks: no page view for /nowhere/: it is neither a content page nor one of the site's own pages.",
    );
  });
});
