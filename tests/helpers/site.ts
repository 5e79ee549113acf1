import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { load, type CheerioAPI } from "cheerio";
import { formatProblem, sortProblems } from "../../src/book/problem.js";
import { REPO_ROOT, buildSite, type BuildResult } from "../../src/site/build.js";
import { fileForUrl } from "./urls.js";

export { fileForUrl };

/** A site built in a temporary folder, with helpers to read its pages. */
export interface BuiltSite {
  content: string;
  output: string;
  result: BuildResult;
  /** The built page at a URL, parsed. */
  page(url: string): Promise<CheerioAPI>;
  /** Removes the temporary folders. */
  dispose(): Promise<void>;
}

/** Copies the repository's content (index.md, pages/, images/) into a fresh temporary folder. */
export async function copyContent(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "minibooks-content-"));
  for (const entry of ["index.md", "pages", "images"]) {
    await cp(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

/** Writes a file into a content folder. */
export async function writeContent(dir: string, file: string, text: string): Promise<void> {
  await writeFile(path.join(dir, file), text);
}

/** Builds a content folder into a fresh temporary output folder. */
export async function build(content: string): Promise<BuiltSite> {
  const output = path.join(await mkdtemp(path.join(tmpdir(), "minibooks-site-")), "_site");
  const result = await buildSite({ input: content, output });
  return {
    content,
    output,
    result,
    page: async (url) => load(await readFile(path.join(output, fileForUrl(url)), "utf8")),
    dispose: async () => {
      await rm(content, { recursive: true, force: true });
      await rm(path.dirname(output), { recursive: true, force: true });
    },
  };
}

/**
 * What `npm run check` finds in a content folder, checked in this process with the command's own
 * code (a build into a temporary folder, then removed): each problem as the command prints it, in
 * order. Tests of the command itself (exit code, output, annotations) run it as a process.
 */
export async function checkContent(content: string): Promise<string[]> {
  const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-check-"));
  try {
    const result = await buildSite({
      input: content,
      output: path.join(scratch, "_site"),
      search: false,
      wholeBookOutputs: false,
      writeFiles: false,
    });
    return sortProblems(result.problems).map(formatProblem);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
