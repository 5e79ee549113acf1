import { execFileSync, spawn } from "node:child_process";
import { cp, lstat, mkdir, mkdtemp, readFile, readlink, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../src/site/build.js";
import { BUILD_MARKER } from "../../src/site/publish.js";
import { runCli } from "../helpers/cli.js";
import { snapshotTree } from "../helpers/files.js";

/** What every refusal of a place among sources ends with. */
const ELSEWHERE =
  "Nothing was changed. Fix: build into a folder of its own, such as --output _site (the default), or a new folder outside the project.";

/** What a refusal of something Minibooks did not make at the output ends with. */
const replaceHint = (output: string) =>
  `Fix: choose a new --output, or add --replace to move it aside to ${output}.replaced-<date and time> (nothing is deleted) and publish in its place.`;

let root: string;
let project: string;
let outside: string;

/** A project in git beside a folder of someone else's: a fixture book, docs/, and notes/ that git tracks. */
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "minibooks-output-safety-"));
  project = path.join(root, "project");
  outside = path.join(root, "www");
  await cp(path.join(REPO_ROOT, "tests/fixtures/small-book"), project, { recursive: true });
  await mkdir(path.join(project, "docs"));
  await writeFile(path.join(project, "docs/guide.md"), "# How this book is made\n");
  await mkdir(path.join(project, "notes"));
  await writeFile(path.join(project, "notes/todo.txt"), "chapter 4\n");
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: project,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "A",
        GIT_AUTHOR_EMAIL: "a@example.org",
        GIT_COMMITTER_NAME: "A",
        GIT_COMMITTER_EMAIL: "a@example.org",
      },
    });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "The garden book");
  await mkdir(outside);
  await writeFile(path.join(outside, "index.html"), "<p>the web server's own page</p>\n");
  await writeFile(path.join(outside, "keep.txt"), "kept\n");
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Runs `npm run build` in the project with these arguments, and checks that nothing under the folders changed. */
async function refused(args: string[], unchanged: string[] = [root]) {
  const before = await Promise.all(unchanged.map((dir) => snapshotTree(dir)));
  const run = await runCli("build", args, project);
  expect(await Promise.all(unchanged.map((dir) => snapshotTree(dir)))).toEqual(before);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  return run.stderr;
}

describe("an output among the sources is refused before anything is touched", () => {
  it("refuses the content folder itself", async () => {
    expect(await refused(["--output", "."])).toBe(
      `.: not a place to build: it is the content folder itself, and a build there would replace it. ${ELSEWHERE}\n`,
    );
  });

  it("refuses a folder that holds the content", async () => {
    expect(await refused(["--output", ".."])).toBe(
      `..: not a place to build: it holds the content folder (${await realpath(project)}), and a build there would replace it. ${ELSEWHERE}\n`,
    );
  });

  it("refuses pages/, images/ and docs/, and folders inside them", async () => {
    expect(await refused(["--output", "pages"])).toBe(
      `pages: not a place to build: it holds sources, and a build there would replace them. ${ELSEWHERE}\n`,
    );
    expect(await refused(["--output", "docs"])).toBe(
      `docs: not a place to build: it holds sources, and a build there would replace them. ${ELSEWHERE}\n`,
    );
    expect(await refused(["--output", "images/site"])).toBe(
      `images/site: not a place to build: it is inside images/, which holds sources, and a build there would mix the site into them. ${ELSEWHERE}\n`,
    );
  });

  it("refuses any folder git tracks a file in, whatever its name", async () => {
    expect(await refused(["--output", "notes"])).toBe(
      `notes: not a place to build: it holds sources (git tracks files in it), and a build there would replace them. ${ELSEWHERE}\n`,
    );
  });

  it("refuses the Minibooks project and its folders, whatever content is built", async () => {
    const docs = path.join(REPO_ROOT, "docs");
    expect(await refused(["--output", docs], [root, docs])).toBe(
      `${docs}: not a place to build: it holds sources, and a build there would replace them. ${ELSEWHERE}\n`,
    );
    expect(await refused(["--output", REPO_ROOT], [root, docs])).toBe(
      `${REPO_ROOT}: not a place to build: it is the Minibooks project itself, and a build there would replace it. ${ELSEWHERE}\n`,
    );
  });

  it("refuses a folder of builds as the output", async () => {
    expect(await refused(["--output", "_site.builds"])).toBe(
      `_site.builds: not a place to build: a name ending in .builds is where Minibooks keeps the builds of _site. ${ELSEWHERE}\n`,
    );
  });

  it("refuses the --replace flag there too", async () => {
    expect(await refused(["--output", "pages", "--replace"])).toBe(
      `pages: not a place to build: it holds sources, and a build there would replace them. ${ELSEWHERE}\n`,
    );
  });
});

