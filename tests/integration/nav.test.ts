import { execFile } from "node:child_process";
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { load } from "cheerio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT, buildSite } from "../../src/site/build.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { sharedSite } from "../helpers/shared.js";

const exec = promisify(execFile);

/** Git, isolated from the machine's own settings, as a fresh CI runner would have it. */
async function git(dir: string, ...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Author",
    GIT_AUTHOR_EMAIL: "author@example.org",
    GIT_COMMITTER_NAME: "Author",
    GIT_COMMITTER_EMAIL: "author@example.org",
  };
  return (await exec("git", args, { cwd: dir, env })).stdout;
}

/** Rewrites a file of the repository. */
async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const at = path.join(dir, file);
  await writeFile(at, change(await readFile(at, "utf8")));
}

/** A new chapter of the fixture book. */
const chapter = (title: string, number: number, extra = "") =>
  `---\ntitle: ${title}\ndescription: What ${title.toLowerCase()} does.\nstatus: red\ncategory: educational\nbook: trees\nchapter: ${number}\n${extra}---\n\nA few words.\n`;

/** Commits everything on a new branch made from main. */
async function commitOnBranch(dir: string, branch: string, change: () => Promise<void>): Promise<void> {
  await git(dir, "checkout", "-q", "-b", branch, "main");
  await change();
  await git(dir, "add", "-A");
  await git(dir, "commit", "-q", "-m", branch);
}

/**
 * `npm run check` in the test's repository, with its scratch folder in a temporary folder of the
 * test's own, so it never meets another test's.
 */
const check = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli("check", args, dir, { TMPDIR: scratch, ...env });

