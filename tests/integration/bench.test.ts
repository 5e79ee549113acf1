import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { planLibrary } from "../../bench/plan-library.js";
import { writeLibrary } from "../../bench/write-library.js";
import { loadContent } from "../../src/content/load.js";
import { REPO_ROOT } from "../../src/site/build.js";
import { site } from "../../src/site-settings.js";

const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `minibooks-${name}-`));
  temporary.push(dir);
  return dir;
}

/** Runs `npm run bench` (its script, without npm) with arguments; resolves with what it printed. */
function runBench(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(REPO_ROOT, "bench/run.ts"), ...args], { cwd: REPO_ROOT });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("the benchmark's synthetic library", () => {
  it("is the same for the same seed and different for another", () => {
    expect(planLibrary(60, 7)).toEqual(planLibrary(60, 7));
    expect(planLibrary(60, 7)).not.toEqual(planLibrary(60, 8));
  });

  it("has books of about twenty chapters, each with negative, zero and decimal numbers", () => {
    const plan = planLibrary(100, 1);
    expect(plan.books).toHaveLength(5);
    for (const book of plan.books) {
      const numbers = book.chapters.map((chapter) => chapter.number);
      expect(numbers).toHaveLength(20);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(numbers).toContain(-1);
      expect(numbers).toContain(0);
      expect(numbers.some((n) => !Number.isInteger(n))).toBe(true);
    }
    const names = plan.books.flatMap((book) => book.chapters.map((chapter) => chapter.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it("passes Minibooks' content checks", async () => {
    const dir = await tempDir("bench-library");
    await writeLibrary(dir, 45, 3);
    expect(await readdir(path.join(dir, "pages"))).toHaveLength(45 + 2);
    const { problems } = await loadContent(dir, { categories: site.categories });
    expect(problems).toEqual([]);
  });
});

describe("npm run bench, at a tiny size", () => {
  it("writes a report with the same-work baselines, memory, the breakdown, the project's content, the dev loop and the targets", async () => {
    const scratch = await realpath(await tempDir("bench-scratch"));
    const out = path.join(await tempDir("bench-report"), "benchmarks.md");
    const args = [
      "--sizes",
      "20,40",
      "--runs",
      "1",
      "--guide-runs",
      "1",
      "--dev-size",
      "20",
      "--dev-edits",
      "1",
      "--scratch",
      scratch,
      "--out",
      out,
    ];
    const { code, stderr } = await runBench(args);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain("[bench] N = 40 whole minibooks run 1/1");
    expect(stderr).toContain("[bench] N = 40 whole eleventy+pagefind run 1/1");
    expect(stderr).toContain("[bench] N = 40 Pagefind CLI alone on Minibooks' site, run 1/1");
    expect(stderr).toContain("[bench] N = 40 whole minibooks again, one chapter changed, run 1/1");
    expect(stderr).toContain("[bench] N = 40 baseline run 1/1");
    // The benchmark cleans up after itself.
    expect(await readdir(scratch)).toEqual([]);

    const report = await readFile(out, "utf8");
    const number = String.raw`\d+(\.\d+)?`;
    const time = `${number} s`;
    const mib = existsSync("/usr/bin/time") ? String.raw`\d+ MiB` : String.raw`(\d+ MiB|—)`;
    expect(report).toContain("npm run bench -- --sizes 20,40 --runs 1");
    expect(report).toMatch(/\d+ cores/);
    expect(report).toContain(`- Where: libraries, sites and temporary files in \`${scratch}/minibooks-bench-`);
    expect(report).toContain("### N = 20 chapters (1 book, 22 pages)");
    expect(report).toContain("### N = 40 chapters (2 books, 43 pages)");
    expect(report).toContain(
      "`eleventy --config=bench/baseline/eleventy.config.js --input=<library> --output=<output> --quiet && pagefind --site <output>`",
    );

    // Ratios against the same work, wall and CPU; Hugo's columns only where it is installed.
    const hugo = report.includes("- Hugo: hugo v");
    if (!hugo) expect(report).toContain("- Hugo: not installed");
    const ratio = `${number}×`;
    const hugoRatios = hugo ? ` ${ratio} \\| ${ratio} \\|` : "";
    expect(report).toMatch(
      new RegExp(`\\| 40 \\| ${time} / ${time} \\| ${ratio} \\| ${ratio} \\|${hugoRatios} ${ratio} \\| ${ratio} \\|`),
    );

    // Whole commands: wall, CPU, cores used, largest process, Minibooks over each, scaling.
    const whole = (name: string, ratios: string, scale: string) =>
      new RegExp(`\\| ${name} \\| ${time} \\| ${time} \\| ${number} \\| ${mib} \\| ${ratios} \\| ${scale} \\|`);
    const both = `${ratio} \\| ${ratio}`;
    expect(report).toMatch(whole("Minibooks `npm run build`", "1\\.00× \\| 1\\.00×", "—"));
    expect(report).toMatch(whole("Minibooks `npm run build`", "1\\.00× \\| 1\\.00×", `${number} \\(vs N = 20\\)`));
    expect(report).toMatch(whole("bare Eleventy 3 \\+ Pagefind CLI", both, `${number} \\(vs N = 20\\)`));
    // The build again after a one-chapter change, its books' files kept by the build before.
    expect(report).toMatch(
      whole("Minibooks `npm run build` again, one chapter changed \\(cache warm\\)", both, `${number} \\(vs N = 20\\)`),
    );
    expect(report).toContain("**The build again after a one-chapter change**");
    if (hugo) expect(report).toMatch(whole("Hugo \\+ Pagefind CLI", both, `${number} \\(vs N = 20\\)`));
    if (existsSync("/usr/bin/time")) {
      expect(report).toMatch(
        whole("less work: bare Eleventy 3 alone \\(step 1, no search index\\)", both, `${number} \\(vs N = 20\\)`),
      );
    }
    expect(report).toMatch(
      whole("Pagefind CLI alone on Minibooks' site \\(in no command\\)", "— \\| —", `${number} \\(vs N = 20\\)`),
    );
    expect(report).toMatch(/The Pagefind CLI indexed bare Eleventy's site 43 pages, .*Minibooks' site \d+ pages\./);

    // Each process's own peak memory.
    const hugoPeaks = hugo ? ` ${mib} \\| ${mib} \\|` : "";
    expect(report).toMatch(
      new RegExp(`\\| 40 \\| \\d+ MiB \\| ${mib} \\| ${mib} \\| ${mib} \\| ${mib} \\|${hugoPeaks}\n`),
    );

    // The build alone, as a breakdown.
    expect(report).toContain("### The build alone, N = 40 chapters");
    expect(report).toMatch(
      new RegExp(
        `\\| Minibooks build \\| ${time} \\| ${time} \\| \\d+ \\| \\d+ MiB \\| ${number}× \\| ${number} \\(vs N = 20\\) \\|`,
      ),
    );
    expect(report).toMatch(/\| search indexing/);
    expect(report).toMatch(
      new RegExp(
        `\\| baseline \\(bare Eleventy 3, no search index: less work\\) \\| ${time} \\| ${time} \\| \\d+ \\| \\d+ MiB \\| 1\\.00× \\|`,
      ),
    );

    // The project's own content, the dev server's start and its loop.
    expect(report).toMatch(new RegExp(`\\| \`npm run check\` \\| ${time} \\| ${time} \\| ${number} \\| ${time} \\|`));
    expect(report).toMatch(new RegExp(`it first served a chapter page \\*\\*${time}\\*\\* after it started`));
    expect(report).toMatch(/\| body \| \d+ ms \| /);
    expect(report).toMatch(/\| title: page and neighbours' buttons \| \d+ ms \| /);
    expect(report).toContain("Neighbours' buttons after every title change: correct.");

    expect(report).toContain(
      "| N = 4000: whole `npm run build` at most 1.25× bare Eleventy 3 + Pagefind CLI, wall | — | **not measured** |",
    );
    expect(report).toContain(
      "| N = 4000, the build again after a one-chapter change (cache warm): at most 1.25× bare Eleventy 3 + Pagefind CLI, wall | — | **not measured** |",
    );
    expect(report).toContain(
      "| N = 8000: Pagefind's process in the build no larger than the Pagefind CLI alone on the same site | — | **not measured** |",
    );
    expect(report).toMatch(
      /\| `npm run check` on the project's own content at most 1\.0 s, whole process \| \d+\.\d+ s \(median\) \| (met|\*\*missed\*\*) \|/,
    );
  }, 600_000); // fourteen whole builds in fresh processes (two of them again after a change), on a machine that may be busy

  it("refuses --tmpfs together with --scratch, before it builds anything", async () => {
    const { code, stderr } = await runBench(["--tmpfs", "--scratch", tmpdir()]);
    expect(code).toBe(2);
    expect(stderr).toContain("usage: --tmpfs writes to /dev/shm; --scratch names another folder; give one of them");
  });
});
