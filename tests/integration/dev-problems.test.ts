import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";
import { sharedSite } from "../helpers/shared.js";

/** What the dev server's problems list says (src/site/serve.ts, `ServedProblems`). */
interface Served {
  problems: { text: string; page?: string }[];
  skipped: string[];
  kept: string[];
  failure?: string;
}

/** Waits until `check` holds, for up to 60 s. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (await Promise.resolve(check()).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A dev server started in a copy of a fixture, and what to ask it. */
function devServer(fixture: string, prepare: (dir: string) => Promise<void> = async () => undefined) {
  const running = {
    dir: "",
    server: undefined as RunningDevServer | undefined,
    origin: "",
    output: () => running.server?.output() ?? "",
    /** A page as a browser that has just opened it gets it: the HTML, and the problems its banner shows. */
    open: async (url: string) => {
      const response = await fetch(new URL(url, running.origin), { headers: { accept: "text/html" } });
      const html = await response.text();
      const problems = (await (await fetch(new URL("/.minibooks/problems.json", running.origin))).json()) as Served;
      return { status: response.status, html, $: load(html), problems };
    },
  };
  beforeAll(async () => {
    running.dir = await copyFixture(fixture);
    await prepare(running.dir);
    running.server = startDevServer(running.dir, ["--port", "0"]);
    running.origin = await servedAt(running.server);
  });
  afterAll(async () => {
    running.server?.stop();
    await running.server?.exited;
    await rm(running.dir, { recursive: true, force: true });
  });
  return running;
}

/** The tags the dev server adds to every page it serves, for its banner. */
const BANNER_TAGS =
  '<link rel="stylesheet" href="/.minibooks/banner.css"><script src="/.minibooks/banner.js" defer></script>';

