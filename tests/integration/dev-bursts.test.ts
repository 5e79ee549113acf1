import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture, runCli } from "../helpers/cli.js";
import { servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";

/** Saves in one burst: one more line of the file each time. */
const SAVES = 50;
/** Time between two saves of a burst: 50 saves in 5 s. */
const PAUSE_MS = 100;
/** How long the dev server may take to show a burst's last save, however busy the machine. */
const SETTLE_MS = 120_000;

/** Every HTML, XML and text file of a site folder, by path, search index left out. */
async function siteFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(html|xml|txt)$/.test(entry.name)) continue;
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (!file.startsWith("pagefind")) files.set(file, await readFile(path.join(dir, file), "utf8"));
  }
  return files;
}

/**
 * A production page as the dev server writes it: the dev server makes whole-book files only when
 * they are asked for, so the book home does not say their size.
 */
function withoutSizes(html: string): string {
  return html.replace(/(data-size-of="[^"]*">)\([^)]*\)(<\/span>)/g, "$1$2");
}

/** The files a burst writes, in turn: a chapter, a book's home, a new chapter, the home page, a chapter of another book. */
const FILES = [
  "pages/trees-chapter-2.md",
  "pages/trees.md",
  "pages/trees-chapter-5.md",
  "index.md",
  "pages/birds-chapter-1.md",
];

/** The text a burst ends with, SAVES lines long: front matter for its file, then sections with links. */
function finalText(file: string, burst: number): string[] {
  const keys: Record<string, string[]> = {
    "pages/trees-chapter-2.md": ["status: yellow", "category: educational", "book: trees", "chapter: 2"],
    "pages/trees.md": ["status: green", "category: educational", "image: ../images/bed.svg", "imageAlt: A bed"],
    "pages/trees-chapter-5.md": ["status: orange", "book: trees", "chapter: 5"],
    "index.md": ["layout: home"],
    "pages/birds-chapter-1.md": ["status: green", "book: birds", "chapter: 1"],
  };
  const link = file === "index.md" ? "pages/trees-chapter-1.md" : "./trees-chapter-1.md";
  const head = [
    "---",
    `title: Burst ${burst} of ${path.basename(file, ".md")}`,
    `description: Saved line by line, burst ${burst}.`,
  ];
  const lines = [...head, ...keys[file], "---", ""];
  for (let n = 1; lines.length < SAVES; n++) {
    lines.push(
      n % 6 === 1 ? `## Part ${n} of burst ${burst}` : `Line ${n} of burst ${burst}, after [the seed](${link}).`,
    );
  }
  return lines;
}

// Ten bursts, each compared with a production build of the same content: minutes on a busy machine.
describe("npm start under bursts of saves", { timeout: 600_000 }, () => {
  let dir: string;
  let server: RunningDevServer;

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

  /** The site a production build writes from the content as it is now, as the dev server writes it. */
  async function productionSite(): Promise<Map<string, string>> {
    const fresh = await mkdtemp(path.join(tmpdir(), "minibooks-dev-bursts-production-"));
    try {
      for (const entry of ["index.md", "pages", "images"]) {
        await cp(path.join(dir, entry), path.join(fresh, entry), { recursive: true, preserveTimestamps: true });
      }
      const build = await runCli("build", [], fresh);
      expect(build.code, build.stdout + build.stderr).toBe(0);
      const files = await siteFiles(path.join(fresh, "_site"));
      for (const [file, html] of files) files.set(file, withoutSizes(html));
      return files;
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }

  /** Waits until the dev server's site is the production site; fails with the first file that differs. */
  async function servesProductionSite(): Promise<void> {
    const expected = await productionSite();
    let difference = "";
    for (const started = Date.now(); Date.now() - started < SETTLE_MS; ) {
      const actual = await siteFiles(path.join(dir, ".cache/dev-site"));
      const files = [...new Set([...actual.keys(), ...expected.keys()])].sort();
      const differs = files.find((file) => actual.get(file) !== expected.get(file));
      if (differs === undefined) return;
      difference = `${differs} differs:\n--- dev server\n${actual.get(differs)}\n--- production\n${expected.get(differs)}`;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`The dev server did not come to the production site:\n${difference}\n${server.output()}`);
  }

  it("writes every page as a production build does after each burst of 50 saves in 5 s, ten times over", async () => {
    for (let burst = 0; burst < 10; burst++) {
      const file = FILES[burst % FILES.length];
      const lines = finalText(file, burst);
      const started = Date.now();
      for (let saved = 1; saved <= lines.length; saved++) {
        await writeFile(path.join(dir, file), `${lines.slice(0, saved).join("\n")}\n`);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + saved * PAUSE_MS - Date.now())));
      }
      await servesProductionSite();
    }
    // No build failed for anything but the content's own mistakes: the half-written front matter.
    expect(server.output()).not.toContain("The site could not be built");
    expect(server.process.exitCode).toBeNull();
  });
});
