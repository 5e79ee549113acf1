import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/book/problem.js";
import { REPO_ROOT, buildSite, cannotWrite } from "../../src/site/build.js";
import { publish, startBuild, type PublishSteps } from "../../src/site/publish.js";
import { copyFixture, runCli } from "../helpers/cli.js";
import { fingerprint, leftovers, snapshotTree } from "../helpers/files.js";

/** Steps that stop dead, as a killed process would, once `allowed` of them have run. */
function stoppingAfter(allowed: number): PublishSteps {
  let done = 0;
  const step =
    <T extends unknown[]>(run: (...args: T) => Promise<void>) =>
    async (...args: T) => {
      if (done++ >= allowed) throw new Error("killed");
      await run(...args);
    };
  return {
    symlink: step((target: string, file: string) => import("node:fs/promises").then((fs) => fs.symlink(target, file))),
    rename: step((from: string, to: string) => import("node:fs/promises").then((fs) => fs.rename(from, to))),
    rm: step((file: string) => rm(file, { recursive: true, force: true })),
  };
}

/** Starts `npm run build` in a folder and resolves once it has begun writing its build. */
async function startBuildCommand(dir: string) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin/minibooks.js"), "build"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, as a terminal runs it: a signal reaches the whole command
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  // "close", not "exit": by then everything it printed has been read.
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code, signal) => resolve(code ?? (signal ? -1 : null))),
  );
  const before = new Set(await readdir(path.join(dir, "_site.builds")));
  // However slow the machine is to start it: up to a minute.
  for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 10))) {
    const names = await readdir(path.join(dir, "_site.builds"));
    if (names.some((name) => !before.has(name) && !name.startsWith("."))) break;
    if (Date.now() - started > 60_000) throw new Error(`npm run build did not start its build:\n${stderr}`);
  }
  const signal = (name: NodeJS.Signals) => process.kill(-child.pid!, name);
  return { signal, exited, stderr: () => stderr };
}

let built: string;
let old: string;
beforeAll(async () => {
  // One published site, copied for each test, which then builds over its copy.
  built = await copyFixture("small-book");
  const first = await runCli("build", [], built);
  expect(first.code).toBe(0);
  old = await fingerprint(path.join(built, "_site"));
});
afterAll(() => rm(built, { recursive: true, force: true }));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "minibooks-publish-"));
  await cp(built, dir, { recursive: true, verbatimSymlinks: true }); // _site stays a link to its own build
  expect(await fingerprint(path.join(dir, "_site"))).toBe(old);
  await writeFile(
    path.join(dir, "pages/garden-chapter-3.md"),
    "---\ntitle: Harvest\ndescription: When to pick.\nbook: garden\nchapter: 3\n---\n\nPick in the morning.\n",
  );
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("the published site is always whole", () => {
  it("leaves the old site or the new one, complete, wherever the swap is stopped", async () => {
    const fresh = await buildSite({ input: dir, output: path.join(dir, "fresh/_site") });
    expect(fresh.ok).toBe(true);
    const next = await fingerprint(path.join(dir, "fresh/_site"));
    expect(next).not.toBe(old);
    const seen = new Set<string>();
    for (let allowed = 0; allowed <= 3; allowed++) {
      const before = await fingerprint(path.join(dir, "_site"));
      const folder = await startBuild(path.join(dir, "_site"));
      await cp(await realpath(path.join(dir, "fresh/_site")), folder, { recursive: true });
      await publish(folder, path.join(dir, "_site"), { steps: stoppingAfter(allowed) }).catch((error: Error) => {
        if (error.message !== "killed") throw error;
      });
      const now = await fingerprint(path.join(dir, "_site"));
      expect([before, next]).toContain(now);
      seen.add(now === old ? "old" : "new");
    }
    expect([...seen].sort()).toEqual(["new", "old"]);
  });

  it("keeps the old site when the build is killed, and the next build clears what it left", async () => {
    const build = await startBuildCommand(dir);
    build.signal("SIGKILL");
    await build.exited;
    expect(await fingerprint(path.join(dir, "_site"))).toBe(old);
    expect(await leftovers(dir)).not.toEqual([]);

    const again = await runCli("build", [], dir);
    expect(again.code).toBe(0);
    expect(await leftovers(dir)).toEqual([]);
    expect(await fingerprint(path.join(dir, "_site"))).not.toBe(old);
  });

  it("leaves folders named like an earlier version's staging folders as they were: nothing proves it made them", async () => {
    await cp(path.join(dir, "pages"), path.join(dir, "_site.staging-999999"), { recursive: true });
    const before = await snapshotTree(path.join(dir, "_site.staging-999999"));
    const run = await runCli("build", [], dir);
    expect(run.code).toBe(0);
    expect(await snapshotTree(path.join(dir, "_site.staging-999999"))).toEqual(before);
  });

  it("leaves nothing behind and the old site in place on Ctrl-C", async () => {
    const build = await startBuildCommand(dir);
    build.signal("SIGINT");
    expect(await build.exited).toBe(130);
    expect(build.stderr()).toContain("Build stopped (SIGINT); _site/ was left as it was.");
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything still writing would show by now
    expect(await leftovers(dir)).toEqual([]);
    expect(await fingerprint(path.join(dir, "_site"))).toBe(old);
  });

  it("says in one line when the site cannot be written", async () => {
    await writeFile(path.join(dir, "blocked"), "a file where a folder should be");
    const result = await buildSite({ input: dir, output: path.join(dir, "blocked/_site") });
    expect(result.ok).toBe(false);
    expect(result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^.*blocked\/_site: the site could not be written: a part of its path is a file, not a folder \(ENOTDIR at .*blocked\/_site\.builds\)\. Fix: move that file away, or choose another --output; a site already there was left as it was\.$/,
      ),
    ]);
  });

  it("names a full disk and a read-only folder in words", () => {
    const fail = (code: string) =>
      Object.assign(new Error(`${code}: failed, write '/site/a.html'`), { code, path: "/site/a.html" });
    expect(cannotWrite(new Error("wrapped", { cause: fail("ENOSPC") }), "_site")?.message).toBe(
      "the site could not be written: the disk is full (ENOSPC at /site/a.html).",
    );
    expect(cannotWrite(fail("EROFS"), "_site")?.message).toBe(
      "the site could not be written: the folder is on a read-only file system (EROFS at /site/a.html).",
    );
    expect(cannotWrite(fail("EACCES"), "_site")?.message).toContain("permission denied");
  });
});
