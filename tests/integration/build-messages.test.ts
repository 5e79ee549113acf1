import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCommand } from "../../bench/run-command.js";
import { REPO_ROOT } from "../../src/site/build.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { snapshotTree } from "../helpers/files.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of a fixture book, removed after the test. */
async function fixture(name: string): Promise<string> {
  const dir = await copyFixture(name);
  dirs.push(dir);
  return dir;
}

describe("a checkout the build cannot write to", () => {
  it("says so in words, names the folder and what to do, and leaves the checkout as it was", async (context) => {
    const dir = await fixture("small-book");
    const before = await snapshotTree(dir);
    const tail = "\n\nBuild failed with 1 problem(s); _site/ was left as it was.\n";
    if (process.getuid?.() !== 0) {
      await chmod(dir, 0o555);
      const run = await runCli("build", [], dir).finally(() => chmod(dir, 0o755));
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `_site: the site could not be written: permission denied (EACCES at ${await realpath(dir)}/_site.builds). ` +
          "Fix: make the folder writable for you, or build where you can write with --output <folder>; a site already there was left as it was." +
          tail,
      );
    } else {
      // Permissions do not stop root: the checkout is mounted read-only, in a mount namespace of the command's own.
      const script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$1" "$2" build';
      const run = await runCommand(
        "unshare",
        ["--mount", "sh", "-c", script, dir, process.execPath, path.join(REPO_ROOT, "bin/minibooks.js")],
        { cwd: dir, env: { ...process.env, GITHUB_ACTIONS: "" } },
      ).catch((error: Error) => ({ code: null, stdout: "", stderr: error.message }));
      if (run.code !== 1 || !run.stderr.startsWith("_site: ")) {
        context.skip(`this machine runs tests as root and cannot mount a folder read-only: ${run.stderr.trim()}`);
      }
      expect(run.stderr).toBe(
        `_site: the site could not be written: the folder is on a read-only file system (EROFS at ${await realpath(dir)}/_site.builds). ` +
          "Fix: build onto a disk you can write with --output <folder>, outside this read-only folder; a site already there was left as it was." +
          tail,
      );
    }
    expect(await snapshotTree(dir)).toEqual(before);
  });
});

describe("a build in a shallow clone", () => {
  const shallowNote =
    'Note: this is a shallow git clone, so "Last updated" shows the date of the oldest fetched commit on every page ' +
    "last changed before it. The dates need the full history: git fetch --unshallow, or fetch-depth: 0 in actions/checkout.";

  it('says once that "Last updated" dates need the full history; a full clone does not', async () => {
    const origin = await fixture("small-book");
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", args, {
        cwd,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "A",
          GIT_AUTHOR_EMAIL: "a@example.org",
          GIT_COMMITTER_NAME: "A",
          GIT_COMMITTER_EMAIL: "a@example.org",
        },
      });
    git(origin, "init", "-q");
    git(origin, "add", ".");
    git(origin, "commit", "-qm", "The garden book");
    await writeFile(path.join(origin, "pages/garden-chapter-1.md"), "\nOne more line.\n", { flag: "a" });
    git(origin, "commit", "-qam", "One more line");
    const clone = path.join(await mkdtemp(path.join(tmpdir(), "minibooks-shallow-")), "clone");
    dirs.push(path.dirname(clone));
    git(origin, "clone", "-q", "--depth", "1", `file://${origin}`, clone);

    const shallow = await runCli("build", [], clone);
    expect(shallow.stderr).toBe("");
    expect(shallow.code).toBe(0);
    expect(shallow.stdout.split("\n").filter((line) => line.includes("shallow"))).toEqual([shallowNote]);

    const full = await runCli("build", [], origin);
    expect(full.code).toBe(0);
    expect(full.stdout).not.toContain("shallow");
  });
});
