import { git, readGitLog, type GitLog } from "./git-log.js";

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
  return commitDatesOf(await readGitLog(root));
}

/** The first and the last commit date of each file a history read once shows (empty maps for none). */
export function commitDatesOf(log: GitLog | undefined): CommitDates {
  const first = new Map<string, Date>();
  const last = new Map<string, Date>();
  // Newest commit first: a file's first entry is its last change, its final entry its first commit.
  for (const { date, changes } of log?.commits ?? []) {
    for (const { names } of changes) {
      const file = names.at(-1);
      if (!file) continue;
      if (!last.has(file)) last.set(file, date);
      first.set(file, date);
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
    return (await git(root, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
  } catch {
    return false;
  }
}
