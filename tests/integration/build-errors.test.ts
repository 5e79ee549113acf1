import { cp, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildSite, failureReport } from "../../src/site/build.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { fingerprint, leftovers } from "../helpers/files.js";

const CHAPTER_2 = [
  "---",
  "title: Water",
  "description: How much and when.",
  "status: red",
  "category: educational",
  "book: garden",
  "chapter: 2",
  "---",
  "",
  "## How much",
  "",
  "An inch a week.",
].join("\n");

/** Chapter 2 of the fixture with some of its lines replaced (1-based line -> new text). */
function chapter2(replace: Record<number, string>): string {
  return CHAPTER_2.split("\n")
    .map((line, i) => replace[i + 1] ?? line)
    .join("\n");
}

interface BadCase {
  name: string;
  files: Record<string, string | null>;
  /** Lines every one of which must appear on stderr. */
  expect: (string | RegExp)[];
  /**
   * Run as `npm run build` in a process of its own, exit code and all. The other cases build in
   * this process with the same code and read the same report, without a Node start each.
   */
  command?: true;
}

const cases: BadCase[] = [
  {
    name: "malformed YAML",
    files: { "pages/garden-chapter-2.md": chapter2({ 2: "title: [Water" }) },
    expect: [/^pages\/garden-chapter-2\.md:\d+:\d+: the front matter is not valid YAML/m],

    command: true,
  },
  {
    name: "a missing title",
    files: { "pages/garden-chapter-2.md": chapter2({ 2: "" }) },
    expect: ["pages/garden-chapter-2.md:1:1: title: is required and missing."],
  },
  {
    name: "an unknown status",
    files: { "pages/garden-chapter-2.md": chapter2({ 4: "status: blue" }) },
    expect: ['pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.'],
  },
  {
    name: "an unknown category",
    files: { "pages/garden-chapter-2.md": chapter2({ 5: "category: cooking" }) },
    expect: ['pages/garden-chapter-2.md:5:11: category: found "cooking". Allowed: optimization, educational'],
  },
  {
    name: "a typo'd key",
    files: { "pages/garden-chapter-2.md": chapter2({ 7: "chaptr: 2" }) },
    expect: ['pages/garden-chapter-2.md:7:1: chaptr: is not a known front matter key. Did you mean "chapter"?'],
  },
  {
    name: "a chapter that is not a number",
    files: { "pages/garden-chapter-2.md": chapter2({ 7: "chapter: two" }) },
    expect: ['pages/garden-chapter-2.md:7:10: chapter: found "two". Allowed: a finite number'],
  },
  {
    name: "a chapter that is not finite",
    files: { "pages/garden-chapter-2.md": chapter2({ 7: "chapter: .inf" }) },
    expect: ["pages/garden-chapter-2.md:7:10: chapter: found Infinity (not a finite number)."],
  },
  {
    name: "two chapters with one number",
    files: { "pages/garden-chapter-2.md": chapter2({ 7: "chapter: 1" }) },
    expect: [
      'pages/garden-chapter-1.md:7:10: chapter: 1 of book "garden" is taken twice: by pages/garden-chapter-1.md (line 7) and by pages/garden-chapter-2.md (line 7). Fix: give one of them a free number, for example chapter: 2.',
      'pages/garden-chapter-2.md:7:10: chapter: 1 of book "garden" is taken twice: by pages/garden-chapter-1.md (line 7) and by pages/garden-chapter-2.md (line 7). Fix: give one of them a free number, for example chapter: 2.',
    ],
  },
  {
    name: "an unknown book",
    files: { "pages/garden-chapter-2.md": chapter2({ 6: "book: gardn" }) },
    expect: [
      'pages/garden-chapter-2.md:6:7: book: "gardn" has no home page: there is no pages/gardn.md.',
      'did you mean "garden"?',
    ],
  },
  {
    name: "a book slug with spaces",
    files: { "pages/garden-chapter-2.md": chapter2({ 6: "book: my garden" }) },
    expect: ['pages/garden-chapter-2.md:6:7: book: found "my garden". Allowed: a slug', "write book: my-garden"],
  },
  {
    name: "a broken internal link",
    files: { "pages/garden-chapter-2.md": `${CHAPTER_2}\n\nSee [soil](/pages/garden-chapter-9/).` },
    expect: ['pages/garden-chapter-2.md:14:5: link: "/pages/garden-chapter-9/" points at /pages/garden-chapter-9/'],
  },
  {
    name: "a broken #fragment",
    files: { "pages/garden-chapter-2.md": `${CHAPTER_2}\n\nSee [testing](./garden-chapter-1.md#testing-soill).` },
    expect: [
      'pages/garden-chapter-2.md:14:5: link: "./garden-chapter-1.md#testing-soill" points at #testing-soill',
      "did you mean #testing-soil?",
    ],
  },
  {
    name: "a missing image",
    files: { "pages/garden-chapter-2.md": `${CHAPTER_2}\n\n![A bed](../images/beds.svg)` },
    expect: [
      'pages/garden-chapter-2.md:14:1: image: "../images/beds.svg" points at /images/beds.svg, but the site has no such image.',
    ],
  },
  {
    name: "a malformed external link",
    files: { "pages/garden-chapter-2.md": `${CHAPTER_2}\n\nSee [the almanac](https://).` },
    expect: ['pages/garden-chapter-2.md:14:5: link: "https://" is not a well-formed URL.'],
  },
  {
    name: "an empty file",
    files: { "pages/garden-chapter-2.md": "" },
    expect: ["pages/garden-chapter-2.md:1:1: the file is empty."],
  },
  {
    name: "several problems in several files",
    files: {
      "pages/garden-chapter-1.md": chapter2({ 4: "status: blue", 7: "chapter: 3" }),
      "pages/garden-chapter-2.md": chapter2({ 5: "category: cooking" }),
    },
    expect: ["pages/garden-chapter-1.md:4:9: status:", "pages/garden-chapter-2.md:5:11: category:"],

    command: true,
  },
];

/** `npm run build` in a folder, run in this process: its exit code and what it prints on stderr. */
async function buildHere(dir: string): Promise<{ code: number; stderr: string }> {
  const result = await buildSite({ input: dir, output: path.join(dir, "_site") });
  return result.ok ? { code: 0, stderr: "" } : { code: 1, stderr: `${failureReport(result, "_site")}\n` };
}

let built: string;
let before: string;
beforeAll(async () => {
  // One good build, copied for each case, which then breaks its copy and builds again.
  built = await copyFixture("small-book");
  const first = await runCli("build", [], built);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  before = await fingerprint(path.join(built, "_site"));
});
afterAll(() => rm(built, { recursive: true, force: true }));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "minibooks-build-errors-"));
  await cp(built, dir, { recursive: true, verbatimSymlinks: true }); // _site stays a link to its own build
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("npm run build on bad content", () => {
  it.each(cases)("fails on $name, says where and how to fix it, and keeps the previous site", async (bad) => {
    for (const [file, text] of Object.entries(bad.files)) {
      if (text === null) await unlink(path.join(dir, file));
      else await writeFile(path.join(dir, file), text);
    }
    const run = bad.command ? await runCli("build", [], dir) : await buildHere(dir);
    expect(run.code).toBe(1);
    for (const expected of bad.expect) {
      if (typeof expected === "string") expect(run.stderr).toContain(expected);
      else expect(run.stderr).toMatch(expected);
    }
    expect(run.stderr).toContain("_site/ was left as it was");
    expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    expect(await fingerprint(path.join(dir, "_site"))).toBe(before);
    expect(await leftovers(dir)).toEqual([]);
  });
});
