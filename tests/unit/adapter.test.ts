import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { describe, expect, it } from "vitest";
import {
  contentPages,
  errorMessages,
  frontMatterEngine,
  itemsAt,
  pageOfRender,
  preprocessedFile,
} from "../../src/eleventy/adapter.js";

const input = path.join("/site");
const api = {
  getAll: () => [
    { url: "/", inputPath: "/site/index.md" },
    { url: "/pages/a/", inputPath: "/site/pages/a.md" },
    { url: false as const, inputPath: "/site/pages/hidden.md" },
    { url: "/404.html", inputPath: "/site/404.njk" },
  ],
};

describe("the Eleventy adapter", () => {
  it("turns Eleventy's Markdown items into pages with a URL and a content file", () => {
    expect(contentPages(api, input)).toEqual([
      { url: "/", file: "index.md" },
      { url: "/pages/a/", file: "pages/a.md" },
    ]);
  });

  it("picks collection items by URL", () => {
    expect(itemsAt(api, (url) => url.startsWith("/pages/")).map((item) => item.inputPath)).toEqual([
      "/site/pages/a.md",
    ]);
  });

  it("finds the page a Markdown render is for, and nothing for other renders", () => {
    expect(pageOfRender({ page: { url: "/pages/a/", inputPath: "/site/pages/a.md" } }, input)).toEqual({
      url: "/pages/a/",
      file: "pages/a.md",
      draft: false,
    });
    expect(pageOfRender({ page: { url: "/pages/a/", inputPath: "/site/pages/a.md" }, draft: true }, input)?.draft).toBe(
      true,
    );
    expect(pageOfRender({}, input)).toBeUndefined();
    expect(pageOfRender(undefined, input)).toBeUndefined();
    expect(pageOfRender({ page: { url: false, inputPath: "/site/x.md" } }, input)).toBeUndefined();
  });

  it("hands the front matter engine each page's text with its content file", () => {
    const engine = frontMatterEngine(
      (text, file) => ({ text, file }),
      () => input,
    );
    expect(engine("title: A", { filePath: "/site/pages/a.md" })).toEqual({ text: "title: A", file: "pages/a.md" });
    expect(engine("title: B")).toEqual({ text: "title: B", file: undefined });
  });

  it("names the content file a preprocessor is handed", () => {
    expect(preprocessedFile({ page: { inputPath: "/site/pages/a.md" } }, input)).toBe("pages/a.md");
    expect(preprocessedFile({}, input)).toBeUndefined();
  });

  it("lists the messages of an error and of the errors Eleventy wrapped it in", () => {
    const inner = new Error("inner");
    const outer = Object.assign(new Error("outer"), { originalError: new Error("middle", { cause: inner }) });
    expect(errorMessages(outer)).toEqual(["outer", "middle", "inner"]);
    expect(errorMessages("text")).toEqual([]);
  });
});

describe("the parts of Eleventy the dev server resets", () => {
  it("are where it looks for them: the templates kept from build to build, and the file list watching starts from", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-adapter-"));
    try {
      await writeFile(path.join(dir, "index.md"), "# Home\n");
      await writeFile(path.join(dir, "config.mjs"), "export default function () {}\n");
      const eleventy = new Eleventy(dir, path.join(dir, "_site"), {
        configPath: path.join(dir, "config.mjs"),
        quietMode: true,
      });
      eleventy.disableLogger();
      await eleventy.init();
      expect(eleventy.writer._templatePathCache).toBeInstanceOf(Map);
      const files = (await eleventy.eleventyFiles.getFiles()) as string[];
      expect(files.map((file) => path.resolve(file))).toEqual([path.join(dir, "index.md")]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
