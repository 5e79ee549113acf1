import { execFile } from "node:child_process";
import { readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// npm run pr-check in a repository of its own whose package.json scripts only say that they ran (and
// fail where a test asks them to): what runs, in which order, and how a failure ends the run. The
// real steps, on the real project, are run by tests/integration/workflow.test.ts.

const git = (args: string[], cwd: string) =>
  promisify(execFile)("git", ["-c", "user.name=Author", "-c", "user.email=author@example.org", ...args], { cwd });

/** A repository on main with a package.json whose scripts write their names (and arguments) to ran.log. */
async function repository(scripts: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "minibooks-pr-check-"));
  const log = (name: string) => `echo ${name} >> ran.log`;
  const all = {
    typecheck: log("typecheck"),
    lint: log("lint"),
    "format:check": log("format"),
    check: log("check"),
    nav: log("nav"),
    build: log("build"),
    test: log("test"),
    ...scripts,
  };
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "scratch", private: true, scripts: all }));
  await writeFile(path.join(dir, ".gitignore"), "ran.log\n");
  await mkdir(path.join(dir, "pages"));
  await mkdir(path.join(dir, "src"));
  await writeFile(path.join(dir, "pages/okr.md"), "---\ntitle: OKR\n---\n");
  await writeFile(path.join(dir, "src/a.ts"), "export const a = 1;\n");
  await git(["init", "-q", "-b", "main"], dir);
  await git(["add", "-A"], dir);
  await git(["commit", "-qm", "Start"], dir);
  await git(["checkout", "-q", "-b", "change"], dir);
  return dir;
}

const ran = async (dir: string) =>
  (await readFile(path.join(dir, "ran.log"), "utf8").catch(() => "")).trim().split("\n");

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("npm run pr-check", () => {
  it("runs the content job for a branch that changes only content, each step timed", async () => {
    dir = await repository();
    await writeFile(path.join(dir, "pages/okr-chapter-1.md"), "---\ntitle: One\n---\n");
    await git(["add", "-A"], dir);
    await git(["commit", "-qm", "A chapter"], dir);
    const run = await runCli("pr-check", ["--base", "main"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Only content changed since main (pages/okr-chapter-1.md): the content check runs.");
    expect(await ran(dir)).toEqual(["check --base main", "nav --base main", "build", "test tests/content"]);
    expect(run.stdout).toContain("▶ 4/4 Tests over the books: npm test -- tests/content");
    expect(run.stdout).toMatch(/✓ Production build \(\d+\.\d s\)/);
    expect(run.stdout).toMatch(
      /Every step passed in \d+\.\d s: Content check \d+\.\d s, Navigation diff \d+\.\d s, Production build \d+\.\d s, Tests over the books \d+\.\d s\./,
    );
  });

  it("runs the whole check when code changed, counting changes not committed and files not added", async () => {
    dir = await repository();
    await writeFile(path.join(dir, "src/a.ts"), "export const a = 2;\n");
    await writeFile(path.join(dir, "src/b.ts"), "export const b = 1;\n");
    const run = await runCli("pr-check", ["--base", "main"], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Code changed since main (src/a.ts, src/b.ts): the whole check runs.");
    expect(await ran(dir)).toEqual([
      "typecheck",
      "lint",
      "format",
      "check --base main",
      "nav --base main",
      "build",
      "test",
    ]);
  });

  it("stops at the first step that fails, with its exit code, and says what did not run", async () => {
    dir = await repository({ lint: "echo lint >> ran.log; exit 3" });
    await writeFile(path.join(dir, "src/a.ts"), "export const a = 2;\n");
    const run = await runCli("pr-check", ["--base", "main"], dir);
    expect(run.code).toBe(3);
    expect(await ran(dir)).toEqual(["typecheck", "lint"]);
    expect(run.stderr).toMatch(/✗ Lint failed \(exit code 3, \d+\.\d s\): npm run lint\n/);
    expect(run.stderr).toContain("Not run: Formatting, Content check, Navigation diff, Production build, Every test.");
  });

  it("explains a base that does not exist, a missing one and an unknown option, and prints its usage on --help", async () => {
    dir = await repository();
    const wrong = await runCli("pr-check", ["--base", "no-such-branch"], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('pr-check: there is no commit "no-such-branch" in this repository.');
    const missing = await runCli("pr-check", [], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("pr-check: name the branch to compare with: --base main.");
    expect(missing.stderr).toContain("Usage: npm run pr-check -- --base <git-ref>");
    const unknown = await runCli("pr-check", ["--colour"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^pr-check: unknown option --colour\.\n\nUsage: npm run pr-check -- --base <git-ref>\n/,
    );
    const help = await runCli("pr-check", ["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run pr-check -- --base <git-ref>\n/);
    expect(await ran(dir)).toEqual([""]);
  });
});
