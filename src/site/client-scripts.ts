import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
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

/**
 * Bundles each of the site's scripts with the modules it imports, minified, as a classic script
 * (one function run at once, nothing left in the page's globals). The same sources give the same
 * bytes. Pagefind's scripts, loaded from /pagefind/ when a reader searches, are left out. A warning
 * is an error: the scripts are the project's own.
 */
export async function bundleClientScripts(): Promise<ClientScript[]> {
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
    write: false,
    logLevel: "silent",
  }).catch((error: { errors?: Message[] }) => {
    throw new Error(`The site's scripts could not be bundled:\n${(error.errors ?? []).map(describe).join("\n")}`);
  });
  if (result.warnings.length > 0) {
    throw new Error(`The site's scripts could not be bundled:\n${result.warnings.map(describe).join("\n")}`);
  }
  return result.outputFiles
    .map((file) => ({
      path: `/${path.relative(OUT_DIR, file.path).split(path.sep).join("/")}`,
      content: file.contents,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * Writes the site's scripts into a site's folder, each where pages load it from. A script already
 * there with the same bytes is left as it is; any other is written beside its place and renamed
 * into it, so a reader never loads half a script. Returns the URL paths of the scripts.
 */
export async function writeClientScripts(outputDir: string): Promise<string[]> {
  const scripts = await bundleClientScripts();
  for (const script of scripts) {
    const target = path.join(outputDir, script.path);
    const before = await readFile(target).catch(() => undefined);
    if (before?.equals(script.content)) continue;
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${process.pid}.partial`;
    await writeFile(partial, script.content);
    await rename(partial, target);
  }
  return scripts.map((script) => script.path);
}
