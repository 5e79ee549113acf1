import { availableParallelism } from "node:os";
import { startHelperProcess, type HelperProcess } from "../processes/helper-process.js";
import type { BookData } from "./document.js";
import { TypesetError } from "./typeset.js";

/** A book to typeset: its data and the pictures it names. */
export interface TypesetJob {
  data: BookData;
  images: ReadonlyMap<string, Uint8Array>;
}

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
 * way to typeset a book in a process of its own (`typeset-process.ts` beside this module): a lane
 * starts its process when it first typesets, so items that need none start none. Only the items
 * under way are held, whatever their number. The first failure stops the other lanes and their
 * processes, and fails with its message.
 */
export async function eachWithTypesetter<T>(
  items: readonly T[],
  each: (item: T, typeset: Typeset) => Promise<void>,
): Promise<void> {
  const running = new Set<HelperProcess<TypesetJob, Uint8Array>>();
  let next = 0;
  const lane = async () => {
    let child: HelperProcess<TypesetJob, Uint8Array> | undefined;
    let made = 0;
    const typeset: Typeset = async (job) => {
      if (!child || made === BOOKS_PER_PROCESS) {
        if (child) stop(child);
        child = await startHelperProcess<TypesetJob, Uint8Array>(new URL("./typeset-process", import.meta.url), {
          name: "the PDF typesetter",
          failure: (message) => new TypesetError(message),
        });
        running.add(child);
        made = 0;
      }
      made++;
      return new Uint8Array(await child.ask(job));
    };
    try {
      while (next < items.length) await each(items[next++], typeset);
    } finally {
      if (child) stop(child);
    }
  };
  const stop = (child: HelperProcess<TypesetJob, Uint8Array>) => {
    child.close();
    running.delete(child);
  };
  const lanes = Math.max(1, Math.min(items.length, 2, availableParallelism()));
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } catch (error) {
    next = items.length;
    for (const child of running) child.kill();
    throw error;
  }
}
