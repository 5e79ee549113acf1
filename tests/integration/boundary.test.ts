import { lstat, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Pictures } from "../../src/eleventy/pictures.js";
import { REPO_ROOT, buildSite, failureReport } from "../../src/site/build.js";
import { copyFixture, runCli } from "../helpers/cli.js";

const CHAPTER_3 = [
  "---",
  "title: Secrets",
  "description: What lies outside.",
  "book: garden",
  "chapter: 3",
  "---",
  "",
  "## Outside",
  "",
  "Text from outside the repository.",
].join("\n");

let dir: string;
let outside: string;
beforeEach(async () => {
  dir = await copyFixture("small-book");
  outside = await mkdtemp(path.join(tmpdir(), "minibooks-outside-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("the repository is the boundary", () => {
  it("refuses a picture linked from outside the repository, naming the file", async () => {
    await writeFile(path.join(outside, "secret.txt"), "password");
    await symlink(path.join(outside, "secret.txt"), path.join(dir, "images/secret.txt"));
    const run = await runCli("build", [], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `images/secret.txt: is a symbolic link to ${path.join(outside, "secret.txt")}, outside the repository; ` +
        "nothing outside the repository is published. Fix: copy the file into the repository instead of linking to it",
    );
    await expect(lstat(path.join(dir, "_site"))).rejects.toThrow();
  });

  it("refuses a chapter linked from outside the repository, and a linked folder", async () => {
    await writeFile(path.join(outside, "garden-chapter-3.md"), CHAPTER_3);
    await symlink(path.join(outside, "garden-chapter-3.md"), path.join(dir, "pages/garden-chapter-3.md"));
    await symlink(outside, path.join(dir, "images/elsewhere"));
    // Built in this process, with `npm run build`'s code and report; the test above runs the command.
    const result = await buildSite({ input: dir, output: path.join(dir, "_site") });
    expect(result.ok).toBe(false);
    const report = failureReport(result, "_site");
    expect(report).toMatch(/^pages\/garden-chapter-3\.md: is a symbolic link to .*, outside the repository/m);
    expect(report).toMatch(/^images\/elsewhere: is a symbolic link to .*, outside the repository/m);
    expect(report).not.toContain("Text from outside");
  });

  it("copies a link that stays inside the repository as the bytes of its target", async () => {
    await symlink("soil.png", path.join(dir, "images/seedling.png"));
    expect(await buildSite({ input: dir, output: path.join(dir, "_site") })).toEqual({ ok: true, problems: [] });
    const copy = path.join(dir, "_site/images/seedling.png");
    expect((await lstat(copy)).isSymbolicLink()).toBe(false);
    expect(await readFile(copy)).toEqual(await readFile(path.join(dir, "images/soil.png")));
  });

  it("never reads a picture through %2e%2e/ from outside the content root", async () => {
    const facts = new Pictures(dir, path.join(outside, "_site"));
    const escaping = `/images/%2e%2e/%2e%2e/${path.relative(path.dirname(dir), path.join(REPO_ROOT, "tests/fixtures/small-book/images/soil.png"))}`;
    expect(facts.picture(escaping, { alt: "", sizes: "100vw" })).toBeUndefined();
    expect(facts.generated.size).toBe(0);
    expect(facts.picture("/images/soil.png", { alt: "", sizes: "100vw" })).toContain("<picture>");
    await facts.finished();
  });
});

describe("only content is read, run or published", () => {
  it("names a template of another kind in pages/ and never runs it", async () => {
    const marker = path.join(outside, "ran");
    const code = `{{ range.constructor("return process.getBuiltinModule('fs').writeFileSync('${marker}', 'x')")() }}`;
    await writeFile(path.join(dir, "pages/evil.njk"), `---\npermalink: /assets/site.js\n---\n${code}\n`);
    const result = await buildSite({ input: dir, output: path.join(dir, "_site") });
    expect(result.ok).toBe(false);
    expect(failureReport(result, "_site")).toContain(
      "pages/evil.njk: is not Markdown: only .md files under pages/ are pages, and nothing else there is read or published. " +
        "Fix: write the page as Markdown (pages/evil.md), and put pictures in images/.",
    );
    await expect(lstat(marker)).rejects.toThrow();
  });

  it("refuses Markdown in a folder inside pages/, even where its URL would be one the site writes", async () => {
    await mkdir(path.join(dir, "pages/garden"));
    await writeFile(path.join(dir, "pages/garden/chapter-5.md"), CHAPTER_3.replace("chapter: 3", "chapter: 5"));
    await writeFile(path.join(dir, "pages/garden/print.md"), "---\ntitle: Print\ndescription: Mine.\n---\n\nText.\n");
    const refused = (file: string, to: string) =>
      `${file}: is in a folder inside pages/, so it is not published: every page is a Markdown file directly in pages/ ` +
      "(pages/<name>.md, published at /pages/<name>/), and its book and chapter come from its front matter. " +
      `Fix: move it to ${to}, and change the links to it.`;
    for (const command of ["build", "check"]) {
      const run = await runCli(command, [], dir);
      expect(run.code).toBe(1);
      expect(run.stderr.split("\n").filter((line) => line.startsWith("pages/"))).toEqual([
        refused("pages/garden/chapter-5.md", "pages/garden-chapter-5.md"),
        refused("pages/garden/print.md", "pages/garden-print.md"),
      ]);
      expect(run.stderr).not.toMatch(/conflict|permalink|\/tmp\//i);
    }
    await expect(lstat(path.join(dir, "_site"))).rejects.toThrow();
    // Moved where the check says, the chapter is published in its book.
    await rm(path.join(dir, "pages/garden/print.md"));
    await rename(path.join(dir, "pages/garden/chapter-5.md"), path.join(dir, "pages/garden-chapter-5.md"));
    expect(await buildSite({ input: dir, output: path.join(dir, "_site") })).toEqual({ ok: true, problems: [] });
    expect(await readFile(path.join(dir, "_site/pages/garden/index.html"), "utf8")).toContain(
      "/pages/garden-chapter-5/",
    );
  });

  it("runs no data file, in pages/ or in _data/", async () => {
    const marker = (name: string) => path.join(outside, name);
    const writer = (name: string) =>
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker(name))}, "x");\nexport default { permalink: "/hijack/" };\n`;
    await mkdir(path.join(dir, "_data"));
    await writeFile(path.join(dir, "_data/evil.js"), writer("global"));
    await writeFile(path.join(dir, "pages/garden-chapter-1.11tydata.js"), writer("template"));
    await writeFile(path.join(dir, "pages/garden-chapter-2.json"), JSON.stringify({ permalink: "/hijack/" }));
    const result = await buildSite({ input: dir, output: path.join(dir, "_site") });
    const report = failureReport(result, "_site");
    expect(report).toContain("pages/garden-chapter-1.11tydata.js: is not Markdown");
    expect(report).toContain("pages/garden-chapter-2.json: is not Markdown");
    await expect(lstat(marker("global"))).rejects.toThrow();
    await expect(lstat(marker("template"))).rejects.toThrow();
    // Without the files in pages/, the build passes and _data/ changed nothing.
    await rm(path.join(dir, "pages/garden-chapter-1.11tydata.js"));
    await rm(path.join(dir, "pages/garden-chapter-2.json"));
    expect(await buildSite({ input: dir, output: path.join(dir, "_site") })).toEqual({ ok: true, problems: [] });
    await expect(lstat(marker("global"))).rejects.toThrow();
    await expect(lstat(path.join(dir, "_site/hijack"))).rejects.toThrow();
  });

  it("publishes only pictures from images/, never a link to a file that is not content", async () => {
    await writeFile(path.join(dir, "images/app.js"), 'document.title = "owned";');
    await writeFile(path.join(dir, "secret.txt"), "token");
    await symlink("../secret.txt", path.join(dir, "images/leak.png"));
    const result = await buildSite({ input: dir, output: path.join(dir, "_site") });
    const report = failureReport(result, "_site");
    expect(report).toContain(
      "images/app.js: is not a picture: images/ publishes only .svg, .png, .jpg, .jpeg, .webp, .avif, .gif files.",
    );
    expect(report).toContain(
      "images/leak.png: is a symbolic link to secret.txt, which is not content: only index.md, pages/ and images/ are published. " +
        "Fix: copy what the page needs into images/ or pages/ instead of linking to secret.txt.",
    );
  });

  it("refuses an SVG that could run script when opened, at its line", async () => {
    const svg = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">',
      '  <rect width="10" height="10"/>',
      "  <script>alert(1)</script>",
      "</svg>",
    ];
    await writeFile(path.join(dir, "images/bed.svg"), svg.join("\n"));
    const result = await buildSite({ input: dir, output: path.join(dir, "_site") });
    expect(failureReport(result, "_site")).toContain(
      "images/bed.svg:3: holds a <script> element, which runs script or embeds a document when the picture is opened.",
    );
  });
});
