import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** When each file under a folder was first and last committed, by path relative to the folder. */
export interface CommitDates {
  /** The date of the first commit that touched each file at its path: when it was published. */
  first: Map<string, Date>;
  /** The date of the last commit that touched each file: when it last changed. */
  last: Map<string, Date>;
}

/**
 * The date of the first and the last commit that touched each file under `root`, from one
 * `git log` for the whole history (not one per file). Keys are paths relative to `root`. Both maps
 * are empty outside a repository.
 */
export async function commitDates(root: string): Promise<CommitDates> {
  const first = new Map<string, Date>();
  const last = new Map<string, Date>();
  let output: string;
  try {
    // core.quotePath=false: names outside ASCII (pages/café.md) as they are, not quoted and escaped.
    ({ stdout: output } = await run(
      "git",
      ["-c", "core.quotePath=false", "log", "--format=%x00%ct", "--name-only", "--relative", "--", "."],
      {
        cwd: root,
        maxBuffer: 256 * 1024 * 1024,
      },
    ));
  } catch {
    return { first, last };
  }
  // Newest commit first: a file's first entry is its last change, its final entry its first commit.
  let date: Date | undefined;
  for (const line of output.split("\n")) {
    if (line.startsWith("\0")) date = new Date(Number(line.slice(1)) * 1000);
    else if (line && date) {
      if (!last.has(line)) last.set(line, date);
      first.set(line, date);
    }
  }
  return { first, last };
}

/** The date of the last commit that touched each file under `root` (see `commitDates`). */
export async function lastCommitDates(root: string): Promise<Map<string, Date>> {
  return (await commitDates(root)).last;
}

/**
 * Whether `root` is in a shallow clone (`git clone --depth`, or actions/checkout without
 * `fetch-depth: 0`), where files last changed before the oldest fetched commit get its date.
 */
export async function isShallowClone(root: string): Promise<boolean> {
  try {
    const { stdout } = await run("git", ["rev-parse", "--is-shallow-repository"], { cwd: root });
    return stdout.trim() === "true";
  } catch {
    return false;
  }
}
