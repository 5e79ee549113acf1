import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { BookData } from "./document.js";
import { TypesetError } from "./typeset.js";

/** A book to typeset: its data and the pictures it names. */
export interface TypesetJob {
  data: BookData;
  images: ReadonlyMap<string, Uint8Array>;
}

/** What the build asks a typesetting process. */
export interface TypesetRequest extends TypesetJob {
  id: number;
}

/** What a typesetting process answers: it is ready, a book's PDF, or why the book could not be made. */
export type TypesetReply = { ready: true } | { id: number; pdf: Uint8Array } | { id: number; error: string };

/**
 * How many books one process typesets before it makes way for a fresh one. The compiler keeps
 * some memory of every book it has made (about 12 MB for a book of 20 chapters), which only the
 * end of its process gives back; a fresh process every so many books keeps a large library's
 * build within a few hundred megabytes.
 */
const BOOKS_PER_PROCESS = 12;

/** Typesets one book in the process of the lane that asks. */
export type Typeset = (job: TypesetJob) => Promise<Uint8Array>;

/**
 * Runs `each` on every item, as many at once as the machine has cores, at most two, each handed a
 * way to typeset a book in a process of its own: a lane starts its process when it first typesets,
 * so items that need none start none. Only the items under way are held, whatever their number.
 * The first failure stops the other lanes and their processes, and fails with its message.
 */
export async function eachWithTypesetter<T>(
  items: readonly T[],
  each: (item: T, typeset: Typeset) => Promise<void>,
): Promise<void> {
  const children = new Set<ChildProcess>();
  let next = 0;
  const lane = async () => {
    let child: Typesetter | undefined;
    let made = 0;
    let id = 0;
    const typeset: Typeset = async (job) => {
      if (!child || made === BOOKS_PER_PROCESS) {
        child?.close();
        child = await startTypesetter(children);
        made = 0;
      }
      made++;
      return child.typeset({ id: id++, ...job });
    };
    try {
      while (next < items.length) await each(items[next++], typeset);
    } finally {
      child?.close();
    }
  };
  const lanes = Math.max(1, Math.min(items.length, 2, availableParallelism()));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } catch (error) {
    next = items.length;
    for (const child of children) child.kill();
    throw error;
  }
}

/** A typesetting process, ready for books. */
interface Typesetter {
  typeset(request: TypesetRequest): Promise<Uint8Array>;
  close(): void;
}

/**
 * Starts a typesetting process (`typeset-process.ts` beside this module): its compiled JavaScript,
 * or its TypeScript source through tsx when the code runs from its sources (the tests do).
 */
function startTypesetter(children: Set<ChildProcess>): Promise<Typesetter> {
  const fromSources = import.meta.url.endsWith(".ts");
  const module = fileURLToPath(new URL(`./typeset-process${fromSources ? ".ts" : ".js"}`, import.meta.url));
  const child = fork(module, [], {
    // tsx as this project has it, wherever the command runs from.
    execArgv: fromSources ? ["--import", import.meta.resolve("tsx")] : [],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.add(child);
  const waiting = new Map<number, { resolve(pdf: Uint8Array): void; reject(error: Error): void }>();
  let started = false;
  return new Promise((ready, failed) => {
    const stopped = (why: string) => {
      const error = new TypesetError(`the PDF typesetter stopped (${why}) before it was done.`);
      if (!started) failed(error);
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    };
    child.on("error", (error) => stopped(error.message));
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (!started || waiting.size > 0) stopped(signal ? `signal ${signal}` : `exit code ${code}`);
    });
    child.on("message", (reply: TypesetReply) => {
      if ("ready" in reply) {
        started = true;
        ready({
          typeset: (request) =>
            new Promise((resolve, reject) => {
              waiting.set(request.id, { resolve, reject });
              child.send(request);
            }),
          // With its channel closed, the process has nothing left to wait for, and ends.
          close: () => {
            if (child.connected) child.disconnect();
          },
        });
        return;
      }
      const promise = waiting.get(reply.id);
      waiting.delete(reply.id);
      if ("pdf" in reply) promise?.resolve(new Uint8Array(reply.pdf));
      else promise?.reject(new TypesetError(reply.error));
    });
  });
}
