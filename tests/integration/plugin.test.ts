import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { afterAll, describe, expect, it } from "vitest";
import { findContentError } from "../../src/book/problem.js";
import minibooks from "../../src/eleventy/plugin.js";
import type { RenderContext, Renderer } from "../../src/renderers/renderer.js";
import { REPO_ROOT } from "../../src/site/build.js";
import type { SiteSettings } from "../../src/site-settings.js";
import { copyFixture } from "../helpers/cli.js";

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Builds the tiny-book fixture with a bare Eleventy: the plugin and the layouts, nothing else. */
async function buildTiny(
  renderers: Renderer[],
  site: Partial<SiteSettings> = {},
): Promise<{ output: string; error?: unknown }> {
  const input = await copyFixture("tiny-book");
  folders.push(input);
  const output = path.join(input, "_site");
  const eleventy = new Eleventy(input, output, {
    quietMode: true,
    config(eleventyConfig) {
      const layouts = path.relative(input, path.join(REPO_ROOT, "layouts"));
      eleventyConfig.setLayoutsDirectory(layouts);
      eleventyConfig.setIncludesDirectory(layouts);
      eleventyConfig.ignores.add("_site/**");
      eleventyConfig.addPlugin(minibooks, { site: { url: "https://tiny.example.org", ...site }, renderers });
      return { templateFormats: ["md", "njk"], markdownTemplateEngine: false, htmlTemplateEngine: "njk" };
    },
  });
  eleventy.disableLogger();
  try {
    await eleventy.write();
    return { output };
  } catch (error) {
    return { output, error };
  }
}

/** A renderer that lists each book's chapters as text, beside the book's home page. */
function chapterLists(seen: RenderContext[] = []): Renderer {
  return {
    name: "chapter-list",
    async render(context, write) {
      seen.push(context);
      for (const book of context.library.books) {
        await write({
          path: `${book.url}chapters.txt`,
          content: book.chapters.map((chapter) => `${chapter.position}. ${chapter.title}\n`).join(""),
        });
      }
    },
  };
}

describe("the plugin in a bare Eleventy", () => {
  it("runs a renderer added through the seam once, and writes its file into the site", async () => {
    const seen: RenderContext[] = [];
    const { output, error } = await buildTiny([chapterLists(seen)]);
    expect(error).toBeUndefined();
    expect(await readFile(path.join(output, "pages/tiny/chapters.txt"), "utf8")).toBe("1. Beginning\n2. End\n");
    expect(seen).toHaveLength(1);
  });

  it("hands renderers the finished library as plain data, each page's HTML and the site settings", async () => {
    const seen: RenderContext[] = [];
    await buildTiny([chapterLists(seen)]);
    const [context] = seen;
    expect(JSON.parse(JSON.stringify(context))).toEqual(context);
    expect(context.site.url).toBe("https://tiny.example.org");
    expect(context.library.books.map((book) => book.slug)).toEqual(["tiny"]);
    expect(context.library.books[0].chapters[1]).toMatchObject({ book: "tiny", position: 2, total: 2, title: "End" });
    expect(context.html["/pages/tiny-chapter-1/"]).toContain('href="/pages/tiny-chapter-2/#last-steps"');
    expect(context.html["/pages/tiny-chapter-2/"]).toContain('id="last-steps"');
  });

  it("counts a renderer's files as files of the site: without the renderer, the link to one is broken", async () => {
    const { error } = await buildTiny([]);
    const problems = findContentError(error)?.problems;
    expect(problems).toEqual([
      expect.objectContaining({
        file: "pages/tiny.md",
        line: 6,
        field: "link",
        message:
          '"/pages/tiny/chapters.txt" points at /pages/tiny/chapters.txt, but the site has no such page or file.',
      }),
    ]);
  });

  it("gives the size of each whole-book file a renderer wrote, on the book's home and every chapter", async () => {
    const pdf: Renderer = {
      name: "pdf",
      async render(context, write) {
        for (const book of context.library.books)
          await write({ path: `${book.url}${book.slug}.pdf`, content: "%PDF-1.7\n" });
      },
    };
    const { output, error } = await buildTiny([chapterLists(), pdf]);
    expect(error).toBeUndefined();
    for (const page of ["pages/tiny", "pages/tiny-chapter-1", "pages/tiny-chapter-2"]) {
      const html = await readFile(path.join(output, page, "index.html"), "utf8");
      expect([...html.matchAll(/data-size-of="\/pages\/tiny\/tiny\.pdf">([^<]*)</g)].map((m) => m[1])).toContain(
        "(9 bytes)",
      );
    }
  });

  it("offers to report a passage on chapters only, and nowhere when the site has no repository", async () => {
    const reports = async (site: Partial<SiteSettings>) => {
      const { output, error } = await buildTiny([chapterLists()], site);
      expect(error).toBeUndefined();
      const found = [];
      for (const page of ["pages/tiny-chapter-1", "pages/tiny-chapter-2", "pages/tiny"]) {
        const html = await readFile(path.join(output, page, "index.html"), "utf8");
        found.push(/data-report="([^"]*)"/.exec(html)?.[1]);
      }
      return found;
    };
    const form = "https://git.example.org/tiny/book/issues/new";
    expect(await reports({ repository: "https://git.example.org/tiny/book" })).toEqual([form, form, undefined]);
    expect(await reports({ repository: undefined })).toEqual([undefined, undefined, undefined]);
  });

  it("fails the build when a renderer writes over a page of the site", async () => {
    const clash: Renderer = {
      name: "clash",
      render: (_context, write) => write({ path: "/pages/tiny/index.html", content: "" }),
    };
    const { error } = await buildTiny([chapterLists(), clash]);
    expect(String(error instanceof Error ? messages(error) : error)).toContain(
      'minibooks renderer "clash": /pages/tiny/index.html is already a file of the site; give it another path.',
    );
  });
});

/** An error's message and its causes' messages, as Eleventy wraps them. */
function messages(error: Error): string {
  const all: string[] = [];
  for (
    let e: unknown = error;
    e instanceof Error;
    e = (e as Error & { originalError?: unknown }).originalError ?? e.cause
  ) {
    all.push(e.message);
  }
  return all.join("\n");
}
