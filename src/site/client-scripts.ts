import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { build, type Message } from "esbuild";
import { REPO_ROOT } from "../repo.js";

/**
 * The site's scripts, by the URL path pages load each from, with the module in src/client/ it is
 * bundled from. The service worker is at the top of the site, so that it may answer for every page.
 */
export const CLIENT_SCRIPTS: Readonly<Record<string, string>> = {
  "/assets/theme.js": "src/client/theme.ts",
  "/assets/site.js": "src/client/site.ts",
  "/assets/offline.js": "src/client/offline.ts",
  "/sw.js": "src/client/worker/sw.ts",
};

/**
 * Where each build writes the site's scripts, laid out as on the site (`assets/site.js`, `sw.js`),
 * for the build to copy into the site with the stylesheet, so that the site's checks know them as
 * its files. Builds of the same sources write the same bytes, so builds side by side share it.
 */
export const CLIENT_SCRIPTS_DIR = path.join(REPO_ROOT, ".cache", "client-scripts");

/** A bundled script: its URL path on the site and its bytes. */
export interface ClientScript {
  path: string;
  content: Uint8Array;
}

/** Where esbuild is told it writes; nothing is written there, it only names the output files. */
const OUT_DIR = path.join(REPO_ROOT, "src", "client");

/** A problem esbuild reported, at its file, line and column. */
function describe(message: Message): string {
  const at = message.location;
  return at ? `${at.file}:${at.line}:${at.column + 1}: ${message.text}` : message.text;
}

/** The site's scripts bundled, with the modification time of every source they were made from. */
interface Bundle {
  scripts: ClientScript[];
  sources: ReadonlyMap<string, number>;
}

/** Modification time of a file in ms, or -1 when it is gone. */
function modified(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.mtimeMs,
    () => -1,
  );
}

/**
 * Bundles each of the site's scripts with the modules it imports, minified, as a classic script
 * (one function run at once, nothing left in the page's globals), and notes the sources read. The
 * same sources give the same bytes. Pagefind's scripts, loaded from /pagefind/ when a reader
 * searches, are left out. A warning is an error: the scripts are the project's own.
 */
async function bundle(): Promise<Bundle> {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: Object.entries(CLIENT_SCRIPTS).map(([url, source]) => ({ in: source, out: url.slice(1, -3) })),
    outdir: OUT_DIR,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    charset: "utf8",
    legalComments: "none",
    external: ["/pagefind/*"],
    metafile: true,
    write: false,
    logLevel: "silent",
  }).catch((error: { errors?: Message[] }) => {
    throw new Error(`The site's scripts could not be bundled:\n${(error.errors ?? []).map(describe).join("\n")}`);
  });
  if (result.warnings.length > 0) {
    throw new Error(`The site's scripts could not be bundled:\n${result.warnings.map(describe).join("\n")}`);
  }
  const files = Object.keys(result.metafile.inputs).map((file) => path.resolve(REPO_ROOT, file));
  const times = await Promise.all(files.map(modified));
  return {
    scripts: result.outputFiles
      .map((file) => ({
        path: `/${path.relative(OUT_DIR, file.path).split(path.sep).join("/")}`,
        content: file.contents,
      }))
      .sort((a, b) => a.path.localeCompare(b.path)),
    sources: new Map(files.map((file, i) => [file, times[i]])),
  };
}

/** The site's scripts, bundled and minified from src/client/. */
export async function bundleClientScripts(): Promise<ClientScript[]> {
  return (await bundle()).scripts;
}

/**
 * Writes the site's scripts into a folder, each at its path on the site. A script already there with
 * the same bytes is left as it is; any other is written beside its place and renamed into it, so a
 * copy or a reader never reads half a script. Nothing else in the folder is touched: the build copies
 * only the scripts `CLIENT_SCRIPTS` names (`clientScriptCopies`), so no other file there is published.
 */
async function writeScripts(dir: string, scripts: readonly ClientScript[]): Promise<void> {
  for (const script of scripts) {
    const target = path.join(dir, script.path);
    const before = await readFile(target).catch(() => undefined);
    if (before?.equals(script.content)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}-${randomUUID()}.partial`;
    await writeFile(partial, script.content);
    await rename(partial, target);
  }
}

/** What the build copies into the site from the folder the scripts are written to: each script, at its path. */
export function clientScriptCopies(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(CLIENT_SCRIPTS).map((url) => [path.join(dir, url), url.slice(1)]));
}

/**
 * What writes the site's scripts into a folder as each build starts: it starts bundling them at
 * once, beside the rest of the build's start, and each build writes the bundles, made again only
 * when one of their sources changed since (so a dev server's rebuild after a save spends no time on
 * them). A source that does not bundle fails the build that writes the scripts, with esbuild's message.
 */
export function clientScriptWriter(): (dir: string) => Promise<void> {
  let latest = bundle();
  // A failure is reported by the build that writes the scripts, not as an unhandled rejection.
  latest.catch(() => {});
  return async (dir) => {
    const last = await latest.catch(() => undefined);
    const changed = async (sources: ReadonlyMap<string, number>) => {
      for (const [file, time] of sources) if ((await modified(file)) !== time) return true;
      return false;
    };
    if (!last || (await changed(last.sources))) latest = bundle();
    await writeScripts(dir, (await latest).scripts);
  };
}
