import { parse } from "yaml";
import { commitDatesOf, type CommitDates } from "./git-dates.js";
import { git, readGitLog, type GitLog } from "./git-log.js";

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
 * One `git log` for the whole history, and one of the commits that changed a title. Empty outside a
 * repository. In a shallow clone the oldest commit it holds is left out: the files it shows as added
 * may be much older.
 */
export async function fileHistory(root: string): Promise<Map<string, FileChange[]>> {
  const [log, retitled] = await Promise.all([readGitLog(root), titlesChanged(root)]);
  return log && retitled ? historyOf(log, retitled) : new Map();
}

/**
 * What a build needs of git, from one read of the whole log: each file's first and last commit
 * dates (`commitDates`) and its changes (`fileHistory`).
 */
export async function datesAndHistory(root: string): Promise<[CommitDates, Map<string, FileChange[]>]> {
  const [log, retitled] = await Promise.all([readGitLog(root), titlesChanged(root)]);
  return [commitDatesOf(log), log && retitled ? historyOf(log, retitled) : new Map()];
}

/** The title each commit that changed a `title:` line changed, by `<commit> <file>`; undefined outside a repository. */
async function titlesChanged(root: string): Promise<Map<string, string> | undefined> {
  const args = [
    "log",
    "-M",
    "-G^title:",
    "--format=%x00%H",
    "--unified=0",
    "--no-prefix",
    "-p",
    "--relative",
    "--",
    ".",
  ];
  return git(root, args).then(titleChanges, () => undefined);
}

/** Each file's changes, by its path now, from the log and the titles each commit changed. */
function historyOf({ commits, shallow }: GitLog, retitled: ReadonlyMap<string, string>): Map<string, FileChange[]> {
  const history = new Map<string, FileChange[]>();
  // Newest commit first: the name a file had in an older commit, mapped to its name now (null: a
  // file of that name that is gone, or an older file under a name used again since).
  const now = new Map<string, string | null>();
  for (const commit of commits) {
    if (shallow && commit.root) continue;
    for (const { status, names } of commit.changes) {
      const name = names[names.length - 1];
      const renamed = now.get(name);
      const current = renamed === undefined ? name : renamed;
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
    const read: unknown = parse(line);
    const value = typeof read === "object" && read !== null && "title" in read ? read.title : undefined;
    return typeof value === "string" ? value : String(value ?? "");
  } catch {
    return line.slice("title:".length).trim();
  }
}
