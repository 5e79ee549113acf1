import { readdirSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT, buildSite } from "../../src/site/build.js";
import { BUILD_MARKER } from "../../src/site/publish.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { checkContent } from "../helpers/site.js";

let dir: string;
beforeEach(async () => {
  dir = await copyFixture("small-book");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("npm run check", () => {
  it("passes valid content and leaves no site behind", async () => {
    // A temporary folder of its own, so other runs' scratch folders cannot be taken for its own.
    const temporary = await mkdtemp(path.join(tmpdir(), "minibooks-check-tmp-"));
    try {
      const run = await runCli("check", [], dir, { TMPDIR: temporary });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Content is valid \(\d+\.\d+ s\)\.$/m);
      expect(await readdir(dir)).not.toContain("_site");
      expect((await readdir(temporary)).filter((name) => name.startsWith("minibooks-"))).toEqual([]);
    } finally {
      await rm(temporary, { recursive: true, force: true });
    }
  });

  it("prints one line per problem and exits 1", async () => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    await writeFile(file, `${(await readFile(file, "utf8")).replace("status: red", "status: blue")}\n[x](./nope.md)\n`);
    const run = await runCli("check", [], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.',
    );
    expect(run.stdout).not.toContain("::error");
    expect(await readdir(dir)).not.toContain("_site");
  });

  it("counts each book's EPUB, PDF and print page, and the feed, as files of the site without making them", async () => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    const links =
      "[EPUB](./garden/garden.epub), [PDF](/pages/garden/garden.pdf), [print](./garden/print/), [feed](/feed.xml)";
    const text = `${await readFile(file, "utf8")}\n${links}\n`;
    await writeFile(file, text);
    // The command's own build, into a folder the test keeps to look at: it renders every page and
    // writes no file of the site, neither a page nor a picture's copy, nor either whole-book file,
    // nor the offline manifest that lists them, nor the pages that show the chapters again.
    const output = path.join(await mkdtemp(path.join(tmpdir(), "minibooks-check-outputs-")), "_site");
    try {
      const options = { input: dir, output, search: false, wholeBookOutputs: false };
      expect(await buildSite({ ...options, writeFiles: false })).toEqual({ ok: true, problems: [] });
      expect(await readdir(output, { recursive: true })).toEqual([BUILD_MARKER]);
      // The same build writing its files writes the chapters' pages and pictures, and no whole-book file.
      expect(await buildSite(options)).toEqual({ ok: true, problems: [] });
      const book = await readdir(path.join(output, "pages/garden"));
      expect(book).toContain("index.html");
      expect(book.filter((name) => /\.(epub|pdf)$/.test(name) || name === "offline.json" || name === "print")).toEqual(
        [],
      );
      expect(await readdir(output)).not.toContain("feed.xml");
    } finally {
      await rm(path.dirname(output), { recursive: true, force: true });
    }
    // A file no output makes is still a broken link.
    await writeFile(file, text.replace(links, `${links}, [MOBI](./garden/garden.mobi)`));
    const run = await runCli("check", [], dir);
    expect(run.code).toBe(1);
    const line = text.split("\n").indexOf(links) + 1;
    expect(run.stderr.split("\n").filter((l) => l.startsWith("pages/"))).toEqual([
      `pages/garden-chapter-2.md:${line}:${links.length + 3}: link: "./garden/garden.mobi" points at /pages/garden/garden.mobi, but the site has no such page or file. Fix: link to a page's URL (/pages/<name>/) or to its Markdown file (./<name>.md).`,
    ]);
  });

  it("adds GitHub annotations on the problem's file and line when GITHUB_ACTIONS=true", async () => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("chapter: 2", "chaptr: 2"));
    const run = await runCli("check", [], dir, { GITHUB_ACTIONS: "true" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error file=pages/garden-chapter-2.md,line=7,col=1,title=chaptr::is not a known front matter key. Did you mean "chapter"? Fix: rename "chaptr" to "chapter".',
    );
  });

  it("reports broken links, which only rendering finds, with annotations too", async () => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    const text = `${await readFile(file, "utf8")}\n![Bed](../images/missing.svg)\n`;
    await writeFile(file, text);
    const line = text.split("\n").findIndex((l) => l.includes("missing.svg")) + 1;
    const run = await runCli("check", [], dir, { GITHUB_ACTIONS: "true" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `::error file=pages/garden-chapter-2.md,line=${line},col=1,title=image::"../images/missing.svg" points at /images/missing.svg`,
    );
  });
});

