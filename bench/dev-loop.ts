import { spawn, type ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { REPO_ROOT, median } from "./measure.js";
import type { LibraryPlan, PlannedChapter } from "./plan-library.js";

/** What the dev loop measured. */
export interface DevLoopResult {
  /** Chapters in the library the dev server ran on. */
  chapters: number;
  /** The chapter that was edited, and its neighbours. */
  edited: string;
  neighbours: string[];
  /** From starting the server to its first build being written. */
  startupMs: number;
  /** From starting the server to its first answer with a chapter page (HTTP 200 holding the chapter's title). */
  firstPageMs: number;
  /** Per body edit: from the save to the page's file holding the new text. */
  bodyMs: number[];
  /** Per title edit: from the save to the page and both neighbours holding the new title. */
  titleMs: number[];
  /** Per title edit: from the save to the edited page alone holding the new title. */
  titlePageMs: number[];
  /** Whether the neighbours' buttons showed the new title after every title edit. */
  neighboursCorrect: boolean;
  /** Files Eleventy said it wrote per rebuild, and the seconds it said each took. */
  rebuilds: { files: number; seconds: number }[];
}

/** Options for a dev loop measurement. */
export interface DevLoopOptions {
  /** A library written by writeLibrary, and its plan. */
  library: string;
  plan: LibraryPlan;
  /** How many body edits and how many title edits. */
  edits: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** The Minibooks checkout whose `npm start` is timed (this one by default), to compare two versions. */
  repo?: string;
}

/** The slowest a single edit may take before the measurement gives up on it. */
const EDIT_TIMEOUT_MS = 60_000;

/**
 * Starts the dev server as `npm start` does, on the library, waits for its
 * first build, then saves edits to one chapter and times how long until the rebuilt pages are written.
 */
export async function measureDevLoop({
  library,
  plan,
  edits,
  log = () => {},
  repo = REPO_ROOT,
}: DevLoopOptions): Promise<DevLoopResult> {
  const { chapter, previous, next } = middleChapter(plan);
  const source = path.join(library, "pages", `${chapter.name}.md`);
  const outputOf = (c: PlannedChapter) => path.join(library, ".cache/dev-site", "pages", c.name, "index.html");
  const server = await startServer(library, repo);
  try {
    const [startupMs, firstPageMs] = await Promise.all([
      server.nextBuild(5 * 60_000),
      server.firstPage(`/pages/${chapter.name}/`, chapter.title, 5 * 60_000),
    ]);
    await server.serving(60_000);
    await sleep(1000); // the watcher starts after the first build; give it time to be ready
    log(`dev server: first page served after ${seconds(firstPageMs)}, first build written after ${seconds(startupMs)}`);
    const result: DevLoopResult = {
      chapters: plan.books.reduce((sum, book) => sum + book.chapters.length, 0),
      edited: chapter.name,
      neighbours: [previous.name, next.name],
      startupMs,
      firstPageMs,
      bodyMs: [],
      titleMs: [],
      titlePageMs: [],
      neighboursCorrect: true,
      rebuilds: server.rebuilds,
    };
    for (let i = 1; i <= edits; i++) {
      const marker = `Benchmark edit number ${i} of the body.`;
      const text = await readFile(source, "utf8");
      const body = await timeEdit(server, source, `${text}\n${marker}\n`, [[outputOf(chapter), marker]]);
      result.bodyMs.push(body.ms);
      log(`dev server: body edit ${i}/${edits} written after ${seconds(body.ms)}`);

      const title = `Retitled by benchmark edit ${i}`;
      const retitled = (await readFile(source, "utf8")).replace(/^title: .*$/m, `title: ${title}`);
      const expected: [string, string][] = [outputOf(chapter), outputOf(previous), outputOf(next)].map((file) => [
        file,
        title,
      ]);
      const edit = await timeEdit(server, source, retitled, expected);
      result.titleMs.push(edit.ms);
      result.titlePageMs.push(edit.firstMs);
      if (!Number.isFinite(edit.ms)) result.neighboursCorrect = false;
      log(
        `dev server: title edit ${i}/${edits}: page after ${seconds(edit.firstMs)}, neighbours after ${seconds(edit.ms)}`,
      );
    }
    return result;
  } finally {
    await server.stop();
  }
}

/** Medians of a dev loop result, for the report. */
export function devLoopMedians(result: DevLoopResult) {
  return { body: median(result.bodyMs), title: median(result.titleMs), titlePage: median(result.titlePageMs) };
}

/** A chapter with a neighbour on each side, from the middle of the library. */
function middleChapter(plan: LibraryPlan) {
  const book = plan.books[Math.floor(plan.books.length / 2)];
  if (book.chapters.length < 3) throw new Error("the dev loop needs a book of at least three chapters.");
  const i = Math.floor(book.chapters.length / 2);
  return { chapter: book.chapters[i], previous: book.chapters[i - 1], next: book.chapters[i + 1] };
}

/**
 * Saves `text` to `file`, then polls every 10 ms until each expected output file contains its text.
 * Returns the time until all did (`ms`) and until the first did (`firstMs`); Infinity on timeout.
 * Waits for the rebuild to finish before returning, so edits never overlap.
 */
async function timeEdit(server: DevServer, file: string, text: string, expected: [string, string][]) {
  const builds = server.builds;
  await writeFile(file, text);
  const saved = performance.now();
  const pending = new Set(expected.map(([output]) => output));
  let firstMs = Infinity;
  while (pending.size > 0 && performance.now() - saved < EDIT_TIMEOUT_MS) {
    for (const [output, wanted] of expected) {
      if (!pending.has(output)) continue;
      const html = await readFile(output, "utf8").catch(() => "");
      if (!html.includes(wanted)) continue;
      pending.delete(output);
      if (output === expected[0][0]) firstMs = performance.now() - saved;
    }
    if (pending.size > 0) await sleep(10);
  }
  const ms = pending.size === 0 ? performance.now() - saved : Infinity;
  await server.buildsAfter(builds, EDIT_TIMEOUT_MS);
  await sleep(300); // let the watcher settle before the next save
  return { ms, firstMs };
}

/** A running dev server: counts finished builds from its output. */
interface DevServer {
  /** Builds finished so far. */
  readonly builds: number;
  rebuilds: { files: number; seconds: number }[];
  /** Waits for the next build to finish; returns the time waited. */
  nextBuild(timeoutMs: number): Promise<number>;
  /** Waits until more than `count` builds have finished. */
  buildsAfter(count: number, timeoutMs: number): Promise<void>;
  /** Waits until the server answers `urlPath` with a page holding `text`; returns the time since it started. */
  firstPage(urlPath: string, text: string, timeoutMs: number): Promise<number>;
  /** Waits until the server says where it serves. */
  serving(timeoutMs: number): Promise<void>;
  /** Stops the server and everything it started. */
  stop(): Promise<void>;
}

/** What `npm start` runs (its `start` script, without npm): the compiled dev server, on a port of ours. */
export function devServerCommand(repo: string, port: number): { command: string; args: string[] } {
  return { command: process.execPath, args: [path.join(repo, "bin/minibooks.js"), "serve", "--port", String(port)] };
}

async function startServer(library: string, repo: string): Promise<DevServer> {
  const port = await freePort();
  const { command, args } = devServerCommand(repo, port);
  const started = performance.now();
  // In the library's folder, as an author runs `npm start` in theirs: everything it writes stays
  // there (.cache/dev-site/).
  const child = spawn(command, args, {
    cwd: library,
    detached: true, // its own process group, so stop() ends it and anything it starts
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let builds = 0;
  let serving = false;
  let output = "";
  let partial = "";
  let exited = false;
  const rebuilds: { files: number; seconds: number }[] = [];
  const onOutput = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      // A partial rebuild says how many pages it left as they were: "Wrote 3 files (skipped 69) in".
      const wrote = /Wrote (\d+) files?(?: \(skipped \d+\))? in ([\d.]+) seconds/.exec(line);
      // Eleventy's "Wrote N files" closes every build, the first and each rebuild.
      if (wrote) {
        rebuilds.push({ files: Number(wrote[1]), seconds: Number(wrote[2]) });
        builds++;
      }
      if (line.includes("Serving the site")) serving = true;
    }
  };
  child.stdout!.on("data", onOutput);
  child.stderr!.on("data", onOutput);
  child.on("exit", () => (exited = true));

  const waitFor = async (condition: () => boolean, timeoutMs: number, poll?: () => Promise<void>) => {
    const started = performance.now();
    for (;;) {
      await poll?.();
      if (condition()) break;
      if (exited) throw new Error(`the dev server stopped:\n${output.slice(-3000)}`);
      if (performance.now() - started > timeoutMs)
        throw new Error(`the dev server did not finish a build:\n${output.slice(-3000)}`);
      await sleep(10);
    }
    return performance.now() - started;
  };

  return {
    get builds() {
      return builds;
    },
    rebuilds,
    nextBuild: (timeoutMs) => {
      const count = builds;
      return waitFor(() => builds > count, timeoutMs);
    },
    buildsAfter: async (count, timeoutMs) => {
      await waitFor(() => builds > count, timeoutMs);
    },
    firstPage: async (urlPath, text, timeoutMs) => {
      let served = false;
      await waitFor(
        () => served,
        timeoutMs,
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}${urlPath}`).catch(() => undefined);
          served = response?.status === 200 && (await response.text()).includes(text);
        },
      );
      return performance.now() - started;
    },
    serving: async (timeoutMs) => {
      await waitFor(() => serving, timeoutMs);
    },
    stop: () => stopGroup(child, () => exited),
  };
}

async function stopGroup(child: ChildProcess, exited: () => boolean): Promise<void> {
  if (exited() || child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  for (let waited = 0; !exited() && waited < 5000; waited += 50) await sleep(50);
  if (!exited()) signal("SIGKILL");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "timed out";
}
