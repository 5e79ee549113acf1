// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings hold GitHub's ${{ }} expressions, not templates
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify, stripVTControlCharacters } from "node:util";
import matter from "gray-matter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/repo.js";
import { REPOSITORY_BOOKS, bookSlug, timeForContent } from "../helpers/repository-content.js";
import { evaluate, interpolate, readWorkflow, runJob, stepRuns, type JobResult } from "../helpers/workflow.js";

// The pull-request workflow cannot run here, so this test runs it as GitHub's runner would, for a
// pull request that adds a correct chapter, on a machine without Debian's EPUBCheck:
// - the machine: a private mount namespace whose /usr, /etc and /var are overlays of this machine's,
//   in which the epubcheck package and the libraries it brought are purged. The workflow's own step
//   installs it again with apt-get (from apt's cache here, or Debian's mirror); nothing of this
//   machine changes. What it does not show: that Ubuntu's package is named and placed as Debian's.
// - the checkout: a clone with full history of a repository made of this working tree (main) and
//   a branch that adds the chapter; the runner's merge commit of such a branch is the branch itself.
// - setup-node: the Node that runs this test. `npm ci`: node_modules is a hard-linked copy of this
//   working tree's (the same packages, without a download), then `npm run prepare`, which npm ci runs.
// - sudo: the runner's user has it; this machine's root does not, so a `sudo` on PATH runs the
//   command as it is, which is what sudo does for root.

const WORKFLOW = path.join(REPO_ROOT, ".github/workflows/pull-request.yml");

/** Why the workflow cannot be run here, or undefined when it can. */
function cannotRun(): string | undefined {
  if (process.platform !== "linux" || process.getuid?.() !== 0) {
    return "it needs root on Linux, to take Debian's EPUBCheck away in a private mount namespace";
  }
  for (const tool of ["unshare", "nsenter", "apt-get", "dpkg", "git"]) {
    if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) return `it needs ${tool}`;
  }
  return undefined;
}

/** Sets up the machine without EPUBCheck inside a new mount namespace, then holds it until its stdin closes. */
const MACHINE = `set -euo pipefail
mount -t tmpfs tmpfs "$1"
for dir in usr etc var; do
  mkdir -p "$1/$dir/upper" "$1/$dir/work"
  mount -t overlay overlay -o "lowerdir=/$dir,upperdir=$1/$dir/upper,workdir=$1/$dir/work" "/$dir"
done
if dpkg -s epubcheck >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -qq epubcheck >/dev/null
fi
echo ready
exec cat >/dev/null`;

/**
 * A machine without Debian's EPUBCheck: its namespace's process, to enter with nsenter. While apt is
 * installing something on this machine, its packages are half there: the machine is made again once
 * apt is done, for up to five minutes.
 */
