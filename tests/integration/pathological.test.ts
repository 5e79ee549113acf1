import { rm } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import markdownIt from "markdown-it";
import { afterAll, describe, expect, it } from "vitest";
import { PATHOLOGICAL_CASES, pathologicalBody, writePathologicalBook } from "../../bench/pathological-book.js";
import { CHECKS, runSiteChecks } from "../../src/book/checks.js";
import { readContent } from "../../src/book/content.js";
import { authorMarkdown } from "../../src/eleventy/markdown.js";
import { pageFactsPlugin } from "../../src/eleventy/markdown-facts.js";
import { BuildFacts } from "../../src/eleventy/page-facts.js";
import { styleClassesPlugin } from "../../src/eleventy/style-classes.js";
import { runCli } from "../helpers/cli.js";

/**
 * Every check takes time in proportion to what it reads. Before, a line of 100 KB of "<" or "]("
 * took 15 to 19 s and 50 KB of "## x" 13 s, growing with the square of the size; now 1 MB of any of
 * them takes a few seconds (`npm run bench:pathological` measures each). The bounds here are far
 * above that, so a busy machine never fails them, and far below what a check that reads its input
 * again from every place would take (hours for 1 MB).
 */
const MEGABYTE = 1_000_000;
const BOUND_MS = 120_000;
const SOME = [
  '"<"',
  '"!["',
  '"["',
  '"]("',
  '"## x\\n"',
  '"# x\\n"',
  '"<a href=\\"x\\">"',
  '"<div></p>"',
  '"[a](b)"',
  "a table",
  "mix, seed 2",
];

const temporary: string[] = [];
afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Reads, renders and checks one chapter the way a build does, in this process; the milliseconds it took. */
function checkChapter(body: string): number {
  const started = performance.now();
  const text = `---\ntitle: Large\ndescription: D\nbook: patho\nchapter: 1\n---\n\n${body}\n`;
  const content = readContent([
    { file: "pages/patho.md", text: "---\ntitle: Book\ndescription: D\n---\n\nText.\n" },
    { file: "pages/patho-chapter-1.md", text },
  ]);
  const facts = new BuildFacts("/site", "/out");
  facts.records.of("pages/patho-chapter-1.md").bodyStart = 7;
  const md = markdownIt({ html: true })
    .use(authorMarkdown)
    .use(pageFactsPlugin, () => facts)
    .use(styleClassesPlugin);
  md.render(body, { page: { url: "/pages/patho-chapter-1/", inputPath: "/site/pages/patho-chapter-1.md" } });
  const built = facts.built();
  runSiteChecks({ ...content.facts, built, served: new Set(["/pages/patho/index.html"]) }, CHECKS);
  return performance.now() - started;
}

describe("the checks over a chapter of 1 MB of one kind of markup", () => {
  it.each(PATHOLOGICAL_CASES.filter((c) => SOME.includes(c.name)).map((c) => [c.name, c] as const))(
    "read, render and check %s in bounded time",
    (_, which) => {
      expect(checkChapter(pathologicalBody(which, MEGABYTE))).toBeLessThan(BOUND_MS);
    },
    BOUND_MS * 2,
  );

  // The whole command: every page through its layouts, the site checks, and the problems printed.
  // It makes no EPUB, PDF, print page or feed: a chapter of 200,000 headings once took minutes in them.
  it.each([
    ['"## x\\n"', 0, /^Content is valid \(\d+\.\d+ s\)\.$/m],
    ['"[a](b)"', 1, /^166667 problem\(s\) found in \d+\.\d+ s\.$/m],
  ] as const)(
    "npm run check takes a 1 MB chapter of %s in bounded time",
    async (name, code, said) => {
      const which = PATHOLOGICAL_CASES.find((c) => c.name === name);
      if (!which) throw new Error(`no case ${name}`);
      const book = await mkdtemp(path.join(tmpdir(), "minibooks-pathological-"));
      temporary.push(book);
      await writePathologicalBook(book, pathologicalBody(which, MEGABYTE));
      const started = performance.now();
      const run = await runCli("check", [], book);
      expect(performance.now() - started).toBeLessThan(BOUND_MS * 2);
      expect(run.code).toBe(code);
      expect(`${run.stdout}${run.stderr}`).toMatch(said);
    },
    BOUND_MS * 4,
  );

  it(
    "npm run check takes a 1 MB chapter of mixed markup, and reports its problems, in bounded time",
    async () => {
      const book = await mkdtemp(path.join(tmpdir(), "minibooks-pathological-"));
      temporary.push(book);
      await writePathologicalBook(book, pathologicalBody({ name: "mix", mix: 2 }, MEGABYTE));
      const started = performance.now();
      const run = await runCli("check", [], book);
      expect(performance.now() - started).toBeLessThan(BOUND_MS * 2);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^pages\/patho-chapter-1\.md:\d+:\d+: /m);
    },
    BOUND_MS * 4,
  );
});
