import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parse } from "yaml";

const run = promisify(execFile);

/** One commit's change to a file: added, changed, or changed with a new `title` in its front matter. */
export interface FileChange {
  /** The commit's hash. */
  commit: string;
  /** The commit's date. */
  date: Date;
  kind: "added" | "changed" | "retitled";
  /** For a retitled file: its title before the commit. */
  titleBefore?: string;
}

/**
 * Every commit that changed each file under `root`, newest first, by the file's path now (relative
 * to `root`): a file renamed keeps the changes of its older names, and a file deleted and added
 * again keeps only those since. Commits that changed a front matter `title:` line are `retitled`.
 * Two `git log`s for the whole history. Empty outside a repository. In a shallow clone the oldest
 * commit it holds is left out: the files it shows as added may be much older.
 */
export async function fileHistory(root: string): Promise<Map<string, FileChange[]>> {
  const history = new Map<string, FileChange[]>();
  const git = async (args: string[]) =>
    (
      await run("git", ["-c", "core.quotePath=false", ...args], {
        cwd: root,
        maxBuffer: 256 * 1024 * 1024,
      })
    ).stdout;
  let statuses: string;
  let titles: string;
  let shallow: boolean;
  try {
    [statuses, titles, shallow] = await Promise.all([
      git(["log", "-M", "--format=%x00%H %ct %P", "--name-status", "--relative", "--", "."]),
      git(["log", "-M", "-G^title:", "--format=%x00%H", "--unified=0", "--no-prefix", "-p", "--relative", "--", "."]),
      git(["rev-parse", "--is-shallow-repository"]).then((answer) => answer.trim() === "true"),
    ]);
  } catch {
    return history;
  }
  const retitled = titleChanges(titles);
  // Newest commit first: the name a file had in an older commit, mapped to its name now (null: a
  // file of that name that is gone, or an older file under a name used again since).
  const now = new Map<string, string | null>();
  let commit: { hash: string; date: Date; root: boolean } | undefined;
  for (const line of statuses.split("\n")) {
    if (line.startsWith("\0")) {
      const [hash, time, ...parents] = line.slice(1).split(" ");
      commit = { hash, date: new Date(Number(time) * 1000), root: parents.filter(Boolean).length === 0 };
      continue;
    }
    if (!commit || !line || (shallow && commit.root)) continue;
    const [status, ...names] = line.split("\t");
    const name = names[names.length - 1];
    const current = now.has(name) ? now.get(name)! : name;
    if (status.startsWith("D")) {
      now.set(name, null);
      continue;
    }
    if (current === null) continue;
    const before = retitled.get(`${commit.hash} ${name}`);
    const kind = status.startsWith("A") ? "added" : before !== undefined ? "retitled" : "changed";
    const changes = history.get(current) ?? [];
    changes.push({
      commit: commit.hash,
      date: commit.date,
      kind,
      ...(kind === "retitled" ? { titleBefore: before } : {}),
    });
    history.set(current, changes);
    if (status.startsWith("R")) now.set(names[0], current);
    if (kind === "added") now.set(name, null);
  }
  return history;
}

/** The title a file had before each commit that changed its `title:` line, by `<commit> <file>`. */
function titleChanges(log: string): Map<string, string> {
  const found = new Map<string, string>();
  let commit = "";
  let file = "";
  let before: string | undefined;
  for (const line of log.split("\n")) {
    if (line.startsWith("\0")) commit = line.slice(1);
    else if (line.startsWith("diff --git ")) before = undefined;
    else if (line.startsWith("+++ ")) file = line.slice(4);
    else if (line.startsWith("-title:")) before = titleOf(line.slice(1));
    else if (line.startsWith("+title:") && before !== undefined && before !== titleOf(line.slice(1)))
      found.set(`${commit} ${file}`, before);
  }
  return found;
}

/** The value of a front matter `title:` line, as YAML reads it; the text after the colon when it does not parse. */
function titleOf(line: string): string {
  try {
    const value = (parse(line) as { title?: unknown } | null)?.title;
    return typeof value === "string" ? value : String(value ?? "");
  } catch {
    return line.slice("title:".length).trim();
  }
}