async function machineWithoutEpubcheck(layer: string): Promise<ChildProcess> {
  const deadline = Date.now() + 5 * 60_000;
  for (let attempt = 1; ; attempt++) {
    const folder = path.join(layer, String(attempt));
    await mkdir(folder, { recursive: true });
    const holder = spawn("unshare", ["--mount", "--propagation", "private", "bash", "-c", MACHINE, "machine", folder], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    const ready = await new Promise<boolean>((resolve) => {
      holder.stdout!.on("data", (chunk) => {
        output += chunk;
        if (output.includes("ready\n")) resolve(true);
      });
      holder.stderr!.on("data", (chunk) => (output += chunk));
      holder.on("close", () => resolve(false));
    });
    if (ready) return holder;
    if (Date.now() > deadline) throw new Error(`The machine without EPUBCheck was not set up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

/** Runs a shell command on that machine. */
function onMachine(holder: ChildProcess, command: string) {
  return spawnSync("nsenter", ["--target", String(holder.pid), "--mount", "--", "sh", "-c", command], {
    encoding: "utf8",
  });
}

const git = (args: string[], cwd: string) =>
  promisify(execFile)("git", ["-c", "user.name=Author", "-c", "user.email=author@example.org", ...args], {
    cwd,
    env: { ...process.env, GIT_AUTHOR_DATE: "2025-03-04T10:00:00Z", GIT_COMMITTER_DATE: "2025-03-04T10:00:00Z" },
  });

/** A repository made of this working tree as main, with a branch that adds a chapter; its path and the chapter's file. */
async function pullRequest(dir: string): Promise<{ repository: string; chapter: string; url: string }> {
  const repository = path.join(dir, "origin");
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  }).stdout;
  for (const file of listed.split("\0").filter((f) => f && existsSync(path.join(REPO_ROOT, f)))) {
    await cp(path.join(REPO_ROOT, file), path.join(repository, file));
  }
  await git(["init", "-q", "-b", "main"], repository);
  await git(["add", "-A"], repository);
  await git(["commit", "-qm", "The project as it is"], repository);
  await git(["checkout", "-q", "-b", "add-chapter"], repository);

  // The next chapter of the first book, after every chapter it has, drafts included.
  const book = REPOSITORY_BOOKS.find((b) => b.chapters.length > 0)!;
  const slug = bookSlug(book);
  const numbers = readdirSync(path.join(REPO_ROOT, "pages"))
    .filter((file) => file.endsWith(".md"))
    .map((file) => matter(readFileSync(path.join(REPO_ROOT, "pages", file), "utf8")).data)
    .filter((data) => data.book === slug)
    .map((data) => Number(data.chapter));
  const number = Math.floor(Math.max(...numbers)) + 1;
  const chapter = `pages/${slug}-reading-together.md`;
  const first = book.chapters[0].split("/")[2];
  await writeFile(
    path.join(repository, chapter),
    `---
title: Reading the Results Together
description: How a team reads where its results stand in one short meeting, and what it changes after.
status: yellow
book: ${slug}
chapter: ${number}
---

## Before the meeting

Each owner writes one line on where their result stands, as the [first chapter](./${first}.md) describes.

## In the meeting

The lines are read aloud, the team agrees on one change, and someone writes it down.
`,
  );
  await git(["add", chapter], repository);
  await git(["commit", "-qm", "Add a chapter on reading the results together"], repository);
  return { repository, chapter, url: `/pages/${path.basename(chapter, ".md")}/` };
}

const reason = cannotRun();
if (reason) console.warn(`Skipping the pull-request workflow's run: ${reason}.`);

describe.skipIf(reason !== undefined)("the pull-request workflow, run as GitHub's runner runs it", () => {
  let dir: string;
  let holder: ChildProcess | undefined;
  let workspace: string;
  let added: { chapter: string; url: string };
  let job: JobResult;
  let epubcheckBefore: ReturnType<typeof onMachine>;

  beforeAll(
    async () => {
      dir = await mkdtemp(path.join(tmpdir(), "minibooks-workflow-"));
      const { repository, ...rest } = await pullRequest(dir);
      added = rest;
      // actions/checkout with fetch-depth 0: every branch and all history, the pull request checked out.
      workspace = path.join(dir, "workspace");
      await git(["clone", "-q", "--branch", "add-chapter", repository, workspace], dir);
      // npm ci's packages: hard links to this tree's, less the caches tools write into, so that nothing
      // written there reaches this tree's files.
      const linked = spawnSync("cp", [
        "-al",
        path.join(REPO_ROOT, "node_modules"),
        path.join(workspace, "node_modules"),
      ]);
      expect(linked.status, String(linked.stderr)).toBe(0);
      for (const cache of [".vite", ".cache"]) {
        await rm(path.join(workspace, "node_modules", cache), { recursive: true, force: true });
      }

      const shims = path.join(dir, "shims");
      await mkdir(shims);
      await writeFile(path.join(shims, "sudo"), '#!/bin/sh\nexec "$@"\n');
      await chmod(path.join(shims, "sudo"), 0o755);

      holder = await machineWithoutEpubcheck(path.join(dir, "machine"));
      epubcheckBefore = onMachine(holder, "ls /usr/share/java/epubcheck.jar");

      // The runner's environment: the system's PATH (not this tree's node_modules/.bin, which npm
      // puts first when it runs the tests) with sudo, and nothing of this test run's own variables.
      const system = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => !dir.includes("node_modules"));
      const env: NodeJS.ProcessEnv = { PATH: [shims, ...system].join(path.delimiter) };
      for (const name of ["HOME", "LANG", "TMPDIR", "USER", "LOGNAME", "SHELL"]) {
        if (process.env[name] !== undefined) env[name] = process.env[name];
      }
      const head = (await git(["rev-parse", "HEAD"], workspace)).stdout.trim();
      job = await runJob(readWorkflow(WORKFLOW), "check", {
        workspace,
        runnerTemp: path.join(dir, "runner"),
        github: {
          event_name: "pull_request",
          base_ref: "main",
          head_ref: "add-chapter",
          ref: "refs/pull/1/merge",
          sha: head,
          repository: "minibooks/minibooks",
          event: { number: 1, pull_request: { number: 1, base: { ref: "main" }, head: { ref: "add-chapter" } } },
        },
        env,
        action: (step) => {
          if (step.uses?.startsWith("actions/checkout@")) {
            expect(step.with?.["fetch-depth"], "the base branch is read from history").toBe(0);
          } else if (!step.uses?.startsWith("actions/setup-node@")) {
            throw new Error(`The test does not know what ${step.uses} does here: teach it.`);
          }
        },
        replaceRun: (run) => (run.trim() === "npm ci" ? "npm run prepare" : run),
        wrap: (command, cwd) => [
          "nsenter",
          "--target",
          String(holder!.pid),
          "--mount",
          `--wd=${cwd}`,
          "--",
          ...command,
        ],
      });
      for (const step of job.steps) console.log(`${step.name}: ${step.outcome} in ${step.seconds.toFixed(1)} s`);
    },
    timeForContent(600_000, 10_000),
  );

  afterAll(async () => {
    if (holder && holder.exitCode === null) {
      const ended = new Promise((resolve) => holder!.on("close", resolve));
      holder.stdin!.end();
      await ended;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("starts on a machine without EPUBCheck", () => {
    expect(epubcheckBefore.status, epubcheckBefore.stdout).not.toBe(0);
    expect(epubcheckBefore.stderr).toContain("No such file or directory");
  });

  it("passes every step", () => {
    const failed = job.steps.filter((step) => step.outcome !== "passed" && step.outcome !== "action");
    expect(failed.map((step) => `${step.name} (${step.code}):\n${step.output}`).join("\n\n")).toBe("");
    expect(job.steps.length).toBeGreaterThan(2);
  });

  it("installs EPUBCheck itself, and validates the books' EPUBs with it", () => {
    expect(onMachine(holder!, "ls /usr/share/java/epubcheck.jar").status).toBe(0);
    // The runner's log keeps colours, as GitHub's does.
    const check = stripVTControlCharacters(job.steps.at(-1)!.output);
    expect(check).toMatch(/✓ +(?:integration +)?tests\/content\/epubs\.test\.ts \(\d+ tests?\)/);
    expect(check).not.toMatch(/skipped|Skipping/);
  });

  it("runs the content check for a pull request that adds a chapter, and shows the chapter in the job summary", () => {
    const check = job.steps.at(-1)!;
    expect(check.output).toContain(
      `Only content changed since origin/main (${added.chapter}): the content check runs.`,
    );
    for (const step of ["Content check", "Navigation diff", "Production build", "Tests over the books"]) {
      expect(check.output).toContain(`✓ ${step} (`);
    }
    expect(check.output).not.toContain("Type check");
    expect(check.output).toMatch(/Every step passed in \d+\.\d s/);
    expect(job.summary).toContain(added.url);
  });
});

describe("how the test's runner reads a workflow's expressions", () => {
  const pullRequest = { github: { event_name: "pull_request", base_ref: "main", event: {} }, failed: false };
  const push = { github: { event_name: "push", base_ref: "", event: { before: "abc123" } }, failed: false };

  it("fills in ${{ }} from the event, and nothing for what the event lacks", () => {
    expect(interpolate("origin/${{ github.base_ref }}", pullRequest)).toBe("origin/main");
    expect(interpolate("${{ github.event.before }}", pullRequest)).toBe("");
    expect(interpolate("${{ github.event.before }}", push)).toBe("abc123");
  });

  it("runs a step when its if: holds, and after a failure only when it asks for the status", () => {
    const onPullRequest = { if: "github.event_name == 'pull_request'" };
    expect(stepRuns(onPullRequest, pullRequest)).toBe(true);
    expect(stepRuns(onPullRequest, push)).toBe(false);
    expect(stepRuns({ if: "${{ github.event_name != 'push' && github.base_ref }}" }, pullRequest)).toBe(true);
    expect(stepRuns({}, { ...pullRequest, failed: true })).toBe(false);
    expect(stepRuns(onPullRequest, { ...pullRequest, failed: true })).toBe(false);
    expect(stepRuns({ if: "${{ !cancelled() }}" }, { ...pullRequest, failed: true })).toBe(true);
    expect(stepRuns({ if: "failure()" }, pullRequest)).toBe(false);
  });

  it("refuses an expression it does not know, rather than guess", () => {
    expect(() => evaluate("contains(github.event_name, 'pull')", pullRequest)).toThrow(
      `The workflow runner cannot evaluate "contains(github.event_name, 'pull')": "contains" is not understood.`,
    );
  });
});
