import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * A process of its own that does one kind of work for the build (typesetting a book, drawing a
 * cover), one request at a time over its IPC channel. Work whose memory only the end of a process
 * gives back (a compiler's caches, the C heap a large picture leaves behind) is done there, and the
 * build's own process stays small.
 */
export interface HelperProcess<Request, Reply> {
  /** Hands the process one request; settles with its reply, or with why it could not be made. */
  ask(request: Request): Promise<Reply>;
  /** Closes the channel, and so lets the process end; a request not answered yet fails. */
  close(): void;
  /** Ends the process now; what it was asked fails. */
  kill(): void;
}

/** What a helper process says: it is ready, one answer, or why one request failed. */
type Message<Reply> = { ready: true } | { id: number; reply: Reply } | { id: number; error: string };

/**
 * Starts the helper process whose module is `module` (a URL without its extension, beside the
 * caller's module): its compiled JavaScript, or its TypeScript source through tsx when the code runs
 * from its sources (the tests do). Settles once the process is ready for requests. A request that
 * failed fails with `failure` of its message; a process that stopped too soon says so by its `name`.
 */
export function startHelperProcess<Request, Reply>(
  module: URL,
  { name, failure }: { name: string; failure: (message: string) => Error },
): Promise<HelperProcess<Request, Reply>> {
  const fromSources = import.meta.url.endsWith(".ts");
  const child = fork(fileURLToPath(`${module.href}${fromSources ? ".ts" : ".js"}`), [], {
    // tsx as this project has it, wherever the command runs from.
    execArgv: fromSources ? ["--import", import.meta.resolve("tsx")] : [],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  let next = 0;
  let started = false;
  return new Promise((ready, failed) => {
    const stopped = (why: string) => {
      const error = failure(`${name} stopped (${why}) before it was done.`);
      if (!started) failed(error);
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    };
    child.on("error", (error) => stopped(error.message));
    child.on("exit", (code, signal) => {
      if (!started || waiting.size > 0) stopped(signal ? `signal ${signal}` : `exit code ${code}`);
    });
    child.on("message", (message: Message<Reply>) => {
      if ("ready" in message) {
        started = true;
        ready({
          ask: (request) =>
            new Promise((resolve, reject) => {
              const id = next++;
              waiting.set(id, { resolve, reject });
              child.send({ id, request });
            }),
          // With its channel closed, the process has nothing left to wait for, and ends.
          close: () => {
            if (child.connected) child.disconnect();
          },
          kill: () => child.kill(),
        });
        return;
      }
      const promise = waiting.get(message.id);
      waiting.delete(message.id);
      if ("reply" in message) promise?.resolve(message.reply);
      else promise?.reject(failure(message.error));
    });
  });
}

/**
 * The helper's side, run by its module: answers each request its parent sends with `answer`'s
 * result, or with the message of what it threw, one after another, and says it is ready.
 */
export function serveHelperProcess<Request, Reply>(answer: (request: Request) => Reply | Promise<Reply>): void {
  // An answer the parent no longer waits for (it closed the channel) is dropped.
  const send = (message: Message<Reply>) => {
    if (process.connected) process.send?.(message);
  };
  let queue = Promise.resolve();
  process.on("message", ({ id, request }: { id: number; request: Request }) => {
    queue = queue.then(async () => {
      try {
        send({ id, reply: await answer(request) });
      } catch (error) {
        send({ id, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  send({ ready: true });
}
