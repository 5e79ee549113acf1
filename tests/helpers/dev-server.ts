import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { REPO_ROOT } from "../../src/site/build.js";

/** A port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` running in a folder, with what it printed so far. */
export interface RunningDevServer {
  process: ChildProcess;
  /** Everything printed, stdout and stderr together, in order. */
  output(): string;
  /** Resolves with the exit code once it has ended. */
  exited: Promise<number | null>;
  /** Stops it and everything it started. */
  stop(): void;
}

/** Runs `npm start -- <args>` (src/cli/serve.ts) in a folder, in its own process group. */
export function startDevServer(dir: string, args: string[]): RunningDevServer {
  const child = spawn(
    path.join(REPO_ROOT, "node_modules/.bin/tsx"),
    [path.join(REPO_ROOT, "src/cli/serve.ts"), ...args],
    {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  // "close", not "exit": by then everything it printed has been read.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    exited,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

/** Resolves with the address the dev server printed, once it serves. */
export async function servedAt(server: RunningDevServer): Promise<string> {
  for (let tries = 0; tries < 600; tries++) {
    const url = /Serving the site, drafts included, at (\S+) /.exec(server.output())?.[1];
    if (url) return url;
    if (server.process.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The dev server did not start:\n${server.output()}`);
}