// The check after each scaffold runs in this process, with `npm run check`'s code; the command
// itself is run as a process above.
describe("npm run new", () => {
  it("starts the next chapter of a book as a valid draft", async () => {
    const run = await runCli("new", ["chapter", "garden", "Compost & Mulch: a start"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Wrote pages/garden-chapter-3.md.");
    const text = await readFile(path.join(dir, "pages/garden-chapter-3.md"), "utf8");
    expect(text).toContain('title: "Compost & Mulch: a start"');
    expect(text).toContain("book: garden\nchapter: 3\ndraft: true");
    expect(await checkContent(dir)).toEqual([]);
  });

  it("starts a book as a draft, then its first chapter", async () => {
    expect((await runCli("new", ["book", "tool-shed", "The Tool Shed"], dir)).code).toBe(0);
    const home = await readFile(path.join(dir, "pages/tool-shed.md"), "utf8");
    expect(home).toContain('title: "The Tool Shed"');
    expect(home).toContain("\ndraft: true\n");
    const chapter = await runCli("new", ["chapter", "tool-shed", "Spades"], dir);
    expect(chapter.stdout).toContain("Wrote pages/tool-shed-chapter-1.md.");
    expect(await checkContent(dir)).toEqual([]);
  });

  it("writes placeholders that fail the check once draft is removed, each at its line", async () => {
    expect((await runCli("new", ["chapter", "garden", "Beds"], dir)).code).toBe(0);
    const file = path.join(dir, "pages/garden-chapter-3.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("draft: true\n", ""));
    expect(await checkContent(dir)).toEqual([
      "pages/garden-chapter-3.md:3:14: description: is still the placeholder npm run new wrote, and the page is no longer a draft. Fix: write one sentence that tells readers what the page gives them, or put back draft: true.",
      'pages/garden-chapter-3.md:10:1: text: "A first section" is still the placeholder npm run new wrote, and the page is no longer a draft. Fix: replace it with the page\'s own text, or put back draft: true.',
      'pages/garden-chapter-3.md:12:1: text: "Start writing here." is still the placeholder npm run new wrote, and the page is no longer a draft. Fix: replace it with the page\'s own text, or put back draft: true.',
    ]);
  });

  it("never overwrites a file", async () => {
    const mine = "---\ntitle: Mine\ndescription: A page of my own that happens to have that name.\n---\n";
    await writeFile(path.join(dir, "pages/garden-chapter-3.md"), mine);
    const run = await runCli("new", ["chapter", "garden", "Again"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("pages/garden-chapter-3.md already exists; nothing was written.");
    expect(await readFile(path.join(dir, "pages/garden-chapter-3.md"), "utf8")).toBe(mine);
  });

  it("names the nearest book when the book is unknown", async () => {
    const run = await runCli("new", ["chapter", "gardn", "Beds"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no book "gardn" (no pages/gardn.md). Did you mean "garden"?');
  });

  it("refuses a bad slug and suggests a good one", async () => {
    const run = await runCli("new", ["book", "My Garden", "Mine"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '"My Garden" is not a valid book slug: use lower-case letters, digits and dashes, for example "my-garden".',
    );
  });

  it("starts a chapter between two others with --after, halfway between their numbers", async () => {
    const run = await runCli("new", ["chapter", "garden", "Mulch", "--after", "1"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Wrote pages/garden-chapter-1-5.md.");
    const text = await readFile(path.join(dir, "pages/garden-chapter-1-5.md"), "utf8");
    expect(text).toContain("book: garden\nchapter: 1.5\ndraft: true");
    const again = await runCli("new", ["chapter", "garden", "Leaves", "--after", "1.5"], dir);
    expect(again.stdout).toContain("Wrote pages/garden-chapter-1-8.md.");
    const last = await runCli("new", ["chapter", "garden", "Winter", "--after", "2"], dir);
    expect(last.stdout).toContain("Wrote pages/garden-chapter-3.md.");
    expect(await checkContent(dir)).toEqual([]);
  });

  it("refuses --after a number that is no chapter of the book, writing nothing", async () => {
    const run = await runCli("new", ["chapter", "garden", "Mulch", "--after", "7"], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Book "garden" has no chapter 7: its chapters are 1, 2. Give --after one of those numbers, or leave --after out to add the chapter at the end.\n',
    );
    expect(await readdir(path.join(dir, "pages"))).toEqual(["garden-chapter-1.md", "garden-chapter-2.md", "garden.md"]);
    const word = await runCli("new", ["chapter", "garden", "Mulch", "--after", "two"], dir);
    expect(word.code).toBe(2);
    expect(word.stderr.split("\n")[0]).toBe('new: --after takes the number of a chapter, such as 2, not "two".');
    const book = await runCli("new", ["book", "shed", "Shed", "--after", "1"], dir);
    expect(book.code).toBe(2);
    expect(book.stderr.split("\n")[0]).toBe("new: --after places a chapter in its book; a book takes no --after.");
  });

  it("explains its usage when called wrongly", async () => {
    const run = await runCli("new", ["page"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe('new: "page" is not something it starts: say chapter or book.');
    expect(run.stderr).toContain('npm run new -- chapter <book> "<Title>"');
    const title = await runCli("new", ["chapter", "garden", "Two", "words"], dir);
    expect(title.code).toBe(2);
    expect(title.stderr.split("\n")[0]).toBe(
      'new: unexpected argument "words": put a title of several words in quotes.',
    );
  });
});

describe("every command", () => {
  const commands = readdirSync(path.join(REPO_ROOT, "src/cli"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3));

  it("is there to test", () => {
    expect(commands).toEqual(expect.arrayContaining(["budget", "build", "check", "nav", "new", "serve"]));
  });

  it.each(commands)("%s prints its usage on --help and -h, and exits 0", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const run = await runCli(command, [flag], dir);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(
        command === "serve" ? /^Usage: npm start -- / : new RegExp(`^Usage:\\s+npm run ${command} `),
      );
    }
    expect(await readdir(dir)).toEqual(["images", "index.md", "pages"]);
  });

  it.each(commands)("%s refuses an unknown option in one line, then its usage, and exits 2", async (command) => {
    const run = await runCli(command, ["--colour"], dir);
    expect(run.code).toBe(2);
    const usage = (await runCli(command, ["--help"], dir)).stdout;
    expect(run.stderr).toBe(`${command}: unknown option --colour.\n\n${usage}`);
    expect(run.stdout).toBe("");
  });
});

describe("npm run budget", () => {
  it("weighs a chapter page's HTML, CSS and JavaScript, compressed", async () => {
    const run = await runCli("budget", ["/pages/garden-chapter-1/"], dir);
    expect(run.stdout).toMatch(/^\| pages\/garden-chapter-1\/index\.html \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$/m);
    expect(run.stdout).toMatch(/^\| assets\/site\.css \|/m);
    expect(run.stdout).toMatch(/^\| assets\/site\.js \|/m);
    expect(run.stdout).toMatch(/^\| total \| [\d.]+ \| [\d.]+ \| [\d.]+ \|$/m);
    expect(run.stdout).toMatch(/this page uses \d+% of it/);
  });
});
