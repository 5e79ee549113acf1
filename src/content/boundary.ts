import { lstat, readdir, readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { misplacedPageProblem } from "../book/file-names.js";
import type { Problem } from "../book/problem.js";
import { svgProblems } from "../book/svg-policy.js";

/** What the site reads from the content root: the home page, the pages and the pictures. */
export const PUBLISHED_ENTRIES = ["index.md", "pages", "images"] as const;

/** True when `target` is `root` or lies inside it. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Picture files images/ may hold, by extension: what readers' browsers show. */
export const PICTURE_EXTENSIONS = [".svg", ".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif"] as const;

/**
 * What must not be in the published entries of a content root, one problem each: a symbolic link
 * whose real path leaves the root, leads nowhere, or leads to a file that is not content (`.git/`,
 * `node_modules/`); a file under pages/ that is not Markdown (a template there would run and be
 * published out of the checks' sight), or Markdown in a folder inside pages/ (see
 * `misplacedPageProblem`); a file under images/ that is not a picture; and an SVG picture
 * that could run script when opened. Links that stay among the content are followed, so a linked
 * folder is checked too; what passes is copied as bytes. `entries` (paths relative to the root)
 * narrows the search to those files and folders.
 */
export async function contentRootProblems(
  root: string,
  entries: readonly string[] = PUBLISHED_ENTRIES,
): Promise<Problem[]> {
  const realRoot = await realpath(root);
  const published = await Promise.all(
    PUBLISHED_ENTRIES.map((entry) => realpath(path.join(root, entry)).catch(() => undefined)),
  );
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
      if (!published.some((entry) => entry !== undefined && isInside(entry, target))) {
        const shown = path.relative(realRoot, target).split(path.sep).join("/");
        problems.push({
          file,
          message: `is a symbolic link to ${shown}, which is not content: only index.md, pages/ and images/ are published.`,
          fix: `copy what the page needs into images/ or pages/ instead of linking to ${shown}.`,
        });
        return;
      }
    }
    const real = await realpath(absolute);
    if (!(await lstat(real)).isDirectory()) {
      problems.push(...(await fileProblems(file, real)));
      return;
    }
    if (visited.has(real)) return;
    visited.add(real);
    const names = (await readdir(absolute).catch((): string[] => [])).sort();
    // Plain files are looked at all at once; folders and links one after the other, in name order,
    // so a folder reached twice is always reported where it is reached first.
    const children = names.map((name) => path.join(relative, name));
    const kinds = await Promise.all(children.map((child) => lstat(path.join(root, child)).catch(() => undefined)));
    const found = await Promise.all(
      children.map((child, i) =>
        kinds[i]?.isFile() ? fileProblems(child.split(path.sep).join("/"), path.join(root, child)) : undefined,
      ),
    );
    for (const [i, child] of children.entries()) {
      if (found[i]) problems.push(...found[i]);
      else await visit(child);
    }
  };

  for (const entry of entries) await visit(entry);
  return problems;
}

/** What is wrong with one content file for where it is: pages/ holds Markdown, images/ pictures. */
async function fileProblems(file: string, real: string): Promise<Problem[]> {
  const [folder] = file.split("/");
  const extension = path.extname(file).toLowerCase();
  if (folder === "pages" && extension !== ".md") {
    return [
      {
        file,
        message: "is not Markdown: only .md files under pages/ are pages, and nothing else there is read or published.",
        fix: `write the page as Markdown (${file.slice(0, file.length - extension.length)}.md), and put pictures in images/.`,
      },
    ];
  }
  const misplaced = folder === "pages" ? misplacedPageProblem(file) : undefined;
  if (misplaced) return [misplaced];
  if (folder === "images" && !PICTURE_EXTENSIONS.some((picture) => picture === extension)) {
    return [
      {
        file,
        message: `is not a picture: images/ publishes only ${PICTURE_EXTENSIONS.join(", ")} files.`,
        fix: "remove it; a page links to other files by their web address, and a picture goes in images/ in one of those formats.",
      },
    ];
  }
  if (folder === "images" && extension === ".svg") return svgProblems(file, await readFile(real, "utf8"));
  return [];
}
