import { execFile } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { brotliDecompress } from "node:zlib";
import { chromium } from "playwright-core";

/** The npm package that carries a Chromium for Linux x64 and arm64 inside itself. */
export const CHROMIUM_PACKAGE = "@sparticuz/chromium";

/** Commands a system Chrome or Chromium answers to, looked up on PATH in this order. */
export const SYSTEM_BROWSERS = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"] as const;

/** Flags for a quiet headless Chromium that never reaches the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where a Chromium was found, in the order they are tried. */
export type ChromiumSource = "CHROMIUM_PATH" | "Playwright" | "system" | "npm package";

/** A Chromium the tests can launch: its binary, or the package that will unpack one. */
export interface FoundChromium {
  source: ChromiumSource;
  /** The binary; for the npm package, its folder of compressed files until it is unpacked. */
  path: string;
}

/** What the search looks at; tests replace parts of it to pretend a browser is missing. */
export interface ChromiumSearch {
  env?: NodeJS.ProcessEnv;
  /** The binary Playwright would have installed (`npx playwright install chromium`). */
  playwrightPath?: () => string | undefined;
  /** The npm package's folder of compressed files, when it is installed for this platform. */
  packagePath?: () => string | undefined;
}

/**
 * Finds a Chromium for the browser tests, in this order: `CHROMIUM_PATH`; the browser Playwright
 * installed; a system Chrome or Chromium on PATH; the Chromium inside the `@sparticuz/chromium`
 * package (an optional dependency, so `npm install` brings it on Linux x64 and arm64).
 * `MINIBOOKS_BROWSER=package` skips Playwright's and the system's, to use the package's alone.
 * Returns undefined when there is none; throws when CHROMIUM_PATH names a file that is not there.
 */
export function findChromium(search: ChromiumSearch = {}): FoundChromium | undefined {
  const env = search.env ?? process.env;
  if (env.CHROMIUM_PATH) {
    if (!isExecutable(env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, but no program is there: fix the path or unset it.`);
    }
    return { source: "CHROMIUM_PATH", path: env.CHROMIUM_PATH };
  }
  if (env.MINIBOOKS_BROWSER !== "package") {
    const playwright = (search.playwrightPath ?? playwrightChromium)();
    if (playwright && isExecutable(playwright)) return { source: "Playwright", path: playwright };
    for (const name of SYSTEM_BROWSERS) {
      const found = onPath(name, env.PATH ?? "");
      if (found) return { source: "system", path: found };
    }
  }
  const bin = (search.packagePath ?? packageBin)();
  return bin ? { source: "npm package", path: bin } : undefined;
}

/** Says where the tests looked, for the message shown when no Chromium was found. */
export function missingChromiumMessage(): string {
  return (
    "No Chromium for the browser tests: CHROMIUM_PATH is unset, Playwright installed none, none of " +
    `${SYSTEM_BROWSERS.join(", ")} is on PATH, and the ${CHROMIUM_PACKAGE} package is not installed ` +
    `(npm installs it on Linux x64 and arm64 unless optional dependencies are left out). ` +
    "Run npm install, or set CHROMIUM_PATH to a Chrome or Chromium binary."
  );
}

/** A Chromium ready to launch: the binary, and what its environment needs. */
export interface LaunchableChromium {
  source: ChromiumSource;
  executablePath: string;
  env: NodeJS.ProcessEnv;
}

/**
 * Makes a found Chromium launchable. The package's is unpacked once into a folder of the system's
 * temporary directory, with the NSS libraries it ships, which a machine without a browser may lack.
 */
export async function prepareChromium(found: FoundChromium): Promise<LaunchableChromium> {
  if (found.source !== "npm package") return { source: found.source, executablePath: found.path, env: process.env };
  const { default: Chromium } = await import(CHROMIUM_PACKAGE);
  const executablePath: string = await Chromium.executablePath(found.path);
  const libraries = path.join(tmpdir(), "minibooks-chromium-lib");
  if (!existsSync(libraries)) {
    // Unpacked beside, then renamed into place, so an interrupted unpack is never taken for a whole one.
    const partial = await mkdtemp(`${libraries}-partial-`);
    try {
      await unpackTarBrotli(path.join(found.path, "al2023.tar.br"), partial);
      await rename(partial, libraries).catch((error) => {
        if (!existsSync(libraries)) throw error; // else another run unpacked it first
      });
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }
  const libraryPath = [path.join(libraries, "lib"), process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  return {
    source: found.source,
    executablePath,
    env: {
      ...process.env,
      LD_LIBRARY_PATH: libraryPath,
      FONTCONFIG_PATH: process.env.FONTCONFIG_PATH ?? path.join(tmpdir(), "fonts"),
    },
  };
}

/** The path of Playwright's own Chromium, whether or not it is installed. */
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** The package's bin folder, when the package is installed and carries a Chromium for this machine. */
function packageBin(): string | undefined {
  if (process.platform !== "linux" || !["x64", "arm64"].includes(process.arch)) return undefined;
  try {
    const entry = createRequire(import.meta.url).resolve(CHROMIUM_PACKAGE);
    const bin = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}build${path.sep}`)), "bin");
    return existsSync(path.join(bin, "chromium.br")) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** The first executable file called `name` in the PATH's folders. */
function onPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Unpacks a Brotli-compressed tar file into a folder, with the system's tar. */
async function unpackTarBrotli(archive: string, into: string): Promise<void> {
  const tarFile = path.join(into, "archive.tar");
  await writeFile(tarFile, await promisify(brotliDecompress)(await readFile(archive)));
  await promisify(execFile)("tar", ["-x", "-f", tarFile, "-C", into]);
  await rm(tarFile);
}
