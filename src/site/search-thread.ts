/**
 * The search index's own thread: it talks to Pagefind's process while the build's thread renders
 * and writes pages. Pagefind's Node API moves pages through pipes, which move only while the thread
 * that owns them is free; the build's thread is not while Eleventy writes, so Pagefind lives here.
 *
 * Pages are handed to Pagefind in a fixed order, whatever order they render in (Pagefind's index
 * depends on it), and the index is written as soon as the last expected page is in, while the
 * build makes its whole-book outputs. Or, for the dev server, Pagefind reads a written site whole,
 * at the lowest CPU priority, so a save's rebuild never waits for it.
 */
import childProcess, { type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { constants, setPriority } from "node:os";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import * as pagefind from "pagefind";
import { handOverOrder, type SearchReply, type SearchRequest, type SearchThreadData } from "./search-order.js";
import { VOCABULARY_FILE, WordCounts } from "./search-vocabulary.js";

const port = parentPort!;
const { outputDir, whole = false, background = false } = (workerData as { data: SearchThreadData }).data;
const outputPath = path.join(outputDir, "pagefind");

// Pagefind's Node API stops its process without waiting for it to end. The thread waits, so no
// process outlives the build and its time is the build's: it keeps what the API starts.
const processes: ChildProcess[] = [];
const spawn = childProcess.spawn;
Object.assign(childProcess, {
  spawn: (...args: Parameters<typeof spawn>) => {
    const child = spawn(...args);
    processes.push(child);
    if (background && child.pid) lowestPriority(child.pid);
    return child;
  },
});

/** Lowers a process to the lowest CPU priority; a system that does not allow it leaves it as it is. */
function lowestPriority(pid: number): void {
  try {
    setPriority(pid, constants.priority.PRIORITY_LOW);
  } catch {
    // Pagefind then runs at the build's priority, as it would anyway.
  }
}

// The "#" link beside each heading is for copying, not for reading in an excerpt.
const started = await pagefind.createIndex({ excludeSelectors: [".heading-anchor"] });
const index = started.index;
const problems: string[] = index ? [] : [`Pagefind did not start: ${started.errors.join("; ")}`];

const held = new Map<string, string>();
/** The words of every page sent, for the vocabulary written beside the index. */
const words = new WordCounts();
let order: string[] = [];
let next = 0;
/** How many pages had been sent when the index was last written. */
let written = -1;
/** How many pages Pagefind found in a site it read whole. */
let found = 0;
let writing: Promise<void> = Promise.resolve();

/** Hands Pagefind every held page whose turn has come; writes the index once the last is in. */
function sendReady(): void {
  for (; next < order.length && held.has(order[next]); next++) send(order[next]);
  if (next === order.length && order.length > 0 && held.size === 0) writeIndex();
}

/**
 * Pages wait here, in order, for Pagefind: only a few are on their way at once, so pages it has
 * not read yet are kept once, as they came, and not again as messages in the pipe.
 */
const queue: { url: string; content: string }[] = [];
let queued = 0;
let inFlight = 0;
const IN_FLIGHT = 128;
let drained: (() => void)[] = [];

function send(url: string): void {
  words.add(held.get(url)!);
  queue.push({ url, content: held.get(url)! });
  held.delete(url);
  pump();
}

function pump(): void {
  while (inFlight < IN_FLIGHT && queued < queue.length) {
    const { url, content } = queue[queued];
    queue[queued++] = undefined!;
    inFlight++;
    index!
      .addHTMLFile({ url, content })
      .then(
        (result) => problems.push(...result.errors.map((error) => `${url}: ${error}`)),
        (error: unknown) => problems.push(`${url}: ${String(error)}`),
      )
      .finally(() => {
        inFlight--;
        pump();
      });
  }
  if (inFlight === 0 && queued === queue.length) {
    for (const resolve of drained) resolve();
    drained = [];
  }
}

/** Resolves once every page sent so far is in the index. */
function allAdded(): Promise<void> {
  return inFlight === 0 && queued === queue.length
    ? Promise.resolve()
    : new Promise((resolve) => drained.push(resolve));
}

/** Writes the index of every page sent so far, once all of them are in; again only if more came. */
function writeIndex(): void {
  writing = writing.then(allAdded).then(async () => {
    if (!index || problems.length > 0 || written === queued) return;
    const sent = queued;
    const result = await index.writeFiles({ outputPath });
    if (result.errors.length > 0) problems.push(`Writing the search index failed: ${result.errors.join("; ")}`);
    else await writeFile(path.join(outputPath, VOCABULARY_FILE), words.vocabulary());
    written = sent;
  });
}

function reply(message: SearchReply): void {
  port.postMessage(message);
}

port.on("message", (request: SearchRequest) => {
  if (!index) {
    if (request.kind === "finish" || request.kind === "close") void stop(request.kind);
    return;
  }
  switch (request.kind) {
    case "expect":
      order = handOverOrder(request.urls);
      next = 0;
      sendReady();
      break;
    case "add":
      held.set(request.url, request.html);
      sendReady();
      break;
    case "finish":
      // Pages that were expected but never came, and any not expected, leave the rest in order.
      for (const url of handOverOrder(held.keys())) send(url);
      writeIndex();
      void stop("finish");
      break;
    case "close":
      // The build failed: what has not gone to Pagefind yet never will.
      held.clear();
      queue.length = queued;
      void stop("close");
      break;
  }
});

if (whole) {
  if (index) {
    const added = await index.addDirectory({ path: outputDir });
    problems.push(...added.errors);
    found = added.page_count;
    for (const file of await pagesOf(outputDir)) words.add(await readFile(file, "utf8"));
    writeIndex();
  }
  void stop("finish");
}

/** The HTML files of a written site, as Pagefind reads them, leaving out the index's own folder. */
async function pagesOf(folder: string): Promise<string[]> {
  const files = await readdir(folder, { recursive: true });
  return files
    .filter((file) => file.endsWith(".html") && file.split(path.sep)[0] !== "pagefind")
    .sort()
    .map((file) => path.join(folder, file));
}

/** Waits for what was started, stops Pagefind and says how it went. */
async function stop(kind: "finish" | "close"): Promise<void> {
  await Promise.all([writing, allAdded()]);
  const ending = processes.map((child) => {
    child.ref();
    return child.exitCode === null && child.signalCode === null ? once(child, "exit") : undefined;
  });
  await pagefind.close();
  await Promise.all(ending);
  reply(
    kind === "finish" && problems.length > 0
      ? { kind: "failed", problems }
      : { kind: "done", pages: whole ? found : queued },
  );
  port.close();
}
