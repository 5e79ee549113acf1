import { spawn } from "node:child_process";
import type { Source } from "../book/content.js";
import { PAGES_DIR } from "../book/library.js";

/** Why the content at a git ref could not be read, said so that the reader can fix it. */
export class GitSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitSourceError";
  }
}

/** Runs git in a folder; resolves with its output, rejects with its error output. */
function git(args: string[], cwd: string, input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) => reject(new GitSourceError(`could not run git: ${error.message}.`)));
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(new GitSourceError(Buffer.concat(err).toString("utf8").trim() || `git ${args[0]} exited with ${code}.`));
    });
    child.stdin.end(input);
  });
}

/** The commit a ref names, or an error saying what to do. */
async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith("-") || ref.trim() === "") {
    throw new GitSourceError(`"${ref}" is not a git ref: name a branch, tag or commit, such as main.`);
  }
  try {
    const out = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
    return out.toString("utf8").trim();
  } catch (error) {
    const message = (error as Error).message;
    if (/not a git repository/i.test(message)) {
      throw new GitSourceError(`${root} is not in a git repository, so there is no "${ref}" to compare with.`);
    }
    throw new GitSourceError(
      `there is no commit "${ref}" in this repository. Fix: name a branch, tag or commit that exists` +
        ` (git branch -a lists them); in a shallow clone, fetch the base first (git fetch origin ${ref}).`,
    );
  }
}

/**
 * The files a branch changes since it left `ref` (`git diff <ref>...HEAD`), with what the working
 * tree changes on top: uncommitted edits, deletions and files not yet added. A rename counts as
 * both of its paths. Paths are relative to the repository root, with `/`.
 */
export async function changedFilesSince(root: string, ref: string): Promise<string[]> {
  const commit = await resolveCommit(root, ref);
  let forkPoint: string;
  try {
    forkPoint = (await git(["merge-base", commit, "HEAD"], root)).toString("utf8").trim();
  } catch {
    throw new GitSourceError(`"${ref}" and HEAD have no commit in common, so there is nothing to compare with.`);
  }
  const list = async (args: string[]) => (await git(args, root)).toString("utf8").split("\0").filter(Boolean);
  const changed = await list(["diff", "--name-only", "--no-renames", "-z", forkPoint, "--"]);
  const added = await list(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"]);
  return [...new Set([...changed, ...added])].sort();
}

/**
 * The content files (`index.md` and Markdown under pages/) as they are at a git ref, read from git's
 * object store: nothing is checked out and the working tree is not touched. Paths are relative to
 * `root`, as `listContentFiles` gives them.
 */
export async function readSourcesAt(root: string, ref: string): Promise<Source[]> {
  const commit = await resolveCommit(root, ref);
  const listing = (await git(["ls-tree", "-r", "-z", commit, "--", "index.md", PAGES_DIR], root)).toString("utf8");
  const blobs: { file: string; sha: string }[] = [];
  for (const entry of listing.split("\0")) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (!match) continue; // links and submodules are not content
    const [, sha, file] = match;
    if (file === "index.md" || (file.startsWith(`${PAGES_DIR}/`) && file.endsWith(".md"))) blobs.push({ file, sha });
  }
  if (blobs.length === 0) return [];
  const objects = await git(["cat-file", "--batch"], root, `${blobs.map((b) => b.sha).join("\n")}\n`);
  const sources: Source[] = [];
  let at = 0;
  for (const { file, sha } of blobs) {
    const headerEnd = objects.indexOf(0x0a, at);
    const [name, , size] = objects.subarray(at, headerEnd).toString("utf8").split(" ");
    if (name !== sha) throw new GitSourceError(`git returned ${name} where ${sha} (${file}) was expected.`);
    const start = headerEnd + 1;
    const end = start + Number(size);
    sources.push({ file, text: objects.subarray(start, end).toString("utf8") });
    at = end + 1; // each object ends with a newline
  }
  return sources.sort((a, b) => a.file.localeCompare(b.file));
}

/** The top folder of the git work tree that holds `dir`; undefined outside one, or without git. */
export async function workTreeTop(dir: string): Promise<string | undefined> {
  const out = await git(["rev-parse", "--show-toplevel"], dir).catch(() => undefined);
  const top = out?.toString("utf8").trim();
  return top ? top : undefined;
}

/** Whether git tracks any file at or under `entry` (a path relative to `root`); false outside a repository. */
export async function tracksAnything(root: string, entry: string): Promise<boolean> {
  const out = await git(["--literal-pathspecs", "ls-files", "-z", "--", entry], root).catch(() => undefined);
  return out !== undefined && out.length > 0;
}
