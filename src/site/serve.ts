import { rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { findContentError, formatProblem, sortProblems } from "../book/problem.js";
import { errorMessages, serveEleventy } from "../eleventy/adapter.js";
import { CONFIG_PATH } from "./build.js";

/** Where and what the dev server serves. */
export interface ServeOptions {
  /** Content root: holds index.md, pages/ and images/. */
  input: string;
  /** The dev server's own folder, never the production site's. */
  output: string;
  /** Port to listen on; 0 takes any free one. */
  port: number;
  /** Address to listen on: 127.0.0.1 keeps the preview on this machine. */
  host: string;
  /** Where the server tells what it is doing (the terminal). */
  log?: (line: string) => void;
}

/** A running dev server. */
export interface DevServer {
  /** Where the site is served, such as http://127.0.0.1:8080/. */
  url: string;
  /** Stops watching and serving. */
  close(): Promise<void>;
}

/** Thrown when the dev server cannot start, with a message that says why and what to do. */
export class ServeError extends Error {}

/** The folder the dev server writes to, relative to the content root. */
export const DEV_OUTPUT = ".cache/dev-site";

/**
 * Builds the site with drafts into the dev server's own folder, serves it on `host:port`, and
 * rebuilds when a file is saved, added, deleted or renamed. Each problem is printed once.
 */
export async function serveSite({ input, output, port, host, log = console.log }: ServeOptions): Promise<DevServer> {
  await assertPortFree(port, host);
  await rm(output, { recursive: true, force: true });
  const server = await serveEleventy({
    input,
    output,
    configPath: CONFIG_PATH,
    port,
    host,
    report: (error) => report(error, log),
  });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${server.port}/`,
    close: () => server.close(),
  };
}

/** Fails with a plain message when something already listens on `host:port`. */
async function assertPortFree(port: number, host: string): Promise<void> {
  const probe: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new ServeError(
            `Port ${port} on ${host} is already in use, perhaps by another npm start. ` +
              `Stop that program, or choose another port: npm start -- --port ${port + 1}`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(
          new ServeError(
            `Cannot listen on ${host}: this machine has no such address. Use --host 127.0.0.1, or an address of this machine.`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(
          new ServeError(
            `Port ${port} needs special rights on this machine. Choose a port above 1023: npm start -- --port 8080`,
          ),
        );
      } else {
        reject(error);
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * A failed build, each problem once: Eleventy's own report prints the chain of wrapped errors and a
 * stack trace, which repeats every problem.
 */
function report(error: unknown, log: (line: string) => void): void {
  const content = findContentError(error);
  if (content) {
    for (const problem of sortProblems(content.problems)) log(formatProblem(problem));
    log(`${content.problems.length} problem(s): fix them and save; the open page updates.`);
    return;
  }
  log(`The site could not be built: ${errorMessages(error).at(-1) ?? String(error)}`);
}
