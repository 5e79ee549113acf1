import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { declaredBooks, libraryProblems } from "../helpers/library-invariants.js";
import { timeForContent } from "../helpers/repository-content.js";
import { build, copyContent, type BuiltSite } from "../helpers/site.js";

// An author's pull request, as CONTRIBUTING tells it: a copy of the repository gets a new last
// chapter, a chapter 2.5 and a new book of one chapter, each started by `npm run new` and then
// published (draft removed, placeholder text replaced). Whatever the books say, it must pass.

/** Time for work over a copy of the whole content: it grows with the content. */
const CONTENT_TIME = timeForContent(120_000, 1_000);

/** Runs `npm run new` in the content folder and returns the file it wrote. */
async function scaffold(content: string, args: string[]): Promise<string> {
  const run = await runCli("new", args, content);
  expect(run.code, run.stderr).toBe(0);
  const file = /^Wrote (\S+)\.$/m.exec(run.stdout)?.[1];
  expect(file, run.stdout).toBeDefined();
  return path.join(content, file!);
}

/** What an author does before publishing: real description and text, a status, and no `draft`. */
async function publish(file: string, changes: { chapter?: number } = {}): Promise<void> {
  const text = await readFile(file, "utf8");
  const end = text.indexOf("\n---\n", 4);
  const frontMatter = text
    .slice(0, end)
    .split("\n")
    .filter((line) => line !== "draft: true")
    .map((line) => {
      if (line.startsWith("description:")) return "description: What this page teaches, in words of its author.";
      if (line.startsWith("status:")) return "status: green";
      if (line.startsWith("chapter:") && changes.chapter !== undefined) return `chapter: ${changes.chapter}`;
      return line;
    });
  const body = "## In practice\n\nA paragraph the author wrote, with a [link home](/).\n";
  await writeFile(file, `${frontMatter.join("\n")}\n---\n\n${body}`);
}

let content: string;
let site: BuiltSite;
const added: string[] = [];

beforeAll(async () => {
  content = await copyContent();
  const [book] = declaredBooks(content).filter((b) => b.chapters.length > 0);
  const slug = book.url.split("/")[2];

  const next = await scaffold(content, ["chapter", slug, "A Chapter Added Last"]);
  await publish(next);
  added.push(next);

  // A chapter between 2 and 3: started the same way, then numbered 2.5 and named after its number.
  const between = await scaffold(content, ["chapter", slug, "A Chapter Between Two and Three"]);
  await publish(between, { chapter: 2.5 });
  const renamed = path.join(content, "pages", `${slug}-chapter-2-5.md`);
  await rename(between, renamed);
  added.push(renamed);

  const home = await scaffold(content, ["book", "field-notes", "Field Notes"]);
  await publish(home);
  const first = await scaffold(content, ["chapter", "field-notes", "The First Note"]);
  await publish(first);
  added.push(home, first);

  site = await build(content);
}, CONTENT_TIME);
afterAll(() => site?.dispose());

describe("a pull request that adds chapters and a book, copied from the repository", () => {
  it("passes npm run check", { timeout: CONTENT_TIME }, async () => {
    const run = await runCli("check", [], content);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("builds", () => {
    expect(site.result).toEqual({ ok: true, problems: [] });
  });

  it("publishes every added page", () => {
    const published = declaredBooks(content).flatMap((b) => [b.url, ...b.chapters]);
    for (const file of added) expect(published).toContain(`/pages/${path.basename(file, ".md")}/`);
  });

  const holds =
    "still holds together: every book and chapter listed, in order, reachable, counted, and no link leads nowhere";
  it(holds, { timeout: CONTENT_TIME }, async () => {
    const problems = await libraryProblems(site, content);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
