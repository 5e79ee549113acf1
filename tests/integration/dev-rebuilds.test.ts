import { cp, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { load, type CheerioAPI } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";

const OUTPUT = ".cache/dev-site";

/** Builds finished so far, as the dev server reports each: "Wrote 3 files (skipped 40) in 0.2 seconds". */
function builds(server: RunningDevServer): number {
  return server.output().match(/Wrote \d+ files?( \(skipped \d+\))? in/g)?.length ?? 0;
}

/** Waits until the dev server has finished `count` builds, for up to 60 s. */
async function buildsDone(server: RunningDevServer, count: number): Promise<void> {
  for (let tries = 0; tries < 600 && builds(server) < count; tries++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  if (builds(server) < count) throw new Error(`the dev server did not rebuild:\n${server.output()}`);
}

/** Every HTML, XML and text file of a site folder, by path, search index and pictures left out. */
async function siteFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(html|xml|txt)$/.test(entry.name)) continue;
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (!file.startsWith("pagefind")) files.set(file, await readFile(path.join(dir, file), "utf8"));
  }
  return files;
}

// Each test saves, waits for the rebuild, then starts a second server to compare with: minutes on a busy machine.
describe("npm start after a save", { timeout: 180_000 }, () => {
  let dir: string;
  let server: RunningDevServer;

  /** Saves a file (or deletes it with `undefined`) and waits for the rebuild it starts to be written. */
  async function save(file: string, text: string | undefined): Promise<void> {
    const count = builds(server);
    const before = server.output().length;
    if (text === undefined) await unlink(path.join(dir, file));
    else await writeFile(path.join(dir, file), text);
    await buildsDone(server, count + 1);
    // Every save here is a good one. A save the watcher catches half done (the file emptied, not yet
    // written) builds twice, the first time reporting the empty file: then the save's own build is the next.
    if (server.output().slice(before).includes("problem(s): fix them and save")) await buildsDone(server, count + 2);
  }
  /** Rewrites a file's text with `edit`. */
  async function edit(file: string, change: (text: string) => string): Promise<void> {
    await save(file, change(await readFile(path.join(dir, file), "utf8")));
  }
  /** A page as the dev server wrote it. */
  async function page(url: string): Promise<CheerioAPI> {
    return load(await readFile(path.join(dir, OUTPUT, url, "index.html"), "utf8"));
  }
  const texts = ($: CheerioAPI, selector: string) =>
    $(selector)
      .map((_, e) => $(e).text().trim())
      .get();
  const written = (url: string) => stat(path.join(dir, OUTPUT, url, "index.html")).then((s) => s.mtimeMs);

  /**
   * The site the dev server has after its partial rebuilds is the site it writes when it starts on
   * the same content: every page, byte for byte.
   */
  async function matchesFullBuild(): Promise<void> {
    const fresh = await mkdtemp(path.join(tmpdir(), "minibooks-dev-rebuilds-full-"));
    for (const entry of ["index.md", "pages", "images"]) {
      await cp(path.join(dir, entry), path.join(fresh, entry), { recursive: true, preserveTimestamps: true });
    }
    const full = startDevServer(fresh, ["--port", "0"]);
    try {
      await servedAt(full);
      const expected = await siteFiles(path.join(fresh, OUTPUT));
      const actual = await siteFiles(path.join(dir, OUTPUT));
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [file, text] of expected) expect(actual.get(file), file).toBe(text);
    } finally {
      full.stop();
      await full.exited;
      await rm(fresh, { recursive: true, force: true });
    }
  }

  beforeAll(async () => {
    dir = await copyFixture("dev-rebuilds");
    server = startDevServer(dir, ["--port", "0"]);
    await servedAt(server);
  });
  afterAll(async () => {
    server?.stop();
    await server?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it("shows a new title on the page, its neighbours' buttons and its book's lists, and nowhere the old one", async () => {
    const otherBook = await written("/pages/birds-chapter-1/");
    await edit("pages/trees-chapter-2.md", (text) => text.replace("title: Roots", "title: Deep Roots"));

    expect((await page("/pages/trees-chapter-2/"))("h1").text()).toBe("Deep Roots");
    expect(texts(await page("/pages/trees-chapter-1/"), ".chapter-nav__link--next .chapter-nav__title")).toEqual([
      "Deep Roots",
    ]);
    expect(texts(await page("/pages/trees-chapter-3/"), ".chapter-nav__link--prev .chapter-nav__title")).toEqual([
      "Deep Roots",
    ]);
    expect(texts(await page("/pages/trees/"), ".chapter-list a")).toEqual(["Seeds", "Deep Roots", "Trunks", "Leaves"]);
    for (const url of ["/pages/trees-chapter-1/", "/pages/trees-chapter-3/", "/pages/trees-chapter-4/"]) {
      expect(texts(await page(url), ".sidebar__list a"), url).toEqual(["Seeds", "Deep Roots", "Trunks", "Leaves"]);
    }
    // No page of the site shows the old title any more.
    for (const [file, html] of await siteFiles(path.join(dir, OUTPUT))) expect(html, file).not.toMatch(/>\s*Roots\s*</);
    // A page that shows nothing of the change is left as it was.
    expect(await written("/pages/birds-chapter-1/")).toBe(otherBook);
    await matchesFullBuild();
  });

  it("rewrites a page whose text changed", async () => {
    await edit("pages/trees-chapter-3.md", (text) =>
      text.replace("The trunk carries water up.", "The trunk carries water up, and sugar down."),
    );
    expect((await page("/pages/trees-chapter-3/"))(".content p").text()).toContain(
      "The trunk carries water up, and sugar down.",
    );
    await matchesFullBuild();
  });

  it("puts a new chapter in its book's lists, between its neighbours, and in the home page's count", async () => {
    await save(
      "pages/trees-chapter-2-5.md",
      "---\ntitle: Bark\ndescription: What keeps a tree whole.\nbook: trees\nchapter: 2.5\n---\n\nBark keeps the tree whole.\n",
    );
    expect((await page("/pages/trees-chapter-2-5/"))("h1").text()).toBe("Bark");
    expect(texts(await page("/pages/trees-chapter-2/"), ".chapter-nav__link--next .chapter-nav__title")).toEqual([
      "Bark",
    ]);
    expect(texts(await page("/pages/trees-chapter-3/"), ".chapter-nav__link--prev .chapter-nav__title")).toEqual([
      "Bark",
    ]);
    expect(texts(await page("/pages/trees/"), ".chapter-list a")).toEqual([
      "Seeds",
      "Deep Roots",
      "Bark",
      "Trunks",
      "Leaves",
    ]);
    expect(texts(await page("/pages/trees-chapter-1/"), ".sidebar__list a")).toContain("Bark");
    const home = await page("/");
    expect(home('.book-card:has(a[href="/pages/trees/"]) .book-card__count').text()).toBe("5 chapters");
    await matchesFullBuild();
  });

  it("takes a deleted chapter out of every list and joins its neighbours", async () => {
    await save("pages/trees-chapter-3.md", undefined);
    await expect(stat(path.join(dir, OUTPUT, "pages/trees-chapter-3/index.html"))).rejects.toThrow();
    expect(texts(await page("/pages/trees-chapter-2-5/"), ".chapter-nav__link--next .chapter-nav__title")).toEqual([
      "Leaves",
    ]);
    expect(texts(await page("/pages/trees-chapter-4/"), ".chapter-nav__link--prev .chapter-nav__title")).toEqual([
      "Bark",
    ]);
    expect(texts(await page("/pages/trees/"), ".chapter-list a")).toEqual(["Seeds", "Deep Roots", "Bark", "Leaves"]);
    expect(texts(await page("/pages/trees-chapter-1/"), ".sidebar__list a")).not.toContain("Trunks");
    const home = await page("/");
    expect(home('.book-card:has(a[href="/pages/trees/"]) .book-card__count').text()).toBe("4 chapters");
    await matchesFullBuild();
  });

  it("moves a chapter to another book and another place when its book and number change", async () => {
    await edit("pages/trees-chapter-4.md", (text) =>
      text.replace("book: trees", "book: birds").replace("chapter: 4", "chapter: 1.5"),
    );
    expect(texts(await page("/pages/birds/"), ".chapter-list a")).toEqual(["Feeders", "Leaves", "Nests"]);
    expect(texts(await page("/pages/trees/"), ".chapter-list a")).toEqual(["Seeds", "Deep Roots", "Bark"]);
    expect(texts(await page("/pages/birds-chapter-2/"), ".chapter-nav__link--prev .chapter-nav__title")).toEqual([
      "Leaves",
    ]);
    expect((await page("/pages/trees-chapter-2-5/"))('a[rel="next"]')).toHaveLength(0);
    const home = await page("/");
    expect(home('.book-card:has(a[href="/pages/birds/"]) .book-card__count').text()).toBe("3 chapters");
    expect(home('.book-card:has(a[href="/pages/trees/"]) .book-card__count').text()).toBe("3 chapters");
    await matchesFullBuild();
  });

  it("moves a renamed chapter to its new address and leaves nothing at the old one", async () => {
    const text = await readFile(path.join(dir, "pages/trees-chapter-2-5.md"), "utf8");
    await save("pages/trees-chapter-2-5.md", undefined);
    await save("pages/trees-bark.md", text);
    await expect(stat(path.join(dir, OUTPUT, "pages/trees-chapter-2-5/index.html"))).rejects.toThrow();
    expect((await page("/pages/trees-chapter-2/"))("a.chapter-nav__link--next").attr("href")).toBe(
      "/pages/trees-bark/",
    );
    await matchesFullBuild();
  });

  it("shows a book's new title on each of its chapters and on the home page", async () => {
    await edit("pages/trees.md", (text) => text.replace("title: Knowing Trees", "title: Trees Up Close"));
    for (const url of ["/pages/trees-chapter-1/", "/pages/trees-chapter-2/", "/pages/trees-bark/"]) {
      expect((await page(url))(".sidebar__book a").text(), url).toBe("Trees Up Close");
    }
    expect((await page("/"))('.book-card__title a[href="/pages/trees/"]').text()).toBe("Trees Up Close");
    await matchesFullBuild();
  });

  it("reports a front matter error once, and the next good save brings every page up to date", async () => {
    const line = 'pages/trees-chapter-1.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.';
    const before = server.output().length;
    const file = path.join(dir, "pages/trees-chapter-1.md");
    // The failed build reports its problems, then says what it wrote: the next save waits for both.
    const count = builds(server);
    await writeFile(file, (await readFile(file, "utf8")).replace("status: green", "status: blue"));
    await buildsDone(server, count + 1);
    expect(server.output().slice(before)).toContain("problem(s): fix them and save");
    expect(server.output().slice(before).split(line).length - 1).toBe(1);

    await edit("pages/trees-chapter-1.md", (text) =>
      text.replace("status: blue", "status: green").replace("title: Seeds", "title: Acorns"),
    );
    expect((await page("/pages/trees-chapter-1/"))("h1").text()).toBe("Acorns");
    expect(texts(await page("/pages/trees-chapter-2/"), ".chapter-nav__link--prev .chapter-nav__title")).toEqual([
      "Acorns",
    ]);
    expect(texts(await page("/pages/trees/"), ".chapter-list a")).toEqual(["Acorns", "Deep Roots", "Bark"]);
    await matchesFullBuild();
  });
});
