import { lstat, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../book/problem.js";

/** What the site reads from the content root: the home page, the pages and the pictures. */
export const PUBLISHED_ENTRIES = ["index.md", "pages", "images"] as const;

/** True when `target` is `root` or lies inside it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Every symbolic link under the published entries of a content root whose real path leaves the
 * root (or leads nowhere), as one problem each. Links that stay inside are followed, so a linked
 * folder is checked too; what passes is copied as bytes. `entries` (paths relative to the root)
 * narrows the search to those files and folders.
 */
export async function linksLeavingRoot(
  root: string,
  entries: readonly string[] = PUBLISHED_ENTRIES,
): Promise<Problem[]> {
  const realRoot = await realpath(root);
  const problems: Problem[] = [];
  const visited = new Set<string>();

  const visit = async (relative: string): Promise<void> => {
    const absolute = path.join(root, relative);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) return;
    const file = relative.split(path.sep).join("/");
    if (info.isSymbolicLink()) {
      const target = await realpath(absolute).catch(() => undefined);
      if (target === undefined) {
        problems.push({
          file,
          message: "is a symbolic link that leads to no file.",
          fix: "remove the link, or copy the file it was meant to show into the repository.",
        });
        return;
      }
      if (!isInside(realRoot, target)) {
        problems.push({
          file,
          message: `is a symbolic link to ${target}, outside the repository; nothing outside the repository is published.`,
          fix: `copy the file into the repository instead of linking to it (cp ${target} ${file}).`,
        });
        return;
      }
    }
    if (!info.isSymbolicLink() && !info.isDirectory()) return;
    const real = await realpath(absolute);
    if (!(await lstat(real)).isDirectory() || visited.has(real)) return;
    visited.add(real);
    const names = await readdir(absolute).catch(() => [] as string[]);
    for (const name of names.sort()) await visit(path.join(relative, name));
  };

  for (const entry of entries) await visit(entry);
  return problems;
}
