import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { commitDates, lastCommitDates } from "../../src/content/git-dates.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("lastCommitDates", () => {
  it("gives each file the date of the last commit that touched it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-git-"));
    dirs.push(dir);
    const git = (args: string[], date: string) =>
      execFileSync("git", args, {
        cwd: dir,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    git(["init", "-q"], "");
    git(["config", "user.email", "t@example.org"], "");
    git(["config", "user.name", "T"], "");
    await writeFile(path.join(dir, "a.md"), "1");
    await writeFile(path.join(dir, "b.md"), "1");
    git(["add", "."], "");
    git(["commit", "-qm", "one"], "2026-01-01T00:00:00Z");
    await writeFile(path.join(dir, "b.md"), "2");
    git(["commit", "-qam", "two"], "2026-02-01T00:00:00Z");
    const dates = await lastCommitDates(dir);
    expect(dates.get("a.md")?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(dates.get("b.md")?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
    await writeFile(path.join(dir, "c.md"), "1");
    git(["add", "c.md"], "");
    git(["commit", "-qam", "three"], "2026-03-01T00:00:00Z");
    const { first, last } = await commitDates(dir);
    expect(Object.fromEntries([...first].map(([file, date]) => [file, date.toISOString().slice(0, 10)]))).toEqual({
      "a.md": "2026-01-01",
      "b.md": "2026-01-01",
      "c.md": "2026-03-01",
    });
    expect(last.get("b.md")?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("is empty outside a repository", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-nogit-"));
    dirs.push(dir);
    expect((await lastCommitDates(dir)).size).toBe(0);
  });
});
