import { lstat, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BuildFacts } from "../../src/eleventy/page-facts.js";
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
    const facts = new BuildFacts(dir, path.join(outside, "_site"));
    const escaping = `/images/%2e%2e/%2e%2e/${path.relative(path.dirname(dir), path.join(REPO_ROOT, "tests/fixtures/small-book/images/soil.png"))}`;
    expect(facts.picture(escaping, { alt: "", sizes: "100vw" })).toBeUndefined();
    expect(facts.generated.size).toBe(0);
    expect(facts.picture("/images/soil.png", { alt: "", sizes: "100vw" })).toContain("<picture>");
    await facts.finished();
  });
});
