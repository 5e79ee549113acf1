// The library fixture (tests/fixtures/library) in a git repository of its own, with a history of
// changes made at fixed dates, for what a site shows of its chapters' changes.
import { execFile } from "node:child_process";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { copyFixture } from "./cli.js";

const run = promisify(execFile);

/** The commits of the history, oldest first: when, and what each changed. */
export const HISTORY = {
  /** Every page of the library. */
  start: "2026-01-05T10:00:00Z",
  /** Chapter 2 of the garden book gets a new paragraph. */
  changed: "2026-02-10T10:00:00Z",
  /** Chapter 3 of the garden book, "Harvest Time", is retitled "Harvest and Store". */
  retitled: "2026-03-15T10:00:00Z",
  /** A fourth chapter, "Saving Seeds", is added to the garden book. */
  added: "2026-04-20T10:00:00Z",
} as const;

/** Copies the library fixture into a temporary folder and commits it there, change by change, as `HISTORY` says. */
export async function libraryWithHistory(): Promise<string> {
  const dir = await copyFixture("library");
  const commit = async (message: string, date: string) => {
    const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    const git = (...args: string[]) =>
      run("git", ["-c", "user.name=Author", "-c", "user.email=author@example.org", ...args], { cwd: dir, env });
    await git("add", "-A");
    await git("commit", "-q", "-m", message);
  };
  await run("git", ["init", "-q"], { cwd: dir });
  await commit("The library", HISTORY.start);
  await appendFile(path.join(dir, "pages/garden-chapter-2.md"), "\nWater in the morning, before the sun is high.\n");
  await commit("Watering: when in the day", HISTORY.changed);
  const third = path.join(dir, "pages/garden-chapter-3.md");
  await writeFile(third, (await readFile(third, "utf8")).replace("title: Harvest Time", "title: Harvest and Store"));
  await commit("Harvest: a title that says what it covers", HISTORY.retitled);
  await writeFile(
    path.join(dir, "pages/garden-chapter-4.md"),
    [
      "---",
      "title: Saving Seeds",
      "description: Keeping the best plants' seeds for next year.",
      "book: garden",
      "chapter: 4",
      "---",
      "",
      "## Drying",
      "",
      "Dry seeds well before they are stored.",
      "",
    ].join("\n"),
  );
  await commit("A chapter on seeds", HISTORY.added);
  return dir;
}
