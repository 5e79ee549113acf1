import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandResult } from "../../bench/run-command.js";
import { formatProblem, sortProblems } from "../../src/book/problem.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { build, type BuiltSite } from "../helpers/site.js";

/** A page of its own for each piece of markup a browser reads otherwise than the checks would. */
const HOSTILE: Record<string, { body: string; problems: string[] }> = {
  "cdata-script": {
    body: '<![CDATA[ > <script src="../images/bed.svg"></script> ]]>',
    problems: ['8:1: html: "<![CDATA[" is not CDATA in a page', "8:13: html: <script> is not allowed in a page"],
  },
  "cdata-refresh": {
    body: 'Inline <![CDATA[ > <meta http-equiv="refresh" content="0;url=https://evil.example/"> ]]> here.',
    problems: ['8:8: html: "<![CDATA[" is not CDATA in a page', "8:20: html: <meta> is not allowed in a page"],
  },
  "cdata-link": {
    body: '<![CDATA[ > <a href="javascript:alert(1)">x</a> ]]>',
    problems: [
      '8:1: html: "<![CDATA[" is not CDATA in a page',
      '8:16: link: "javascript:alert(1)" is a javascript: link',
    ],
  },
  "unfinished-iframe": {
    body: "<iframe title='\n\n' src=https://evil.example/phish width=1000 x",
    problems: ["8:1: html: the tag <iframe> is never finished"],
  },
  "unfinished-details": {
    body: "<details title='\n\n' open ontoggle=alert(1) x",
    problems: ["8:1: html: the tag <details> is never finished"],
  },
  "unclosed-comment": {
    body: "<!-- hidden\n\n<p>Never shown.</p>",
    problems: ['8:1: html: the comment "<!--" is never closed'],
  },
  "deep-html": {
    body: `${"<div>".repeat(5000)}x${"</div>".repeat(5000)}`,
    problems: ["8:501: html: raw HTML is nested more than 100 elements deep here"],
  },
  "fence-handler": {
    body: '```x"onmouseover="alert(5)\ncode\n```',
    problems: ['8:1: code: the code block\'s language "x"onmouseover="alert(5)" is not a language name'],
  },
  "fence-plaintext": {
    body: '```x"><plaintext>\ncode\n```',
    problems: ['8:1: code: the code block\'s language "x"><plaintext>" is not a language name'],
  },
  "layout-ids": {
    body: '<div id="main">a</div> <span id="search-results">b</span>\n\n<a name="sidebar">c</a>',
    problems: [
      '8:6: html: id="main" is an id',
      '8:30: html: id="search-results" is an id',
      "10:4: html: <a name> is obsolete HTML",
    ],
  },
};

/** A page of the fixture book, holding `body` from its line 8. */
function page(name: string, body: string): string {
  return ["---", `title: ${name}`, `description: The ${name} case.`, "---", "", "Text.", "", body, ""].join("\n");
}

/** Every file under a folder, with its text. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    names.filter((entry) => entry.isFile()).map((entry) => readFile(path.join(entry.parentPath, entry.name), "latin1")),
  );
}

let site: BuiltSite;
beforeAll(async () => {
  const content = await copyFixture("small-book");
  for (const [name, { body }] of Object.entries(HOSTILE))
    await writeFile(path.join(content, `pages/${name}.md`), page(name, body));
  site = await build(content);
});
afterAll(() => site?.dispose());

describe("raw HTML and Markdown that browsers read otherwise than they look", () => {
  it.each(Object.entries(HOSTILE))("refuses the %s page, each problem at its line and column", (name, { problems }) => {
    const lines = sortProblems(site.result.problems)
      .filter((problem) => problem.file === `pages/${name}.md`)
      .map(formatProblem);
    expect(lines).toHaveLength(problems.length);
    for (const [i, start] of problems.entries())
      expect(lines[i].startsWith(`pages/${name}.md:${start}`), lines[i]).toBe(true);
  });

  it("publishes nothing, and leaves nothing of the markup anywhere beside the output", async () => {
    expect(site.result.ok).toBe(false);
    expect(existsSync(site.output)).toBe(false);
    for (const text of await filesUnder(path.dirname(site.output))) {
      expect(text).not.toMatch(/evil\.example|onmouseover|ontoggle|plaintext|CDATA/);
    }
  });
});

describe("npm run build and npm run check over raw HTML nested 5000 deep in a chapter", () => {
  let dir: string;
  let temp: string;
  let built: CommandResult;
  let checked: CommandResult;
  beforeAll(async () => {
    dir = await copyFixture("small-book");
    temp = await mkdtemp(path.join(tmpdir(), "minibooks-deep-tmp-"));
    const chapter = page("Deep", `${"<div>".repeat(5000)}x${"</div>".repeat(5000)}`).replace(
      "---\n\n",
      "book: garden\nchapter: 3\n---\n\n",
    );
    await writeFile(path.join(dir, "pages/garden-chapter-3.md"), chapter);
    [built, checked] = [await runCli("build", [], dir), await runCli("check", [], dir, { TMPDIR: temp })];
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(temp, { recursive: true, force: true });
  });

  it("fails with the problem at its line, no stack trace, and no site", async () => {
    const problem = "pages/garden-chapter-3.md:10:501: html: raw HTML is nested more than 100 elements deep here";
    for (const run of [built, checked]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(problem);
      expect(run.stderr).not.toMatch(/\bat .*\.(ts|js):\d+|Maximum call stack/);
    }
    expect(existsSync(path.join(dir, "_site"))).toBe(false);
  });

  it("leaves no temporary folder of the check behind", async () => {
    expect(await readdir(temp)).toEqual([]);
  });
});
