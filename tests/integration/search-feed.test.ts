import { mkdir, readdir, readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handOverOrder } from "../../src/site/search-order.js";
import { indexSearch, startSearchFeed } from "../../src/site/search.js";
import { VOCABULARY_FILE } from "../../src/site/search-vocabulary.js";
import { copyFixture } from "../helpers/cli.js";
import { build } from "../helpers/site.js";
import { fileForUrl } from "../helpers/urls.js";

/** A page as the layouts write it: only the article is searched. */
function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu</nav><article data-pagefind-body><h1 data-pagefind-meta="title">${title}</h1><p>${text}</p></article></body></html>`;
}

const PAGES: [string, string][] = [
  ["/", page("Home", "Every book of the library.")],
  ["/pages/soil/", page("Soil", "Compost feeds the soil.")],
  ["/pages/seeds/", page("Seeds", "Sow the seeds in spring.")],
  ["/pages/water/", page("Water", "Water the seedlings at dawn.")],
];

/** Every file under a folder, by path, with its bytes. */
async function files(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    found.set(path.relative(dir, file), (await readFile(file)).toString("base64"));
  }
  return found;
}

/** The ids of the processes this one started that are still there, ended or not (Linux). */
async function childPids(): Promise<string[]> {
  const tasks = await readdir(`/proc/${process.pid}/task`);
  const pids = new Set<string>();
  for (const task of tasks) {
    const children = await readFile(`/proc/${process.pid}/task/${task}/children`, "utf8").catch(() => "");
    for (const pid of children.split(" ").filter(Boolean)) pids.add(pid);
  }
  return [...pids];
}

/** The names of the processes this one started that are still there. */
async function childProcesses(): Promise<string[]> {
  return Promise.all(
    (await childPids()).map(async (pid) => (await readFile(`/proc/${pid}/comm`, "utf8").catch(() => pid)).trim()),
  );
}

/** The nice value of each Pagefind process this one runs now (field 19 of /proc/<pid>/stat). */
async function pagefindNiceness(): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await childPids()) {
    const comm = (await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "")).trim();
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    if (comm.startsWith("pagefind") && stat) found.push(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]));
  }
  return found;
}

describe("the search index fed page by page", () => {
  const dirs: string[] = [];
  const folder = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-search-feed-"));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  /** Feeds the pages in the order given and returns the index written. */
  async function feed(order: number[]): Promise<Map<string, string>> {
    const output = await folder();
    const search = startSearchFeed(output);
    search.expect(PAGES.map(([url]) => url));
    for (const i of order) search.add(...PAGES[i]);
    await search.write();
    return files(path.join(output, "pagefind"));
  }

  it("is the same index whatever order the pages render in, and indexes each of them", async () => {
    const first = await feed([0, 1, 2, 3]);
    const second = await feed([3, 1, 0, 2]);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    expect([...first].filter(([file, bytes]) => second.get(file) !== bytes).map(([file]) => file)).toEqual([]);
    const entry = JSON.parse(Buffer.from(first.get("pagefind-entry.json")!, "base64").toString());
    expect(entry.languages.en.page_count).toBe(4);
  });

  it("leaves no process behind once written, or once stopped for a failed build", async () => {
    await feed([0, 1, 2, 3]);
    expect((await childProcesses()).filter((name) => name.startsWith("pagefind"))).toEqual([]);
    const stopped = startSearchFeed(await folder());
    stopped.expect(PAGES.map(([url]) => url));
    stopped.add(...PAGES[1]);
    await stopped.close();
    expect((await childProcesses()).filter((name) => name.startsWith("pagefind"))).toEqual([]);
  });

  it("of a built site is the index of its whole pages: the parts left out hold nothing searched", async () => {
    const site = await build(await copyFixture("reader-book"));
    try {
      expect(site.result.problems).toEqual([]);
      const urls = (await readdir(site.output, { recursive: true }))
        .filter((file) => file === "index.html" || file.endsWith(`${path.sep}index.html`))
        .filter((file) => !file.startsWith("pagefind"))
        .map((file) => `/${path.dirname(file) === "." ? "" : `${path.dirname(file).split(path.sep).join("/")}/`}`);
      // Pagefind reads each written page whole, in the order the build hands pages over.
      const { index } = await pagefind.createIndex({ excludeSelectors: [".heading-anchor"] });
      for (const url of handOverOrder(urls))
        await index!.addHTMLFile({ url, content: await readFile(path.join(site.output, fileForUrl(url)), "utf8") });
      const whole = await folder();
      await index!.writeFiles({ outputPath: path.join(whole, "pagefind") });
      await pagefind.close();
      // The build writes its vocabulary beside the index; the rest is Pagefind's, the same.
      const built = await files(path.join(site.output, "pagefind"));
      const vocabulary = Buffer.from(built.get(VOCABULARY_FILE)!, "base64").toString().split("\n");
      expect(vocabulary).toEqual(expect.arrayContaining(["infrastructure", "kingfishers", "sluiceways"]));
      built.delete(VOCABULARY_FILE);
      expect(await files(path.join(whole, "pagefind"))).toEqual(built);
    } finally {
      await site.dispose();
    }
  });
});

describe("the search index of a written site", () => {
  let site: string;
  const PAGE_COUNT = 400;
  beforeAll(async () => {
    site = await mkdtemp(path.join(tmpdir(), "minibooks-search-site-"));
    for (let i = 0; i < PAGE_COUNT; i++) {
      await mkdir(path.join(site, `page-${i}`));
      await writeFile(path.join(site, `page-${i}`, "index.html"), page(`Page ${i}`, `Soil, seeds and water ${i}.`));
    }
  });
  afterAll(() => rm(site, { recursive: true, force: true }));

  /** Indexes the site, noting the nice value of Pagefind's process while it runs. */
  async function indexWatched(background: boolean): Promise<{ pages: number; seen: number[] }> {
    const seen: number[] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        seen.push(...(await pagefindNiceness()));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    try {
      const { pages } = await indexSearch(site, { background });
      return { pages, seen };
    } finally {
      watching = false;
      await watch;
    }
  }

  it("is made by Pagefind at the lowest CPU priority for the dev server, so a save's rebuild never waits for it", async () => {
    const { pages, seen } = await indexWatched(true);
    expect(pages).toBe(PAGE_COUNT);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(19);
    expect((await childProcesses()).filter((name) => name.startsWith("pagefind"))).toEqual([]);
  });

  it("is made at the build's own priority otherwise", async () => {
    const { pages, seen } = await indexWatched(false);
    expect(pages).toBe(PAGE_COUNT);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((nice) => nice === 19)).toEqual([]);
  });
});