describe("what Minibooks did not make is never replaced or emptied", () => {
  it("refuses a folder with files in it, such as a _site an earlier version wrote", async () => {
    await mkdir(path.join(project, "_site/pages"), { recursive: true });
    await writeFile(path.join(project, "_site/index.html"), "<p>an earlier site</p>\n");
    await writeFile(path.join(project, "_site/pages/notes.txt"), "mine\n");
    try {
      expect(await refused([])).toBe(
        "_site: is a folder Minibooks did not make (it publishes a site as a link into _site.builds/), so it was left as it was. " +
          `${replaceHint("_site")}\n`,
      );
    } finally {
      await rm(path.join(project, "_site"), { recursive: true });
    }
  });

  it("refuses a file", async () => {
    await writeFile(path.join(project, "site.txt"), "a file\n");
    try {
      expect(await refused(["--output", "site.txt"])).toBe(
        `site.txt: is a file, not a site Minibooks made, so it was left as it was. ${replaceHint("site.txt")}\n`,
      );
    } finally {
      await rm(path.join(project, "site.txt"));
    }
  });

  it("refuses _site as a link to a folder elsewhere, and leaves that folder as it was", async () => {
    await symlink(outside, path.join(project, "_site"));
    try {
      expect(await refused([])).toBe(
        `_site: is a link to ${outside}, not to a build in _site.builds/: Minibooks does not write through it, and left ${outside} as it was. ${replaceHint("_site")}\n`,
      );
    } finally {
      await rm(path.join(project, "_site"));
    }
  });

  it("refuses _site.builds as a link, even with --replace, and leaves its target as it was", async () => {
    await symlink(outside, path.join(project, "_site.builds"));
    try {
      const line =
        `_site: its folder of builds _site.builds is a link to ${outside}: Minibooks keeps builds only in a folder of its own, and left ${outside} as it was. ` +
        "Fix: remove the link _site.builds (that removes the link alone, not what it points to), or choose another --output.\n";
      expect(await refused([])).toBe(line);
      expect(await refused(["--replace"])).toBe(line);
    } finally {
      await rm(path.join(project, "_site.builds"));
    }
  });
});

describe("a build beside what others left", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "minibooks-output-builds-"));
    await cp(path.join(REPO_ROOT, "tests/fixtures/small-book"), dir, { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("removes from _site.builds only the marked builds of processes that are gone", async () => {
    expect((await runCli("build", [], dir)).code).toBe(0);
    const builds = path.join(dir, "_site.builds");
    const gone = await deadPid();
    // Someone else's folders, one with a name like a build's of a process that is gone.
    const foreign = [`${gone}-0badf00d`, `${gone}-notmine`, "backup"];
    for (const name of foreign) {
      await mkdir(path.join(builds, name, "sub"), { recursive: true });
      await writeFile(path.join(builds, name, "sub/page.html"), `<p>${name}</p>\n`);
    }
    await writeFile(path.join(builds, "README.txt"), "my notes\n");
    // A marked build of a process that is gone, and one of a process still running (this one).
    const leftover = path.join(builds, `${gone}-00c0ffee`);
    const live = path.join(builds, `${process.pid}-00c0ffee`);
    for (const folder of [leftover, live]) {
      await mkdir(folder);
      await writeFile(path.join(folder, BUILD_MARKER), "");
      await writeFile(path.join(folder, "index.html"), "<p>half a site</p>\n");
    }
    const kept = [...foreign.map((name) => path.join(builds, name)), path.join(builds, "README.txt"), live];
    const before = await Promise.all(kept.map((file) => snapshotTree(file)));

    const run = await runCli("build", [], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await Promise.all(kept.map((file) => snapshotTree(file)))).toEqual(before);
    expect(await lstat(leftover).catch(() => "removed")).toBe("removed");
  });

  it("keeps the build an earlier version published, unmarked, and says so", async () => {
    const builds = path.join(dir, "_site.builds");
    const published = await realpath(path.join(dir, "_site"));
    await rm(path.join(published, BUILD_MARKER)); // as an earlier version left it
    const before = await snapshotTree(published);

    const run = await runCli("build", [], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Left _site.builds/${path.basename(published)} as it was: _site showed it, but it holds no ${BUILD_MARKER}, ` +
        "so nothing proves Minibooks made it (earlier versions did not mark their builds). Remove it once you no longer need it.\n",
    );
    expect(await snapshotTree(published)).toEqual(before);
    expect(path.dirname(await realpath(path.join(dir, "_site")))).toBe(await realpath(builds));
  });

  it("with --replace, moves a folder it did not make aside, whole, and publishes in its place", async () => {
    const old = path.join(dir, "public");
    await mkdir(path.join(old, "css"), { recursive: true });
    await writeFile(path.join(old, "index.html"), "<p>hand-made</p>\n");
    await writeFile(path.join(old, "css/site.css"), "p { color: red }\n");
    await symlink("index.html", path.join(old, "home.html"));
    const before = await snapshotTree(old);

    const run = await runCli("build", ["--output", "public", "--replace"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const moved =
      /^Moved what was at public aside to (public\.replaced-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d); nothing in it was changed or deleted\.\n/.exec(
        run.stdout,
      );
    expect(moved, run.stdout).not.toBeNull();
    expect(await snapshotTree(path.join(dir, moved![1]))).toEqual(before);
    expect(path.dirname(await readlink(old))).toBe("public.builds");
    expect(await readFile(path.join(old, "index.html"), "utf8")).toContain("<html");
  });

  it("builds into an empty folder, which holds nothing to lose", async () => {
    await mkdir(path.join(dir, "empty"));
    const run = await runCli("build", ["--output", "empty"], dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(path.dirname(await readlink(path.join(dir, "empty")))).toBe("empty.builds");
  });
});

/** The id of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("close", resolve));
  return child.pid!;
}
