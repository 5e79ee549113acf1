import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileHistory, type FileChange } from "../../src/content/git-history.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Each change as `<day> <kind>`, with the title before for a retitled file. */
const told = (changes: readonly FileChange[] | undefined) =>
  (changes ?? []).map(
    (change) =>
      `${change.date.toISOString().slice(0, 10)} ${change.kind}${change.titleBefore ? ` from ${change.titleBefore}` : ""}`,
  );

const page = (title: string, body: string) => `---\ntitle: ${title}\nbook: b\nchapter: 1\n---\n\n${body}\n`;

describe("fileHistory", () => {
  let repo: string;
  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), "minibooks-history-"));
    dirs.push(repo);
    const git = (args: string[], date = "2026-01-01T00:00:00Z") =>
      execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@example.org", ...args], {
        cwd: repo,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    git(["init", "-q"]);
    await writeFile(path.join(repo, "a.md"), page("Alpha", "First words of a."));
    await writeFile(path.join(repo, "b.md"), page("Beta", "First words of b."));
    await writeFile(path.join(repo, "d.md"), page("Delta", "Gone soon."));
    git(["add", "."]);
    git(["commit", "-qm", "one"], "2026-01-01T00:00:00Z");
    await writeFile(path.join(repo, "a.md"), page("Alpha", "Other words of a."));
    git(["commit", "-qam", "a changes"], "2026-02-01T00:00:00Z");
    await writeFile(path.join(repo, "b.md"), page('"Beta: the second"', "First words of b."));
    git(["commit", "-qam", "b retitled"], "2026-03-01T00:00:00Z");
    git(["mv", "a.md", "c.md"]);
    git(["commit", "-qm", "a renamed c"], "2026-04-01T00:00:00Z");
    git(["rm", "-q", "d.md"]);
    git(["commit", "-qm", "d removed"], "2026-05-01T00:00:00Z");
    await writeFile(path.join(repo, "d.md"), page("Delta again", "New words."));
    git(["add", "d.md"]);
    git(["commit", "-qm", "d anew"], "2026-06-01T00:00:00Z");
  });

  it("gives each file its commits, newest first: added, changed, retitled with the title before", async () => {
    const history = await fileHistory(repo);
    expect(told(history.get("b.md"))).toEqual(["2026-03-01 retitled from Beta", "2026-01-01 added"]);
    expect(history.get("b.md")?.[0].commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it("follows a renamed file to its older name, and keeps only a file's changes since it was added again", async () => {
    const history = await fileHistory(repo);
    expect(told(history.get("c.md"))).toEqual(["2026-04-01 changed", "2026-02-01 changed", "2026-01-01 added"]);
    expect(history.has("a.md")).toBe(false);
    expect(told(history.get("d.md"))).toEqual(["2026-06-01 added"]);
  });

  it("leaves out the oldest commit of a shallow clone, whose files only look added", async () => {
    const clone = await mkdtemp(path.join(tmpdir(), "minibooks-shallow-"));
    dirs.push(clone);
    execFileSync("git", ["clone", "-q", "--depth", "2", `file://${repo}`, clone]);
    const history = await fileHistory(clone);
    expect(told(history.get("d.md"))).toEqual(["2026-06-01 added"]);
    expect(history.has("c.md")).toBe(false);
  });

  it("is empty outside a repository", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minibooks-nohistory-"));
    dirs.push(dir);
    expect((await fileHistory(dir)).size).toBe(0);
  });
});
