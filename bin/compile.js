// @ts-check
/**
 * Compiles the project's TypeScript (src/ and .eleventy.ts) once into .build/, file for file, so the
 * commands start on plain JavaScript instead of transpiling on every run. Only what changed since
 * the last compile is compiled again, so a pull or an edit never leaves a command running old code.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where the compiled JavaScript lives (git-ignored); it mirrors the repository's layout. */
export const BUILD_DIR = path.join(ROOT, ".build");

/** Every TypeScript source the commands run, relative to the root. */
async function sources() {
  const files = [".eleventy.ts"];
  const entries = await readdir(path.join(ROOT, "src"), { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
      files.push(path.relative(ROOT, path.join(entry.parentPath, entry.name)));
    }
  }
  return files;
}

/** The compiled file of a source: `src/cli/check.ts` is `.build/src/cli/check.js`. */
function compiledPath(source) {
  return path.join(BUILD_DIR, source.replace(/\.ts$/, ".js"));
}

/** Modification time of a file in ms, or -1 when it does not exist. */
async function mtime(file) {
  return stat(file).then(
    (s) => s.mtimeMs,
    () => -1,
  );
}

/**
 * Brings .build/ up to date: compiles every source newer than its compiled file and removes compiled
 * files whose source is gone. Each file is written beside its place and renamed into it, so commands
 * started at the same moment never read half a file. Returns the sources it compiled.
 * @returns {Promise<string[]>}
 */
export async function compileChanged() {
  const all = await sources();
  const stale = [];
  for (const source of all) {
    if ((await mtime(path.join(ROOT, source))) >= (await mtime(compiledPath(source)))) stale.push(source);
  }
  await removeOrphans(new Set(all.map(compiledPath)));
  if (stale.length === 0) return stale;

  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: stale,
    outdir: BUILD_DIR,
    outbase: ROOT,
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    write: false,
    logLevel: "silent",
  });
  for (const file of result.outputFiles) {
    await mkdir(path.dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.tmp`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
  }
  return stale;
}

/** Removes compiled files left from sources that were deleted or renamed. */
async function removeOrphans(expected) {
  const entries = await readdir(BUILD_DIR, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile() && file.endsWith(".js") && !expected.has(file)) await rm(file, { force: true });
  }
}
