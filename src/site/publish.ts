import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { lstat, mkdir, readdir, readlink, rename, rm, rmdir, symlink, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { OutputRefused, shownOutput } from "./output-place.js";
import { errorCode } from "../book/error-code.js";

/**
 * How a site is published in place: `_site` is a symbolic link to one finished build in
 * `_site.builds/`, and a new build is switched in by renaming a new link over it, one atomic step.
 * A kill at any moment leaves `_site` pointing at a complete site, the old one or the new one.
 */

/** The file-system steps of publishing, so a test can stop between any two of them. */
export interface PublishSteps {
  symlink(target: string, file: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(file: string): Promise<void>;
}

const FILE_SYSTEM: PublishSteps = {
  symlink: (target, file) => symlink(target, file),
  rename: (from, to) => rename(from, to),
  rm: (file) => rm(file, { recursive: true, force: true }),
};

/** The file every build folder holds from its first moment on: the sign that Minibooks made it. */
export const BUILD_MARKER = ".minibooks-build";

/** What the marker says to whoever finds it. */
const MARKER_TEXT = "Minibooks built this site. Once another build is published in its place, Minibooks removes it.\n";

/** The names Minibooks gives its builds and staged links: the id of the process, then a random part. */
const BUILD_NAME = /^(\d+)-[0-9a-f]{8}$/;
const LINK_NAME = /^\.link-(\d+)-[0-9a-f]{8}$/;

/**
 * The build folders a process is building into right now: none of them is a leftover to remove, and
 * `abandonNow` removes them all at once. The build command makes one for its whole run.
 */
export class BuildsUnderWay {
  readonly #folders = new Set<string>();

  /** Notes a folder being built into. */
  add(folder: string): void {
    this.#folders.add(folder);
  }

  /** Notes a folder no longer being built into (published or removed). */
  delete(folder: string): void {
    this.#folders.delete(folder);
  }

  /** Whether a folder is being built into. */
  has(folder: string): boolean {
    return this.#folders.has(folder);
  }

  /** Removes, at once, every build under way: for Ctrl-C, when there is no time to wait for promises. */
  abandonNow(): void {
    for (const folder of this.#folders) rmSync(folder, { recursive: true, force: true });
    // Writes already handed to the system may still land: let them, then remove what they made.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    for (const folder of this.#folders) rmSync(folder, { recursive: true, force: true });
    this.#folders.clear();
  }
}

/** The folder beside `output` that holds its builds. */
export function buildsFolder(output: string): string {
  return `${path.resolve(output)}.builds`;
}

/** How a publish may replace what is at the output. */
export interface PublishOptions {
  /** Move a folder, file or link Minibooks did not make aside (never deleting it) instead of refusing. */
  replace?: boolean;
  /** The file-system steps, for a test to stop between them. */
  steps?: PublishSteps;
  /** The builds this process has under way (the build command's own); by default, only this one. */
  underWay?: BuildsUnderWay;
}

/**
 * A fresh, empty folder to build into, beside the published site, marked as Minibooks's own. Refuses
 * (OutputRefused) before touching anything when the output, or the folder of builds beside it, is
 * not Minibooks's. Leftovers of builds that were interrupted (killed, or run by a process that is
 * gone) are removed first: only folders that carry the marker.
 */
export async function startBuild(
  output: string,
  { replace = false, underWay = new BuildsUnderWay() }: PublishOptions = {},
): Promise<string> {
  await siteState(output, replace);
  const builds = buildsFolder(output);
  await makeFolder(builds);
  await removeLeftovers(output, underWay);
  const folder = path.join(builds, `${process.pid}-${randomUUID().slice(0, 8)}`);
  underWay.add(folder);
  await mkdir(folder);
  await writeFile(path.join(folder, BUILD_MARKER), MARKER_TEXT);
  return folder;
}

/** Removes a build that will not be published. */
export async function abandonBuild(folder: string, underWay?: BuildsUnderWay): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  underWay?.delete(folder);
}

/**
 * Makes `folder` (a build made by `startBuild`) the published site at `output` in one rename, then
 * removes the build it replaced when that carries the marker. What is at the output is checked
 * again first, as it may have changed while the build ran. Returns what the person building should
 * know: a folder moved aside, a build left in place.
 */
export async function publish(
  folder: string,
  output: string,
  { replace = false, steps = FILE_SYSTEM, underWay }: PublishOptions = {},
): Promise<string[]> {
  const site = path.resolve(output);
  const state = await siteState(output, replace);
  const next = path.join(buildsFolder(output), `.link-${process.pid}-${randomUUID().slice(0, 8)}`);
  await steps.symlink(path.relative(path.dirname(site), folder), next);
  const notes: string[] = [];
  if (state.kind === "foreign") {
    const aside = await freeName(`${site}.replaced-${new Date().toISOString().slice(0, 19).replace(/[T:]/g, "-")}`);
    await steps.rename(site, aside);
    notes.push(
      `Moved what was at ${shownOutput(site)} aside to ${shownOutput(aside)}; nothing in it was changed or deleted.`,
    );
  }
  // An empty folder holds nothing to lose; rmdir fails if anything was written into it meanwhile.
  if (state.kind === "empty") await rmdir(site);
  await steps.rename(next, site);
  underWay?.delete(folder);
  const previous = state.kind === "ours" ? state.current : undefined;
  if (previous && previous !== folder) {
    if (await isMarkedBuild(previous)) await steps.rm(previous);
    else if (await lstat(previous).catch(() => undefined)) {
      notes.push(
        `Left ${shownOutput(previous)} as it was: ${shownOutput(site)} showed it, but it holds no ${BUILD_MARKER}, ` +
          "so nothing proves Minibooks made it (earlier versions did not mark their builds). Remove it once you no longer need it.",
      );
    }
  }
  return notes;
}

/** What is at the output now: nothing, an empty folder, a link to one of its own builds, or something else. */
type SiteState = { kind: "absent" } | { kind: "empty" } | { kind: "ours"; current: string } | { kind: "foreign" };

/**
 * What is at `output`, refused (OutputRefused) unless it is nothing, an empty folder or a link to a
 * build in its own folder of builds, or `replace` allows moving it aside. The folder of builds must be a folder, not
 * a link or a file, whatever `replace` says: nothing is ever written through a link.
 */
async function siteState(output: string, replace: boolean): Promise<SiteState> {
  const site = path.resolve(output);
  const builds = buildsFolder(output);
  const holder = await lstat(builds).catch(() => undefined);
  if (holder?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(builds), await readlink(builds));
    throw new OutputRefused(
      `its folder of builds ${shownOutput(builds)} is a link to ${target}: Minibooks keeps builds only in a folder of its own, and left ${target} as it was.`,
      `remove the link ${shownOutput(builds)} (that removes the link alone, not what it points to), or choose another --output.`,
    );
  }
  if (holder && !holder.isDirectory()) {
    throw new OutputRefused(
      `its folder of builds ${shownOutput(builds)} is a file, not a folder; it was left as it was.`,
      `move that file away, or choose another --output.`,
    );
  }
  const found = await lstat(site).catch(() => undefined);
  if (!found) return { kind: "absent" };
  let what: string;
  if (found.isSymbolicLink()) {
    const target = path.resolve(path.dirname(site), await readlink(site));
    if (path.dirname(target) === builds) return { kind: "ours", current: target };
    what = `is a link to ${target}, not to a build in ${shownOutput(builds)}/: Minibooks does not write through it, and left ${target} as it was.`;
  } else if (found.isDirectory()) {
    if ((await readdir(site)).length === 0) return { kind: "empty" };
    what = `is a folder Minibooks did not make (it publishes a site as a link into ${shownOutput(builds)}/), so it was left as it was.`;
  } else {
    what = "is a file, not a site Minibooks made, so it was left as it was.";
  }
  if (replace) return { kind: "foreign" };
  throw new OutputRefused(
    what,
    `choose a new --output, or add --replace to move it aside to ${shownOutput(site)}.replaced-<date and time> (nothing is deleted) and publish in its place.`,
  );
}

/** The build `output` points at, if it is a link to one in its own folder of builds. */
async function currentBuild(site: string): Promise<string | undefined> {
  const target = await readlink(site).catch(() => undefined);
  if (target === undefined) return undefined;
  const resolved = path.resolve(path.dirname(site), target);
  return path.dirname(resolved) === `${site}.builds` ? resolved : undefined;
}

/** Whether `folder` is a folder (not a link) holding the marker that Minibooks made it. */
async function isMarkedBuild(folder: string): Promise<boolean> {
  const [own, marker] = await Promise.all([
    lstat(folder).catch(() => undefined),
    lstat(path.join(folder, BUILD_MARKER)).catch(() => undefined),
  ]);
  return own?.isDirectory() === true && marker?.isFile() === true;
}

/**
 * Removes what interrupted builds left beside `output`, and only that: folders named and marked as
 * builds, and links staged to publish one, of processes that are gone (or of this process, when it
 * is no longer building them). The published build and anything else are left as they are.
 */
export async function removeLeftovers(output: string, underWay = new BuildsUnderWay()): Promise<void> {
  const site = path.resolve(output);
  const builds = buildsFolder(output);
  const current = await currentBuild(site);
  for (const name of await readdir(builds).catch((): string[] => [])) {
    const entry = path.join(builds, name);
    if (entry === current || underWay.has(entry)) continue;
    const build = BUILD_NAME.exec(name);
    const link = LINK_NAME.exec(name);
    const pid = Number((build ?? link)?.[1]);
    if (!(build || link) || (pid !== process.pid && isRunning(pid))) continue;
    if (link) {
      // A link is removed alone, never what it points to.
      const target = await readlink(entry).catch(() => undefined);
      if (target !== undefined && path.dirname(path.resolve(path.dirname(site), target)) === builds) {
        await unlink(entry).catch(() => undefined);
      }
    } else if (await isMarkedBuild(entry)) {
      await rm(entry, { recursive: true, force: true });
    } else {
      // A build killed before it wrote its marker is empty; a folder with anything in it stays.
      await rmdir(entry).catch(() => undefined);
    }
  }
}

/**
 * Makes a folder and any missing parents. Unlike mkdir's own `recursive`, which says ENOENT on a
 * read-only disk, it fails with the system's real reason (EROFS, EACCES, ENOTDIR).
 */
async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = errorCode(error);
    if (code === "EEXIST") {
      if ((await lstat(dir)).isDirectory()) return;
      throw Object.assign(new Error(`${dir} is a file, not a folder`), { code: "ENOTDIR", path: dir });
    }
    if (code !== "ENOENT" || path.dirname(dir) === dir) throw error;
    await makeFolder(path.dirname(dir));
    await mkdir(dir).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== "EEXIST") throw again;
    });
  }
}

/** `name`, or `name-2`, `name-3`... whichever does not exist yet. */
async function freeName(name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    if (!(await lstat(candidate).catch(() => undefined))) return candidate;
  }
}

/** True when a process with this id is alive: a killed one nobody has reaped yet (a zombie) is not. */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const state = /\)\s+(\S)/.exec(readFileSafe(`/proc/${pid}/stat`) ?? "")?.[1];
  if (state === "Z" || state === "X") return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
