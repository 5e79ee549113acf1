import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { REPO_ROOT } from "../../src/site/build.js";

/**
 * A port for a test that must name one before the dev server says where it serves (every other test
 * passes `--port 0` and reads the port from `servedAt`): free when asked, and below the range from
 * which the system hands out ports to `--port 0` listeners and outgoing connections, so that nothing
 * else is given it in the meantime, as a port bound at 0 and closed again could be.
 */
export async function portToName(): Promise<number> {
  const range = await readFile("/proc/sys/net/ipv4/ip_local_port_range", "utf8").catch(() => "32768");
  const top = Math.min(Number(range.trim().split(/\s+/)[0]) || 32768, 32768);
  const bottom = Math.min(20_000, top - 1_000);
  if (bottom < 1024) throw new Error(`This system hands out every port from ${top} up: none is left to name.`);
  for (let tries = 0; tries < 50; tries++) {
    const port = bottom + Math.floor(Math.random() * (top - bottom));
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen({ port, host: "127.0.0.1", exclusive: true }, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error("No free port was found below the system's own range.");
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

/** Resolves with the address the dev server printed, once it serves: within `seconds` by the clock. */
export async function servedAt(server: RunningDevServer, seconds = 100): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const url = /Serving the site, drafts included, at (\S+) /.exec(server.output())?.[1];
    if (url) return url;
    if (server.process.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The dev server did not start:\n${server.output()}`);
}
