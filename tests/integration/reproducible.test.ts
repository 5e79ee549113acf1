import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/site/build.js";
import { runCli } from "../helpers/cli.js";
import { checkContent } from "../helpers/site.js";

const run = promisify(execFile);

/** Every file under a folder (followed if it is a link), by path, with its bytes. */
async function files(dir: string): Promise<Map<string, Buffer>> {
  const root = await import("node:fs/promises").then((fs) => fs.realpath(dir));
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const found = new Map<string, Buffer>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(root, file), await readFile(file));
  }
  return found;
}

/** Commits everything in a repository with a fixed date. */
async function commit(repo: string, message: string, date: string): Promise<void> {
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=Author", "-c", "user.email=author@example.org", ...args], { cwd: repo, env });
  await git("add", "-A");
  await git("commit", "-q", "-m", message);
}

const CAFE = [
  "---",
  "title: Coffee grounds",
  "description: Feeding the soil.",
  "book: garden",
  "chapter: 3",
  "---",
  "",
  "Spread them thin.",
].join("\n");

describe("two builds of one commit", () => {
  let dir: string;
  let first: Map<string, Buffer>;
  let second: Map<string, Buffer>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "minibooks-reproducible-"));
    const origin = path.join(dir, "origin");
    await cp(path.join(REPO_ROOT, "tests/fixtures/small-book"), origin, { recursive: true });
    await run("git", ["init", "-q"], { cwd: origin });
    await commit(origin, "The garden book", "2026-01-02T03:04:05Z");
    await writeFile(path.join(origin, "pages/garden-café.md"), CAFE);
    await commit(origin, "A chapter with a name outside ASCII", "2026-02-03T04:05:06Z");
    // Two clones, checked out at different times.
    for (const name of ["one", "two"]) {
      await run("git", ["clone", "-q", origin, name], { cwd: dir });
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    for (const name of ["one", "two"]) {
      const built = await runCli("build", [], path.join(dir, name));
      expect(built.stderr).toBe("");
    }
    first = await files(path.join(dir, "one/_site"));
    second = await files(path.join(dir, "two/_site"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("are byte-identical, feed, sitemap and the book's PDF included", () => {
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    const differing = [...first].filter(([file, bytes]) => !bytes.equals(second.get(file)!)).map(([file]) => file);
    expect(differing).toEqual([]);
    expect(first.has("feed.xml") && first.has("sitemap.xml")).toBe(true);
    expect(first.has("pages/garden/garden.pdf")).toBe(true);
  });

  it("date the feed from git: each entry by its last commit, the feed by the newest", () => {
    const feed = first.get("feed.xml")!.toString();
    expect(feed).toMatch(/^ {2}<updated>2026-02-03T04:05:06Z<\/updated>$/m);
    const entries = [
      ...feed.matchAll(/<entry>[\s\S]*?<link href="([^"]+)" \/>[\s\S]*?<updated>([^<]+)<\/updated>/g),
    ].map((m) => [m[1], m[2]]);
    expect(entries).toEqual([
      ["https://minibooks.example.org/pages/garden-caf%C3%A9/", "2026-02-03T04:05:06Z"],
      ["https://minibooks.example.org/pages/garden-chapter-1/", "2026-01-02T03:04:05Z"],
      ["https://minibooks.example.org/pages/garden-chapter-2/", "2026-01-02T03:04:05Z"],
    ]);
  });

  it("list pages only in the sitemap, each <loc> URL-escaped", () => {
    const sitemap = first.get("sitemap.xml")!.toString();
    const locs = [...sitemap.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([
      "https://minibooks.example.org/",
      "https://minibooks.example.org/pages/garden/",
      "https://minibooks.example.org/pages/garden-caf%C3%A9/",
      "https://minibooks.example.org/pages/garden-chapter-1/",
      "https://minibooks.example.org/pages/garden-chapter-2/",
    ]);
    expect(sitemap).toContain("<lastmod>2026-02-03</lastmod>");
  });
});

describe("a page file name that can't be a clean URL", () => {
  // The first through `npm run check` itself, the others checked in this process with its code.
  it.each([
    ["pages/garden tips.md", "a space", "pages/garden-tips.md", true],
    ["pages/garden#2.md", '"#"', "pages/garden2.md", false],
    ["pages/why?.md", '"?"', "pages/why.md", false],
    ["pages/100%.md", '"%"', "pages/100.md", false],
  ])("%s is an error that suggests a slug", async (file, what, suggestion, command) => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-file-names-"));
    try {
      await cp(path.join(REPO_ROOT, "tests/fixtures/small-book"), dir, { recursive: true });
      await writeFile(path.join(dir, file), "---\ntitle: Tips\ndescription: Odds and ends.\n---\n\nText.\n");
      const expected =
        `${file}: the file name can't be a clean URL: it holds ${what}, which every link to the page would have to escape. ` +
        `Fix: rename it to ${suggestion} (letters, digits and dashes), and change the links to it.`;
      if (command) {
        const result = await runCli("check", [], dir);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(expected);
      } else {
        expect(await checkContent(dir)).toContain(expected);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
