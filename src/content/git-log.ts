import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A file a commit changed: its status letter and score (`M`, `A`, `D`, `R100`) and its names, the new one last. */
export interface LoggedChange {
  status: string;
  names: string[];
}

/** A commit as the log shows it, with the files it changed under the folder. */
export interface LoggedCommit {
  hash: string;
  date: Date;
  /** Whether it has no parent: a repository's first commit, or the oldest of a shallow clone. */
  root: boolean;
  changes: LoggedChange[];
}

/** A folder's git history, read once: every commit that changed a file under it, newest first. */
export interface GitLog {
  commits: LoggedCommit[];
  /** Whether the repository is a shallow clone, whose oldest commit shows its files as added. */
  shallow: boolean;
}

/**
 * Runs git in `root` with names outside ASCII (pages/café.md) as they are, not quoted and escaped
 * (core.quotePath=false); resolves with what it printed.
 */
export async function git(root: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run("git", ["-c", "core.quotePath=false", ...args], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

/**
 * The history of the files under `root`, from one `git log` of the whole history (renames
 * followed), paths relative to `root`; undefined outside a repository.
 */
export async function readGitLog(root: string): Promise<GitLog | undefined> {
  try {
    const [log, shallow] = await Promise.all([
      git(root, ["log", "-M", "--format=%x00%H %ct %P", "--name-status", "--relative", "--", "."]),
      git(root, ["rev-parse", "--is-shallow-repository"]).then((answer) => answer.trim() === "true"),
    ]);
    return { commits: parseLog(log), shallow };
  } catch {
    return undefined;
  }
}

/** The commits of `git log --format=%x00%H %ct %P --name-status`, in the order it printed them. */
function parseLog(log: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const line of log.split("\n")) {
    if (line.startsWith("\0")) {
      const [hash, time, ...parents] = line.slice(1).split(" ");
      const date = new Date(Number(time) * 1000);
      commits.push({ hash, date, root: parents.filter(Boolean).length === 0, changes: [] });
    } else if (line) {
      const [status, ...names] = line.split("\t");
      commits.at(-1)?.changes.push({ status, names });
    }
  }
  return commits;
}