let dir: string;
let scratch: string;
beforeEach(async () => {
  dir = await copyFixture("nav-book");
  scratch = await mkdtemp(path.join(tmpdir(), "minibooks-nav-scratch-"));
  await git(dir, "init", "-q", "-b", "main");
  await git(dir, "add", "-A");
  await git(dir, "commit", "-q", "-m", "The trees book");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

describe("npm run nav", () => {
  it("prints every book's reading order, drafts in their place without a position", async () => {
    await writeFile(path.join(dir, "pages/trees-sap.md"), chapter("Sap", 2.5, "draft: true\n"));
    const run = await runCli("nav", [], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "Trees (trees) /pages/trees/ pages/trees.md: 4 chapters",
        "  #  chapter  title     status  read   file                      url",
        "  1  1        Roots     green   1 min  pages/trees-chapter-1.md  /pages/trees-chapter-1/",
        "  2  2        Trunk     green   1 min  pages/trees-chapter-2.md  /pages/trees-chapter-2/",
        "  -  2.5      Sap       red     1 min  pages/trees-sap.md        /pages/trees-sap/        draft",
        "  3  3        Branches  green   1 min  pages/trees-chapter-3.md  /pages/trees-chapter-3/",
        "  4  4        Leaves    green   1 min  pages/trees-chapter-4.md  /pages/trees-chapter-4/",
        "",
      ].join("\n"),
    );
  });

  it("gives the same order as JSON, for tools", async () => {
    const run = await runCli("nav", ["--json"], dir);
    const { books } = JSON.parse(run.stdout);
    expect(books).toHaveLength(1);
    expect(books[0]).toMatchObject({
      slug: "trees",
      title: "Trees",
      file: "pages/trees.md",
      url: "/pages/trees/",
      draft: false,
    });
    expect(books[0].chapters[1]).toEqual({
      position: 2,
      chapter: 2,
      title: "Trunk",
      file: "pages/trees-chapter-2.md",
      url: "/pages/trees-chapter-2/",
      status: "green",
      draft: false,
      minutes: 1,
    });
  });

  it("says so in one line when nothing changed since the base", async () => {
    const run = await runCli("nav", ["--base", "main"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("No change to any book's chapters, buttons or URLs since main.\n");
  });

  it("names an inserted chapter 2.5, the chapters it moves, a retitled chapter and every button that changes", async () => {
    await commitOnBranch(dir, "bark", async () => {
      await writeFile(path.join(dir, "pages/trees-bark.md"), chapter("Bark", 2.5));
      await edit(dir, "pages/trees-chapter-3.md", (text) => text.replace("title: Branches", "title: Boughs"));
    });
    const head = await git(dir, "rev-parse", "HEAD");
    const run = await runCli("nav", ["--base", "main"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "Compared with main:",
        "",
        'Book "Trees" (trees): 5 chapters, was 4',
        '  added at position 3 (chapter 2.5): "Bark", pages/trees-bark.md',
        '  "Boughs", pages/trees-chapter-3.md: moved from position 3 to 4; retitled from "Branches"',
        '  "Leaves", pages/trees-chapter-4.md: moved from position 4 to 5',
        '  next button of "Trunk" (position 2): "Branches" /pages/trees-chapter-3/ → "Bark" /pages/trees-bark/',
        '  prev button of "Boughs" (position 4): "Trunk" /pages/trees-chapter-2/ → "Bark" /pages/trees-bark/',
        '  prev button of "Leaves" (position 5): "Branches" /pages/trees-chapter-3/ → "Boughs" /pages/trees-chapter-3/',
        "",
      ].join("\n"),
    );
    // Read from git: nothing was checked out.
    expect(await git(dir, "rev-parse", "HEAD")).toBe(head);
    expect(await git(dir, "status", "--porcelain")).toBe("");
  });

  it("writes the comparison to the GitHub job summary as a Markdown table per book", async () => {
    await commitOnBranch(dir, "bark", async () => {
      await writeFile(path.join(dir, "pages/trees-bark.md"), chapter("Bark | *Outer*", 2.5));
    });
    const summary = path.join(dir, "summary.md");
    const run = await runCli("nav", ["--base", "main"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    expect(run.code).toBe(0);
    expect(await readFile(summary, "utf8")).toBe(
      [
        "## Navigation compared with main",
        "",
        "### Book Trees (trees): 5 chapters, was 4",
        "",
        "| position | chapter | title | file | change |",
        "| ---: | ---: | --- | --- | --- |",
        "| 3 | 2.5 | Bark \\| \\*Outer\\* | pages/trees-bark.md | added |",
        "| 3 → 4 | 3 | Branches | pages/trees-chapter-3.md | moved from position 3 to 4 |",
        "| 4 → 5 | 4 | Leaves | pages/trees-chapter-4.md | moved from position 4 to 5 |",
        "",
        "| button | was | now |",
        "| --- | --- | --- |",
        '| Next on 2. Trunk | "Branches" /pages/trees-chapter-3/ | "Bark \\| \\*Outer\\*" /pages/trees-bark/ |',
        '| Previous on 4. Branches | "Trunk" /pages/trees-chapter-2/ | "Bark \\| \\*Outer\\*" /pages/trees-bark/ |',
        "",
        "",
      ].join("\n"),
    );
  });

  it("reports a deleted chapter and its lost URL; the check fails on the deleted file", async () => {
    await commitOnBranch(dir, "delete", () => rm(path.join(dir, "pages/trees-chapter-2.md")));
    const run = await runCli("nav", ["--base", "main"], dir);
    expect(run.stdout).toBe(
      [
        "Compared with main:",
        "",
        'Book "Trees" (trees): 3 chapters, was 4',
        '  removed from position 2 (chapter 2): "Trunk", pages/trees-chapter-2.md',
        '  "Branches", pages/trees-chapter-3.md: moved from position 3 to 2',
        '  "Leaves", pages/trees-chapter-4.md: moved from position 4 to 3',
        '  next button of "Roots" (position 1): "Trunk" /pages/trees-chapter-2/ → "Branches" /pages/trees-chapter-3/',
        '  prev button of "Branches" (position 2): "Trunk" /pages/trees-chapter-2/ → "Roots" /pages/trees-chapter-1/',
        "",
        "URLs that disappear:",
        "  /pages/trees-chapter-2/, published by pages/trees-chapter-2.md: add `aliases: [/pages/trees-chapter-2/]` to the page that now holds its content, such as pages/trees.md.",
        "",
      ].join("\n"),
    );
    const checked = await check(["--base", "main"], { GITHUB_ACTIONS: "true" });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain(
      '::error file=pages/trees-chapter-2.md,title=aliases::/pages/trees-chapter-2/ ("Trunk") is published at main and would be lost',
    );
  });

  it("fails the check when a chapter is renamed without an alias, naming the lost URL and the alias to add", async () => {
    await commitOnBranch(dir, "rename", () =>
      rename(path.join(dir, "pages/trees-chapter-3.md"), path.join(dir, "pages/trees-branches.md")),
    );
    const nav = await runCli("nav", ["--base", "main"], dir);
    expect(nav.stdout).toBe(
      [
        "Compared with main:",
        "",
        'Book "Trees" (trees): 4 chapters',
        '  "Branches", pages/trees-branches.md: renamed from pages/trees-chapter-3.md, URL /pages/trees-chapter-3/ is now /pages/trees-branches/',
        '  next button of "Trunk" (position 2): "Branches" /pages/trees-chapter-3/ → "Branches" /pages/trees-branches/',
        '  prev button of "Leaves" (position 4): "Branches" /pages/trees-chapter-3/ → "Branches" /pages/trees-branches/',
        "",
        "URLs that disappear:",
        "  /pages/trees-chapter-3/, published by pages/trees-chapter-3.md: add `aliases: [/pages/trees-chapter-3/]` to pages/trees-branches.md.",
        "",
      ].join("\n"),
    );
    const checked = await check(["--base", "main"]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(
      'pages/trees-chapter-3.md: aliases: /pages/trees-chapter-3/ ("Branches") is published at main and would be lost: ' +
        "no page or redirect is at that URL any more, so links and bookmarks to it would break. " +
        "Fix: add `aliases: [/pages/trees-chapter-3/]` to pages/trees-branches.md.",
    );
  });

  it("passes the check when the renamed chapter keeps its old URL as an alias", async () => {
    await commitOnBranch(dir, "rename-with-alias", async () => {
      await rename(path.join(dir, "pages/trees-chapter-3.md"), path.join(dir, "pages/trees-branches.md"));
      await edit(dir, "pages/trees-branches.md", (text) =>
        text.replace("chapter: 3\n", "chapter: 3\naliases: [/pages/trees-chapter-3/]\n"),
      );
    });
    const nav = await runCli("nav", ["--base", "main"], dir);
    expect(nav.stdout).not.toContain("URLs that disappear");
    const checked = await check(["--base", "main"]);
    expect(checked.stderr).not.toContain("aliases");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(
      /^Content is valid, and every URL published at main is still served \(\d+\.\d+ s\)\.$/m,
    );
  });

  it("after a rename, names the new file in every link to the old URL, then refuses links to the alias", async () => {
    // On main, chapter 2 links to chapter 3 twice, as a Markdown file and as a URL.
    await edit(dir, "pages/trees-chapter-2.md", (text) =>
      text.replace(
        "A few words on trunk.",
        "A few words on trunk.\n\nSee [branches](./trees-chapter-3.md#about-branches), or [the same](/pages/trees-chapter-3/).",
      ),
    );
    await git(dir, "commit", "-q", "-am", "Links to chapter 3");
    const links = (await readFile(path.join(dir, "pages/trees-chapter-2.md"), "utf8")).split("\n");
    const line = links.findIndex((l) => l.startsWith("See [branches]")) + 1;
    await commitOnBranch(dir, "rename-linked", () =>
      rename(path.join(dir, "pages/trees-chapter-3.md"), path.join(dir, "pages/trees-branches.md")),
    );

    const renamed = await check(["--base", "main"]);
    expect(renamed.code).toBe(1);
    const lines = renamed.stderr.split("\n");
    expect(lines).toContain(
      `pages/trees-chapter-2.md:${line}:5: link: "./trees-chapter-3.md#about-branches" points at /pages/trees-chapter-3/, but the site has no such page or file. ` +
        "Fix: did you mean ./trees-branches.md#about-branches? pages/trees-chapter-3.md, published at /pages/trees-chapter-3/ at main, is now pages/trees-branches.md.",
    );
    expect(lines).toContain(
      `pages/trees-chapter-2.md:${line}:57: link: "/pages/trees-chapter-3/" points at /pages/trees-chapter-3/, but the site has no such page or file. ` +
        "Fix: did you mean /pages/trees-branches/? pages/trees-chapter-3.md, published at /pages/trees-chapter-3/ at main, is now pages/trees-branches.md.",
    );

    // Without the base the check cannot know of the rename, and guesses by spelling alone.
    const guessed = await check([]);
    expect(guessed.stderr).not.toContain("trees-branches");

    // With the old URL kept as an alias, a link to it is still refused: it names the page to link to.
    await edit(dir, "pages/trees-branches.md", (text) =>
      text.replace("chapter: 3\n", "chapter: 3\naliases: [/pages/trees-chapter-3/]\n"),
    );
    const aliased = await check(["--base", "main"]);
    expect(aliased.code).toBe(1);
    expect(aliased.stderr.split("\n").filter((l) => l.startsWith("pages/"))).toEqual([
      `pages/trees-chapter-2.md:${line}:5: link: "./trees-chapter-3.md#about-branches" points at /pages/trees-chapter-3/, an old URL of pages/trees-branches.md that its aliases (line 8) keep only to send old links and bookmarks on. ` +
        "Fix: link to the page itself: ./trees-branches.md#about-branches.",
      `pages/trees-chapter-2.md:${line}:57: link: "/pages/trees-chapter-3/" points at /pages/trees-chapter-3/, an old URL of pages/trees-branches.md that its aliases (line 8) keep only to send old links and bookmarks on. ` +
        "Fix: link to the page itself: /pages/trees-branches/.",
    ]);

    await edit(dir, "pages/trees-chapter-2.md", (text) =>
      text
        .replace("./trees-chapter-3.md", "./trees-branches.md")
        .replace("/pages/trees-chapter-3/", "/pages/trees-branches/"),
    );
    const fixed = await check(["--base", "main"]);
    expect(fixed.stderr).toBe("");
    expect(fixed.code).toBe(0);
  });

  it("lets a page whose file name is not ASCII be renamed, with the alias the check asks for", async () => {
    await writeFile(
      path.join(dir, "pages/café.md"),
      "---\ntitle: Café\ndescription: Where foresters meet.\n---\n\nCoffee.\n",
    );
    await git(dir, "add", "-A");
    await git(dir, "commit", "-q", "-m", "The café");
    await commitOnBranch(dir, "rename-cafe", () =>
      rename(path.join(dir, "pages/café.md"), path.join(dir, "pages/coffee-house.md")),
    );
    const renamed = await check(["--base", "main"]);
    expect(renamed.code).toBe(1);
    const fix = /Fix: add `(aliases: \[[^\]]*\])` to pages\/coffee-house\.md\./.exec(renamed.stderr);
    expect(fix?.[1]).toBe("aliases: [/pages/café/]");
    await edit(dir, "pages/coffee-house.md", (text) => text.replace("description:", `${fix?.[1]}\ndescription:`));
    const kept = await check(["--base", "main"]);
    expect(kept.stderr).toBe("");
    expect(kept.code).toBe(0);
    const output = path.join(dir, "_site");
    expect(await buildSite({ input: dir, output })).toEqual({ ok: true, problems: [] });
    const $ = load(await readFile(path.join(output, "pages/café/index.html"), "utf8"));
    expect($('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/pages/coffee-house/");
  });

  it("explains a base that does not exist, and exits 2", async () => {
    const run = await runCli("nav", ["--base", "no-such-branch"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nav: there is no commit "no-such-branch" in this repository.');
    const option = await runCli("nav", ["--base", "--json"], dir);
    expect(option.code).toBe(2);
  });
});

describe("npm run nav, loading", () => {
  /** Node options that make loading any @11ty package fail the process. */
  const refuseEleventy = () => {
    const hooks =
      'export async function resolve(specifier, context, next) { if (specifier.startsWith("@11ty/")) throw new Error("loaded " + specifier); return next(specifier, context); }';
    const preload = `import { register } from "node:module"; register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hooks)}));`;
    return { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(preload)}` };
  };

  it("reads the books and compares them with git without loading Eleventy", async () => {
    await commitOnBranch(dir, "bark", () => writeFile(path.join(dir, "pages/trees-bark.md"), chapter("Bark", 2.5)));
    const list = await runCli("nav", [], dir, refuseEleventy());
    expect(list.stderr).toBe("");
    expect(list.code).toBe(0);
    const diff = await runCli("nav", ["--base", "main"], dir, refuseEleventy());
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('added at position 3 (chapter 2.5): "Bark"');
    // The guard works: the check, which builds the site, cannot start under it.
    const checked = await check([], refuseEleventy());
    expect(checked.code).not.toBe(0);
    expect(checked.stderr).toContain("loaded @11ty/");
  });
});

describe("redirect pages", () => {
  it("serves each alias as a page that sends readers on, canonical to the new URL, kept out of the sitemap and search", async () => {
    await rename(path.join(dir, "pages/trees-chapter-3.md"), path.join(dir, "pages/trees-branches.md"));
    await edit(dir, "pages/trees-branches.md", (text) =>
      text.replace("chapter: 3\n", "chapter: 3\naliases: [/pages/trees-chapter-3/, /old/branches.html]\n"),
    );
    const output = path.join(dir, "_site");
    expect(await buildSite({ input: dir, output })).toEqual({ ok: true, problems: [] });
    for (const file of ["pages/trees-chapter-3/index.html", "old/branches.html"]) {
      const $ = load(await readFile(path.join(output, file), "utf8"));
      expect($('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/pages/trees-branches/");
      expect($('link[rel="canonical"]').attr("href")).toBe("https://minibooks.example.org/pages/trees-branches/");
      expect($('meta[name="robots"]').attr("content")).toBe("noindex");
      expect($("main a").attr("href")).toBe("/pages/trees-branches/");
      expect($("main a").text()).toBe("Branches");
      expect($("script")).toHaveLength(0);
    }
    const sitemap = await readFile(path.join(output, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/pages/trees-branches/");
    expect(sitemap).not.toContain("trees-chapter-3");
    expect(sitemap).not.toContain("branches.html");
    const feed = await readFile(path.join(output, "feed.xml"), "utf8");
    expect(feed).not.toContain("trees-chapter-3");
  });

  it("serves an alias written as /old/index.html from that file", async () => {
    await edit(dir, "pages/trees-chapter-3.md", (text) =>
      text.replace("chapter: 3\n", "chapter: 3\naliases: [/old/branches/index.html]\n"),
    );
    const output = path.join(dir, "_site");
    expect(await buildSite({ input: dir, output })).toEqual({ ok: true, problems: [] });
    const $ = load(await readFile(path.join(output, "old/branches/index.html"), "utf8"));
    expect($('meta[http-equiv="refresh"]').attr("content")).toBe("0; url=/pages/trees-chapter-3/");
  });

  it("fails the check on an alias at a URL the site writes for itself, at the alias's line, in its own words", async () => {
    await edit(dir, "pages/trees-chapter-4.md", (text) =>
      text.replace(
        "chapter: 4\n",
        "chapter: 4\naliases:\n  - /404.html\n  - /pages/trees/print/\n  - /pagefind/old.html\n",
      ),
    );
    const run = await check([]);
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n").filter((line) => line.startsWith("pages/"))).toEqual([
      "pages/trees-chapter-4.md:9:5: aliases: /404.html is the page the site shows for an address it does not have, which the site writes itself: a redirect there would take its place. Fix: remove /404.html from aliases: the site keeps that URL for its own use.",
      'pages/trees-chapter-4.md:10:5: aliases: /pages/trees/print/ is the page for printing book "trees", which the site writes itself: a redirect there would take its place. Fix: remove /pages/trees/print/ from aliases: the site keeps that URL for its own use.',
      "pages/trees-chapter-4.md:11:5: aliases: /pagefind/old.html is in /pagefind/, the folder of the site's search index, which the site writes itself: a redirect there would take its place. Fix: remove /pagefind/old.html from aliases: the site keeps that URL for its own use.",
    ]);
    expect(run.stderr).not.toMatch(/conflict|permalink/i);
  });

  it("fails the check when an alias is another page's URL, at the alias's line", async () => {
    await edit(dir, "pages/trees-chapter-4.md", (text) =>
      text.replace("chapter: 4\n", "chapter: 4\naliases:\n  - /pages/trees-chapter-1/\n"),
    );
    const run = await check([]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "pages/trees-chapter-4.md:9:5: aliases: /pages/trees-chapter-1/ is the URL of pages/trees-chapter-1.md: " +
        "a redirect there would hide that page. " +
        "Fix: remove /pages/trees-chapter-1/ from aliases, or rename pages/trees-chapter-1.md first so that its URL is free.",
    );
  });
});

describe("npm run nav on the OKR guide", () => {
  it("gives each chapter the time to read its page shows", async () => {
    const run = await runCli("nav", ["--json"], REPO_ROOT);
    expect(run.code).toBe(0);
    const chapters = (
      JSON.parse(run.stdout).books as { chapters: { url: string; minutes: number; draft: boolean }[] }[]
    )
      .flatMap((book) => book.chapters)
      .filter((chapter) => !chapter.draft);
    expect(chapters.length).toBeGreaterThan(0);
    const site = await sharedSite("repository");
    for (const chapter of chapters) {
      const $ = await site.page(chapter.url);
      expect($(".page-header .meta").text(), chapter.url).toContain(`${chapter.minutes} min read`);
    }
  });
});
