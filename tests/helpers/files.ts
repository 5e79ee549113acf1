import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink, realpath } from "node:fs/promises";
import path from "node:path";

/** A fingerprint of every file in a folder (followed if it is a link): paths and bytes. */
export async function fingerprint(dir: string): Promise<string> {
  const root = await realpath(dir);
  const hash = createHash("sha256");
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(path.relative(root, file)).update(await readFile(file));
  return hash.digest("hex");
}

/**
 * What lies beside a published `_site` in a folder other than the site itself: `_site.*` entries,
 * and builds in `_site.builds/` that `_site` does not point at.
 */
export async function leftovers(dir: string): Promise<string[]> {
  const current = await realpath(path.join(dir, "_site")).catch(() => undefined);
  const found = (await readdir(dir)).filter((name) => name.startsWith("_site.") && name !== "_site.builds");
  const builds = await readdir(path.join(dir, "_site.builds")).catch(() => [] as string[]);
  for (const name of builds) {
    if (current === undefined || name !== path.basename(current)) found.push(`_site.builds/${name}`);
  }
  return found;
}

/**
 * Everything under a path, links not followed: each file with a hash of its bytes, each link with
 * its target, each folder. Two snapshots are equal when nothing was added, removed or changed.
 */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const visit = async (at: string): Promise<void> => {
    const name = path.relative(root, at) || ".";
    const entry = await lstat(at);
    if (entry.isSymbolicLink()) found[name] = `link to ${await readlink(at)}`;
    else if (entry.isFile())
      found[name] = `file ${createHash("sha256")
        .update(await readFile(at))
        .digest("hex")}`;
    else if (entry.isDirectory()) {
      found[name] = "folder";
      for (const child of (await readdir(at)).sort()) await visit(path.join(at, child));
    } else found[name] = "other";
  };
  await visit(root);
  return found;
}