describe("npm start with a mistake in the content from the start", { timeout: 120_000 }, () => {
  const line =
    'pages/garden-chapter-2.md:4:9: status: found "blue". Allowed: green, yellow, orange, red. Fix: change "status" to one of the allowed values.';
  const dev = devServer("small-book", async (dir) => {
    const file = path.join(dir, "pages/garden-chapter-2.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("status: red", "status: blue"));
  });

  it("serves the site, and prints the problem once", async () => {
    expect(dev.server?.process.exitCode).toBeNull();
    expect(dev.output().split(line).length - 1).toBe(1);
    expect(dev.output()).toContain("1 problem(s): fix them and save; every page of the preview shows them until then.");
    expect(dev.output()).not.toContain("ContentError");
    const home = await dev.open("/");
    expect(home.status).toBe(200);
    expect(home.$("main").text()).toContain("Books for tests.");
  });

  it("gives a freshly opened page, any page, the banner that names the file", async () => {
    for (const url of ["/", "/pages/garden/", "/pages/garden-chapter-2/", "/404.html"]) {
      const page = await dev.open(url);
      expect(page.html, url).toContain(`${BANNER_TAGS}</head>`);
      expect(page.problems.problems).toEqual([{ text: line, page: "/pages/garden-chapter-2/" }]);
    }
    // A page whose front matter never read is served as it reads, its title from the front matter.
    expect((await dev.open("/pages/garden-chapter-2/")).$("h1").text()).toBe("Water");
  });

  it("takes a free port of its own for --port 0, as another dev server beside it does", async () => {
    const dir = await copyFixture("small-book");
    const other = startDevServer(dir, ["--port", "0"]);
    try {
      const origin = await servedAt(other);
      expect(new URL(origin).port).not.toBe(new URL(dev.origin).port);
      expect(new URL(origin).port).not.toBe("8080");
      expect((await fetch(origin)).status).toBe(200);
      expect((await fetch(dev.origin)).status).toBe(200);
    } finally {
      other.stop();
      await other.exited;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says in the terminal when the problem is fixed, and the banner goes", async () => {
    const file = path.join(dev.dir, "pages/garden-chapter-2.md");
    const before = dev.output().length;
    await writeFile(file, (await readFile(file, "utf8")).replace("status: blue", "status: red"));
    await until(
      () => dev.output().slice(before).includes("Every problem is fixed: the site is built again."),
      "the fix",
    );
    expect((await dev.open("/pages/garden-chapter-2/")).problems).toEqual({ problems: [], skipped: [], kept: [] });
  });
});

describe("npm start with a mistake that stops the build before any page is written", { timeout: 120_000 }, () => {
  const dev = devServer("small-book", (dir) => writeFile(path.join(dir, "pages/notes.txt"), "A note.\n"));

  it("serves a page that shows the problem instead of nothing, then the site once it is fixed", async () => {
    const page = await dev.open("/pages/garden/");
    expect(page.status).toBe(200);
    expect(page.$("h1").text()).toBe("The site could not be built");
    expect(page.html).toContain('<script src="/.minibooks/banner.js" defer></script>');
    expect(page.problems.problems.map((problem) => problem.text)).toEqual([
      "pages/notes.txt: is not Markdown: only .md files under pages/ are pages, and nothing else there is read or published. Fix: write the page as Markdown (pages/notes.md), and put pictures in images/.",
    ]);

    await rm(path.join(dev.dir, "pages/notes.txt"));
    await writeFile(path.join(dev.dir, "pages/garden.md"), await readFile(path.join(dev.dir, "pages/garden.md")));
    // Once the build is over, its pages written and no problem left.
    await until(async () => {
      const built = await dev.open("/pages/garden/");
      return built.$("h1").text() === "Garden" && built.problems.problems.length === 0;
    }, "the site");
  });
});

/** A YAML mistake, an empty file, a wrong value: what is saved, and the line the terminal prints. */
const MISTAKES: { name: string; edit: (text: string) => string; line: string }[] = [
  {
    name: "a tab used for indentation",
    edit: (text) => text.replace("status: green\n", "status: green\n\tcategory: theory\n"),
    line: "pages/trees-chapter-1.md:5:1: the front matter is not valid YAML: a tab is used for indentation.",
  },
  {
    name: 'an unquoted ": " in a value',
    edit: (text) => text.replace("title: Seeds", "title: Seeds: the start"),
    line: 'pages/trees-chapter-1.md:2:8: the front matter is not valid YAML: a value contains ": ", which YAML reads as a second key.',
  },
  {
    name: "a quote never closed",
    edit: (text) => text.replace("title: Seeds", 'title: "Seeds'),
    line: "pages/trees-chapter-1.md:2:8: the front matter is not valid YAML: a double quote is opened and never closed.",
  },
  {
    name: "a key written twice",
    edit: (text) => text.replace("status: green\n", "status: green\nstatus: red\n"),
    line: "pages/trees-chapter-1.md:5:1: the front matter is not valid YAML: a key is written twice.",
  },
  {
    name: "front matter never closed",
    edit: (text) => text.replace("chapter: 1\n---\n", "chapter: 1\n\n"),
    line: 'pages/trees-chapter-1.md:1:1: the front matter opened on line 1 is never closed: no line with "---" follows.',
  },
  {
    name: "an empty file",
    edit: () => "",
    line: "pages/trees-chapter-1.md:1:1: the file is empty.",
  },
  {
    name: "a value the schema refuses",
    edit: (text) => text.replace("status: green", "status: blue"),
    line: 'pages/trees-chapter-1.md:4:9: status: found "blue". Allowed: green, yellow, orange, red.',
  },
];

describe("npm start when a save breaks a page's front matter", { timeout: 300_000 }, () => {
  const dev = devServer("dev-rebuilds");
  const file = () => path.join(dev.dir, "pages/trees-chapter-1.md");

  for (const mistake of MISTAKES) {
    it(`prints ${mistake.name} at its line, shows it on every page opened after, keeps the page at its last good save, and clears when fixed`, async () => {
      const good = await readFile(file(), "utf8");
      const before = dev.output().length;
      // The new body is saved with the mistake: the page must not show it under its old title.
      await writeFile(file(), mistake.edit(good.replace("A tree starts as a seed.", "A new paragraph.")));
      // An editor's save may be seen half done (the file emptied, then written): the watcher then
      // builds twice, and the mistake's line comes with the second build.
      await until(() => {
        const since = dev.output().slice(before);
        const at = since.indexOf(mistake.line);
        return at >= 0 && since.indexOf("problem(s): fix them and save", at) >= 0;
      }, "the problem");
      const printed = dev.output().slice(before);
      expect(printed.split(mistake.line).length - 1, printed).toBe(1);
      expect(printed).toContain(
        "pages/trees-chapter-1.md: what changed in it since its last good save; the preview shows it as it was then, body included, until its front matter reads.",
      );

      for (const url of ["/pages/trees-chapter-1/", "/pages/trees/", "/"]) {
        const page = await dev.open(url);
        expect(page.html, url).toContain(BANNER_TAGS);
        expect(page.problems.problems.map((problem) => problem.text).join("\n"), url).toContain(mistake.line);
        expect(page.problems.kept).toEqual(["/pages/trees-chapter-1/"]);
      }
      const kept = await dev.open("/pages/trees-chapter-1/");
      expect(kept.$("h1").text()).toBe("Seeds");
      expect(kept.$(".content").text()).toContain("A tree starts as a seed.");
      expect(kept.$(".content").text()).not.toContain("A new paragraph.");
      expect((await dev.open("/pages/trees-chapter-2/")).$(".chapter-nav__link--prev .chapter-nav__title").text()).toBe(
        "Seeds",
      );

      const fixed = dev.output().length;
      await writeFile(file(), good);
      await until(
        () => dev.output().slice(fixed).includes("Every problem is fixed: the site is built again."),
        "the fix",
      );
      const page = await dev.open("/pages/trees-chapter-1/");
      expect(page.problems).toEqual({ problems: [], skipped: [], kept: [] });
      expect(page.$(".content").text()).toContain("A tree starts as a seed.");
    });
  }

  it("shows the new text once the front matter reads again", async () => {
    const good = await readFile(file(), "utf8");
    await writeFile(file(), "");
    await until(async () => (await dev.open("/")).problems.problems.length === 1, "the empty file");
    await writeFile(
      file(),
      good.replace("title: Seeds", "title: Acorns").replace("A tree starts as a seed.", "A new paragraph."),
    );
    await until(async () => {
      const page = await dev.open("/pages/trees-chapter-1/");
      return page.$("h1").text() === "Acorns" && page.problems.problems.length === 0;
    }, "the new title");
    expect((await dev.open("/pages/trees-chapter-1/")).$(".content").text()).toContain("A new paragraph.");
    await writeFile(file(), good);
    await until(async () => (await dev.open("/pages/trees-chapter-1/")).$("h1").text() === "Seeds", "the old title");
  });

  it("serves each book's EPUB, made when asked for, as a production build writes it", async () => {
    const epub = await fetch(new URL("/pages/trees/trees.epub", dev.origin));
    expect(epub.status).toBe(200);
    expect(epub.headers.get("content-type")).toBe("application/epub+zip");
    const bytes = new Uint8Array(await epub.arrayBuffer());
    // An EPUB is a zip whose first file is its media type, stored.
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe("PK");
    expect(Buffer.from(bytes.subarray(30, 58)).toString()).toBe("mimetypeapplication/epub+zip");
    expect((await fetch(new URL("/pages/trees/other.epub", dev.origin))).status).toBe(404);
  });
});

describe("the production site", () => {
  it("holds nothing of the dev server: no banner, no reload socket, no /.minibooks/ files", async () => {
    const site = await sharedSite("small-book");
    for (const file of ["assets/site.js", "assets/site.css", "index.html", "pages/garden-chapter-1/index.html"]) {
      const text = await site.text(file);
      expect(text, file).not.toContain("build-error");
      expect(text, file).not.toContain("/.minibooks/");
      expect(text, file).not.toContain("WebSocket");
      expect(text, file).not.toContain("eleventy.error");
    }
  });
});
