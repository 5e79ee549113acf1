import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/repo.js";
import { bundleClientScripts, CLIENT_SCRIPTS, clientScriptWriter } from "../../src/site/client-scripts.js";
import { sharedSite, type SharedSite } from "../helpers/shared.js";

/** Every file under a folder, by its path in it, with `/` between folders. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"));
}

/** The text of every TypeScript module of the site's scripts. */
async function clientSources(): Promise<string[]> {
  const dir = path.join(REPO_ROOT, "src/client");
  const files = (await filesUnder(dir)).filter((file) => file.endsWith(".ts"));
  return Promise.all(files.map((file) => readFile(path.join(dir, file), "utf8")));
}

/**
 * The dev server's own strings: the double-quoted literals of its banner script that no module of
 * the site's scripts also writes (a class name, a message, the address of its problem list).
 */
async function devServerStrings(): Promise<string[]> {
  const banner = await readFile(path.join(REPO_ROOT, "layouts/dev-server/banner.js"), "utf8");
  const sources = (await clientSources()).join("\n");
  const literals = [...banner.matchAll(/"([^"\\\n]{8,})"/g)].map((match) => match[1]);
  return [...new Set(literals)].filter(
    (literal) => !/^[\s,;:)}]|[\s({]$|\$\{/.test(literal) && !sources.includes(literal),
  );
}

describe("the site's scripts", () => {
  let site: SharedSite;
  let scripts: string[];

  beforeAll(async () => {
    site = await sharedSite("small-book");
    scripts = (await filesUnder(site.output)).filter((file) => file.endsWith(".js") && !file.startsWith("pagefind/"));
  });

  it("are the bundles of src/client/, byte for byte, where the pages load them, and nothing else", async () => {
    expect(scripts.map((file) => `/${file}`).sort()).toEqual(Object.keys(CLIENT_SCRIPTS).sort());
    for (const bundle of await bundleClientScripts()) {
      expect(await readFile(path.join(site.output, bundle.path)), bundle.path).toEqual(Buffer.from(bundle.content));
    }
    const chapter = await site.page("/pages/garden-chapter-1/");
    expect(
      chapter("script[src]")
        .map((_, el) => chapter(el).attr("src"))
        .get(),
    ).toEqual(["/assets/theme.js", "/assets/site.js", "/assets/offline.js"]);
    expect(chapter("script:not([src])").length).toBe(0);
  });

  it("are minified: none of the sources' comments, indentation or long names is left", async () => {
    const comments = (await clientSources()).flatMap((source) =>
      [...source.matchAll(/^\s*\/\/ (.{30,})$/gm)].map((match) => match[1]),
    );
    expect(comments.length).toBeGreaterThan(20);
    for (const file of scripts) {
      const text = await site.text(file);
      for (const comment of comments) expect(text, file).not.toContain(comment);
      expect(text, file).not.toMatch(/^ {2}/m);
      for (const name of ["setUpSectionTracking", "progressReader", "fetchManifest"])
        expect(text, file).not.toContain(name);
    }
  });

  it("hold nothing of the dev server: not its banner, its problem list, its reload socket or its files", async () => {
    const strings = await devServerStrings();
    expect(strings).toContain("/.minibooks/problems.json");
    expect(strings).toContain("build-error");
    for (const file of scripts) {
      const text = await site.text(file);
      for (const devOnly of [...strings, "/.minibooks/", "WebSocket", "eleventy-dev-server"])
        expect(text, `${file} holds ${devOnly}`).not.toContain(devOnly);
    }
    const published = await filesUnder(site.output);
    for (const devFile of await readdir(path.join(REPO_ROOT, "layouts/dev-server")))
      expect(published.filter((file) => path.posix.basename(file) === devFile)).toEqual([]);
  });
});

describe("writing the site's scripts into a build's folder", () => {
  it("writes each where pages load it, leaves one with the same bytes as it is, replaces any other, and touches no other file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-client-scripts-"));
    try {
      const write = clientScriptWriter();
      await write(dir);
      expect((await filesUnder(dir)).map((file) => `/${file}`).sort()).toEqual(Object.keys(CLIENT_SCRIPTS).sort());
      const before = await stat(path.join(dir, "assets/site.js"));
      await writeFile(path.join(dir, "assets/theme.js"), "alert(1)");
      await writeFile(path.join(dir, "assets/retired.js"), "a script the site no longer has");
      await write(dir);
      expect((await stat(path.join(dir, "assets/site.js"))).mtimeMs).toBe(before.mtimeMs);
      const theme = (await bundleClientScripts()).find((script) => script.path === "/assets/theme.js");
      expect(await readFile(path.join(dir, "assets/theme.js"))).toEqual(Buffer.from(theme?.content ?? []));
      // No partial file is left, and a file the writer did not make is left as it was.
      expect((await filesUnder(dir)).map((file) => `/${file}`).sort()).toEqual(
        [...Object.keys(CLIENT_SCRIPTS), "/assets/retired.js"].sort(),
      );
      expect(await readFile(path.join(dir, "assets/retired.js"), "utf8")).toBe("a script the site no longer has");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
