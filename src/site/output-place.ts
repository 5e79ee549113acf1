import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { tracksAnything, workTreeTop } from "../content/git-sources.js";
import { REPO_ROOT } from "../repo.js";

/**
 * Where a build may write. The output must not be the content folder, the Minibooks project or the
 * git work tree that holds the content, nor hold any of them; inside them, it must not be or lie
 * inside a folder of sources: one git tracks a file in, or one of SOURCE_ENTRIES. Nor may it be a
 * folder of builds (`<output>.builds`).
 */

/** Thrown when a build will not write where it was asked to: why, and what to do instead. */
export class OutputRefused extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`${reason} Fix: ${fix}`);
    this.name = "OutputRefused";
  }
}

/**
 * Entries of a content folder or of the project that hold sources whether or not git tracks them
 * (a copy without git, .git itself, installed packages, compiled code), in lower case.
 */
const SOURCE_ENTRIES: ReadonlySet<string> = new Set([
  "index.md",
  "pages",
  "images",
  "layouts",
  "src",
  "tests",
  "docs",
  "bench",
  "bin",
  ".git",
  ".github",
  ".ci",
  ".build",
  "node_modules",
  "package.json",
]);

/** What a build suggests instead of a refused output. */
const ELSEWHERE =
  "build into a folder of its own, such as --output _site (the default), or a new folder outside the project.";

/** The end of a refusal's reason when the output holds sources. */
const REPLACED = "and a build there would replace it. Nothing was changed.";

/** A path as the person building sees it: relative to the working folder, unless it is elsewhere. */
export function shownOutput(output: string): string {
  const absolute = path.resolve(output);
  const relative = path.relative(process.cwd(), absolute);
  if (relative === "") return ".";
  const parts = relative.split(path.sep);
  return parts[0] === ".." && parts.some((part) => part !== "..") ? absolute : relative;
}

/**
 * Refuses an output that would replace, hold or lie inside sources (see above), before anything
 * is written. `input` is the content folder.
 */
export async function checkOutputPlace(input: string, output: string): Promise<void> {
  const site = await realOutput(output);
  if (path.basename(site).endsWith(".builds")) {
    throw new OutputRefused(
      `not a place to build: a name ending in .builds is where Minibooks keeps the builds of ${path.basename(site).slice(0, -".builds".length)}. Nothing was changed.`,
      ELSEWHERE,
    );
  }
  const roots: [string, string][] = [
    ["the content folder", input],
    ["the Minibooks project", REPO_ROOT],
  ];
  const top = await workTreeTop(input);
  if (top) roots.push(["the git work tree of the content", top]);
  for (const [name, root] of roots) {
    const real = await realpath(root).catch(() => path.resolve(root));
    if (real === site) throw new OutputRefused(`not a place to build: it is ${name} itself, ${REPLACED}`, ELSEWHERE);
    if (isInside(real, site))
      throw new OutputRefused(`not a place to build: it holds ${name} (${real}), ${REPLACED}`, ELSEWHERE);
  }
  for (const [, root] of roots) {
    const real = await realpath(root).catch(() => path.resolve(root));
    if (!isInside(site, real)) continue;
    const entry = path.relative(real, site).split(path.sep)[0];
    const named = SOURCE_ENTRIES.has(entry.toLowerCase());
    if (!named && !(await tracksAnything(real, entry))) continue;
    const place = path.join(real, entry);
    throw new OutputRefused(
      place === site
        ? `not a place to build: it holds sources${named ? "" : " (git tracks files in it)"}, and a build there would replace them. Nothing was changed.`
        : `not a place to build: it is inside ${shownOutput(place)}/, which holds sources, and a build there would mix the site into them. Nothing was changed.`,
      ELSEWHERE,
    );
  }
}

/**
 * The output's absolute path with every link above it followed: the output itself stays as named,
 * since a link there is the published site (or is refused when it is not ours), never followed.
 */
async function realOutput(output: string): Promise<string> {
  const absolute = path.resolve(output);
  const own = await lstat(absolute).catch(() => undefined);
  if (own?.isDirectory()) return realpath(absolute);
  let parent = path.dirname(absolute);
  const rest = [path.basename(absolute)];
  for (;;) {
    const real = await realpath(parent).catch(() => undefined);
    if (real !== undefined) return path.join(real, ...rest);
    if (path.dirname(parent) === parent) return absolute;
    rest.unshift(path.basename(parent));
    parent = path.dirname(parent);
  }
}

/** Whether `inner` lies strictly inside `outer` (both absolute and resolved). */
function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith(`..${path.sep}`) && relative !== ".." && !path.isAbsolute(relative);
}
