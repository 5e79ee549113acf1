import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { lstat, mkdir, readdir, readlink, rename, rm, symlink } from "node:fs/promises";
import path from "node:path";

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

/** Folders this process is building into right now; nothing else of ours is left behind. */
const building = new Set<string>();

/** The folder beside `output` that holds its builds. */
export function buildsFolder(output: string): string {
  return `${path.resolve(output)}.builds`;
}

/**
 * A fresh, empty folder to build into, beside the published site. Leftovers of builds that were
 * interrupted (killed, or run by a process that is gone) are removed first.
 */
export async function startBuild(output: string): Promise<string> {
  const builds = buildsFolder(output);
  await mkdir(builds, { recursive: true });
  await removeLeftovers(output);
  const folder = path.join(builds, `${process.pid}-${randomUUID().slice(0, 8)}`);
  building.add(folder);
  await mkdir(folder);
  return folder;
}

/** Removes a build that will not be published. */
export async function abandonBuild(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  building.delete(folder);
}

/**
 * Removes, at once, every build this process has under way: for Ctrl-C, when there is no time to
 * wait for promises.
 */
export function abandonBuildsNow(): void {
  for (const folder of building) rmSync(folder, { recursive: true, force: true });
  // Writes already handed to the system may still land: let them, then remove what they made.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  for (const folder of building) rmSync(folder, { recursive: true, force: true });
  building.clear();
}

/**
 * Makes `folder` (a build made by `startBuild`) the published site at `output` in one rename, then
 * removes the build it replaced.
 */
export async function publish(folder: string, output: string, steps: PublishSteps = FILE_SYSTEM): Promise<void> {
  const site = path.resolve(output);
  const previous = await currentBuild(site);
  const next = path.join(buildsFolder(output), `.link-${process.pid}-${randomUUID().slice(0, 8)}`);
  await steps.symlink(path.relative(path.dirname(site), folder), next);
  const existing = await lstat(site).catch(() => undefined);
  if (existing && !existing.isSymbolicLink()) {
    // A site written before builds were kept apart: moved aside once, then replaced by the link.
    await steps.rename(site, path.join(buildsFolder(output), `${process.pid}-earlier`));
  }
  await steps.rename(next, site);
  building.delete(folder);
  if (previous && previous !== folder) await steps.rm(previous);
  if (existing && !existing.isSymbolicLink()) await steps.rm(path.join(buildsFolder(output), `${process.pid}-earlier`));
}

/** The build `output` points at, if it is a link to one. */
async function currentBuild(site: string): Promise<string | undefined> {
  const target = await readlink(site).catch(() => undefined);
  return target === undefined ? undefined : path.resolve(path.dirname(site), target);
}

/**
 * Removes what interrupted builds left beside `output`: builds and links of processes that are
 * gone, builds this process is no longer making, and the staging folders of earlier versions.
 */
export async function removeLeftovers(output: string): Promise<void> {
  const site = path.resolve(output);
  const builds = buildsFolder(output);
  const current = await currentBuild(site);
  for (const name of await readdir(builds).catch(() => [] as string[])) {
    const folder = path.join(builds, name);
    if (folder === current || building.has(folder)) continue;
    const pid = Number(/^\.?(?:link-)?(\d+)-/.exec(name)?.[1]);
    if (pid !== process.pid && isRunning(pid)) continue;
    await rm(folder, { recursive: true, force: true });
  }
  // Earlier versions built in `_site.staging-<pid>` and swapped through `_site.old-<pid>`.
  const parent = path.dirname(site);
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    const match = new RegExp(`^${escapeRegExp(path.basename(site))}\\.(?:staging|old)-(\\d+)$`).exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(path.join(parent, name), { recursive: true, force: true });
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
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
