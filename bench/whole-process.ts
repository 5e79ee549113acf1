import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCommand, type CommandResult } from "./run-command.js";

/** One whole command, measured from outside: what a user waits for and what the machine spent. */
export interface ProcessRun {
  /** From spawning the command to its exit. */
  wallMs: number;
  /** User plus system CPU time of the command and every process it waited for. */
  cpuMs: number;
  /** The largest resident set of any process of the command, in KiB; undefined where it can't be read. */
  rssPeakKiB?: number;
}

/** GNU time, which reports the CPU time and peak memory of a whole process tree. */
const GNU_TIME = "/usr/bin/time";

/** How whole processes are measured on this machine, for the report. */
export function processMeter(): string {
  return existsSync(GNU_TIME)
    ? "GNU time (`/usr/bin/time`): user + system CPU of the command and all it waited for; peak RSS of its largest process"
    : "the children's CPU times in `/proc/self/stat` (GNU time is not installed, so peak memory of whole commands is not measured)";
}

/** Children's user and system CPU time of this process so far, in ms (Linux), from /proc/self/stat. */
function childrenCpuMs(): number {
  const stat = readFileSync("/proc/self/stat", "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return ((cutime + cstime) * 1000) / 100; // clock ticks of 1/100 s on Linux
}

/**
 * Runs a command to its end and measures it whole. Fails with its output when it exits non-zero,
 * so a broken build is never timed as a fast one, unless `anyExit` says a failure is expected.
 */
export async function timeProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; anyExit?: boolean },
): Promise<ProcessRun & CommandResult> {
  const env = { ...process.env, NODE_OPTIONS: "", ...options.env };
  if (existsSync(GNU_TIME)) {
    const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-time-"));
    try {
      const report = path.join(scratch, "time");
      const started = performance.now();
      const result = await runCommand(GNU_TIME, ["-f", "%U %S %M", "-o", report, command, ...args], {
        cwd: options.cwd,
        env,
      });
      const wallMs = performance.now() - started;
      if (!options.anyExit) failUnlessZero(command, args, result);
      const [user, system, rss] = (await readFile(report, "utf8")).trim().split("\n").at(-1)!.split(" ").map(Number);
      return { ...result, wallMs, cpuMs: (user + system) * 1000, rssPeakKiB: rss };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = await runCommand(command, args, { cwd: options.cwd, env });
  const wallMs = performance.now() - started;
  if (!options.anyExit) failUnlessZero(command, args, result);
  return { ...result, wallMs, cpuMs: childrenCpuMs() - cpuBefore };
}

function failUnlessZero(command: string, args: string[], result: CommandResult) {
  if (result.code === 0) return;
  const output = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-20).join("\n");
  throw new Error(`\`${[command, ...args].join(" ")}\` failed (exit ${result.code}):\n${output}`);
}
