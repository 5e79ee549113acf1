import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContent } from "../../src/book/content.js";
import { readFrontMatter } from "../../src/book/front-matter-record.js";
import { pageReader } from "../../src/book/page.js";
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
  state = await BuildState.start({
    inputDir: dir,
    outputDir: path.join(dir, "_site"),
    runMode: "build",
    writesFiles: true,
  });
  await state.library(async () => readContent(sources));
  state.records.of("pages/b-1.md").html = '<h2 id="start">Start</h2><p>One, after <a href="/pages/b/#why">why</a>.</p>';
  state.records.of("pages/b.md").html = '<h2 id="why">Why</h2><p>Read <a href="/pages/b-1/#start">one</a>.</p>';
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("BuildState", () => {
  it("builds the library once however often it is asked for", async () => {
    let builds = 0;
    const fresh = await BuildState.start({ inputDir: dir, outputDir: dir, runMode: "serve", writesFiles: true });
    const build = async () => {
      builds++;
      return readContent(sources);
    };
    const [a, b] = await Promise.all([fresh.library(build), fresh.library(build)]);
    expect(a).toBe(b);
    expect(builds).toBe(1);
  });

  it("refuses to hand out the library before it is built", async () => {
    const fresh = await BuildState.start({ inputDir: dir, outputDir: dir, runMode: "build", writesFiles: true });
    expect(() => fresh.content).toThrow("minibooks: the library is used before it is built.");
  });

  it("gives the library the front matter Eleventy read, and a file without any as it is on disk", async () => {
    state.records.of("pages/x.md").frontMatter = readFrontMatter("pages/x.md", "\ntitle: X");
    expect(await state.source("pages/x.md", "\nSome words.\n")).toBe("---\ntitle: X\n---\n\nSome words.\n");
    expect(await state.source("bare.md")).toBe("no front matter here\n");
  });

  it("reads a page with nothing after its front matter as it is on disk: its front matter may never close", async () => {
    // Eleventy reads front matter that is never closed to the end of the file, leaving no body.
    await writeFile(path.join(dir, "open.md"), "---\ntitle: Open\ndescription: D\n");
    state.records.of("open.md").frontMatter = readFrontMatter("open.md", "\ntitle: Open\ndescription: D\n");
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
    expect(print.print?.chapters.map((c) => [c.chapter.title, c.html])).toEqual([
      ["One", '<h3 id="chapter-1-start">Start</h3><p>One, after <a href="#introduction-why">why</a>.</p>'],
    ]);
    // The book home's text is the introduction, its sections and links on the page like a chapter's.
    expect(print.print?.introduction).toEqual({
      id: "introduction",
      html: '<h3 id="introduction-why">Why</h3><p>Read <a href="#chapter-1-start">one</a>.</p>',
    });
    expect(state.view("/sitemap.xml", site).sitemap?.map((entry) => entry.loc)).toEqual([
      "https://minibooks.example.org/",
      "https://minibooks.example.org/pages/b/",
      "https://minibooks.example.org/pages/b-1/",
    ]);
  });

  it("prints a book whose home page has no text of its own without an introduction", async () => {
    const bare = await BuildState.start({
      inputDir: dir,
      outputDir: path.join(dir, "_site"),
      runMode: "build",
      writesFiles: true,
    });
    await bare.library(async () => readContent(sources));
    bare.records.of("pages/b-1.md").html = "<p>One.</p>";
    bare.records.of("pages/b.md").html = "\n";
    expect(bare.view("/pages/b/print/", site).print?.introduction).toBeUndefined();
  });

  it("names a URL it has no view for", () => {
    expect(() => state.view("/nowhere/", site)).toThrow(
      "minibooks: no page view for /nowhere/: it is neither a content page nor one of the site's own pages.",
    );
  });
});

describe("BuildState in the dev server, when a save breaks a page's front matter", () => {
  const good = `${fm("title: Kept", "description: D", "book: b", "chapter: 2")}\nThe good body.\n`;
  const judge = pageReader();
  const place = () => ({
    inputDir: dir,
    outputDir: path.join(dir, "_site"),
    runMode: "serve" as const,
    writesFiles: true,
  });

  /** A first build that read `pages/b-2.md` as `text`, and a second build after it. */
  async function afterGoodBuild(text: string, runMode: "serve" | "build" = "serve"): Promise<BuildState> {
    await mkdir(path.join(dir, "pages"), { recursive: true });
    const first = await BuildState.start({ ...place(), runMode });
    const sources = [{ file: "pages/b-2.md", text }];
    first.rememberGood(sources, readContent(sources).facts.files);
    return BuildState.start({ ...place(), runMode }, { last: first });
  }

  it("renders the page as it was at its last good save, body included, and reports the saved file's problems", async () => {
    const state = await afterGoodBuild(good);
    const saved = good.replace("title: Kept", "title: Kept: again").replace("The good body.", "A new body.");
    await writeFile(path.join(dir, "pages/b-2.md"), saved);
    const kept = state.keep("pages/b-2.md", "\ntitle: Kept: again\ndescription: D\nbook: b\nchapter: 2", judge);
    expect(kept).toMatchObject({
      text: good,
      values: { title: "Kept", chapter: 2 },
      body: "\nThe good body.\n",
      bodyStart: 6,
    });
    expect(kept?.problems.map((problem) => [problem.line, problem.column])).toEqual([[2, 8]]);
    expect(await state.source("pages/b-2.md", "A new body.")).toBe(good);

    await state.library(async () => readContent([{ file: "pages/b-2.md", text: good }]));
    expect(state.content.problems[0]?.message).toMatch(/^the front matter is not valid YAML/);
    expect(state.content.skipped).toContain(
      "pages/b-2.md: what changed in it since its last good save; the preview shows it as it was then, body included, until its front matter reads.",
    );
  });

  it("judges a file Eleventy read without front matter, an empty one, when the preprocessor asks", async () => {
    const state = await afterGoodBuild(good);
    await writeFile(path.join(dir, "pages/b-2.md"), "");
    const kept = state.keptPage("pages/b-2.md", judge);
    expect(kept?.body).toBe("\nThe good body.\n");
    expect(kept?.problems.map((problem) => problem.message)).toEqual(["the file is empty."]);
  });

  it("reads a page whose front matter reads as it is saved", async () => {
    const state = await afterGoodBuild(good);
    await writeFile(path.join(dir, "pages/b-2.md"), good.replace("title: Kept", "title: Renamed"));
    expect(state.keep("pages/b-2.md", "\ntitle: Renamed\ndescription: D\nbook: b\nchapter: 2", judge)).toBeUndefined();
    expect(state.kept.size).toBe(0);
  });

  it("keeps nothing in a production build, nor a page that never read", async () => {
    const production = await afterGoodBuild(good, "build");
    await writeFile(path.join(dir, "pages/b-2.md"), "");
    expect(production.keptPage("pages/b-2.md", judge)).toBeUndefined();
    const never = await afterGoodBuild("");
    expect(never.keptPage("pages/b-2.md", judge)).toBeUndefined();
  });
});
