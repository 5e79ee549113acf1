import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./measure.js";
import { runCommand, type CommandResult } from "./run-command.js";

/** Wall time, CPU time and peak memory of one process or of a group of them. */
export interface Usage {
  wallMs: number;
  /** User plus system CPU time. */
  cpuMs: number;
  /** The largest resident set of any one process, in KiB; undefined where it can't be read. */
  rssPeakKiB?: number;
}

/** One step of a chained command (`a && b`), timed on its own with GNU time. */
export interface StepRun extends Usage {
  name: string;
}

/** One Node.js process of a command: its script and its own peak resident set, read by itself at exit. */
export interface NodePeak {
  script: string;
  rssPeakKiB: number;
}

/** One whole command, measured from outside: what a user waits for and what the machine spent. */
export interface ProcessRun extends Usage {
  /** The steps of a chained command, in order; empty where the command is one step or GNU time is missing. */
  steps: StepRun[];
  /** Every Node.js process of the command that ran to its exit. */
  nodePeaks: NodePeak[];
  /** Every Pagefind process the command started (its own process, not its Node wrapper), in the order they ended. */
  pagefind: Usage[];
}

/** GNU time, which reports the CPU time and peak memory of a whole process tree. */
export const GNU_TIME = "/usr/bin/time";

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

/** The Pagefind executable its Node package would run, as `pagefind/lib/resolveBinary.js` finds it. */
function pagefindExecutable(): string | undefined {
  const configured = process.env.PAGEFIND_EXTENDED_BINARY_PATH || process.env.PAGEFIND_BINARY_PATH;
  if (configured) return configured;
  const require = createRequire(path.join(REPO_ROOT, "package.json"));
  for (const name of ["pagefind_extended", "pagefind"]) {
    try {
      return require.resolve(`@pagefind/${process.platform}-${process.arch}/bin/${name}`);
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** GNU time's format for one line of `name wall user system peak`, seconds and KiB. */
const STEP_FORMAT = "%e %U %S %M";

/**
 * The GNU time prefix that times one step of a chained command into the log named by BENCH_STEPS,
 * or nothing where GNU time is missing.
 */
export function timedStep(name: string): string {
  return existsSync(GNU_TIME) ? `${GNU_TIME} -a -o "$BENCH_STEPS" -f ${shellQuote(`${name} ${STEP_FORMAT}`)} ` : "";
}

/** Reads GNU time's lines of `[name] wall user system peak`; other lines (a failed command's status) are skipped. */
export function parseTimeLines(text: string): StepRun[] {
  return text.split("\n").flatMap((line) => {
    const match = /^(?:(\S+) )?(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+)$/.exec(line.trim());
    if (!match) return [];
    const [, name = "", wall, user, system, rss] = match;
    // GNU time gives hundredths of a second: whole milliseconds hold them exactly.
    const ms = (seconds: number) => Math.round(seconds * 1000);
    return [{ name, wallMs: ms(Number(wall)), cpuMs: ms(Number(user) + Number(system)), rssPeakKiB: Number(rss) }];
  });
}

/** Reads the lines the preloaded `bench/node-peak.mjs` wrote. */
export function parseNodePeaks(text: string): NodePeak[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as NodePeak);
}

/**
 * Prepares the meters inside a command: the environment that has every Node.js process report its
 * own peak memory, starts Pagefind under GNU time (through a small script that its Node package runs
 * in its place), and names the log of a chained command's steps.
 */
async function meters(scratch: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    NODE_OPTIONS: `--import=${pathToFileURL(path.join(REPO_ROOT, "bench", "node-peak.mjs")).href}`,
    BENCH_NODE_PEAKS: path.join(scratch, "node-peaks"),
    BENCH_STEPS: path.join(scratch, "steps"),
  };
  const pagefind = pagefindExecutable();
  if (pagefind && existsSync(GNU_TIME)) {
    const script = path.join(scratch, "pagefind");
    // Pagefind's Node API stops its process with SIGTERM, which would end GNU time before it writes its
    // line; ignored here, the signal changes nothing: Pagefind ends anyway when its input closes.
    await writeFile(
      script,
      [
        "#!/bin/sh",
        "trap '' TERM",
        `exec ${GNU_TIME} -a -o ${shellQuote(path.join(scratch, "pagefind-usage"))} -f '${STEP_FORMAT}' ${shellQuote(pagefind)} "$@"`,
        "",
      ].join("\n"),
    );
    await chmod(script, 0o755);
    env.PAGEFIND_EXTENDED_BINARY_PATH = script;
  }
  return env;
}

/** Reads a meter's log, empty when nothing wrote it. */
async function readLog(scratch: string, name: string): Promise<string> {
  return readFile(path.join(scratch, name), "utf8").catch(() => "");
}

/**
 * Runs a command to its end and measures it whole, with its steps, its Node.js processes and its
 * Pagefind processes. Fails with its output when it exits non-zero, so a broken build is never timed
 * as a fast one, unless `anyExit` says a failure is expected.
 */
export async function timeProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; anyExit?: boolean },
): Promise<ProcessRun & CommandResult> {
  const scratch = await mkdtemp(path.join(tmpdir(), "minibooks-time-"));
  try {
    const env = { ...process.env, ...(await meters(scratch)), ...options.env };
    const measured = await measure(command, args, { cwd: options.cwd, env, anyExit: options.anyExit }, scratch);
    return {
      ...measured,
      steps: parseTimeLines(await readLog(scratch, "steps")),
      nodePeaks: parseNodePeaks(await readLog(scratch, "node-peaks")),
      pagefind: parseTimeLines(await readLog(scratch, "pagefind-usage")).map(({ name: _, ...usage }) => usage),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The command's wall time, and its whole tree's CPU time and largest process from GNU time (or /proc). */
async function measure(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; anyExit?: boolean },
  scratch: string,
): Promise<Usage & CommandResult> {
  if (existsSync(GNU_TIME)) {
    const report = path.join(scratch, "time");
    const started = performance.now();
    const result = await runCommand(GNU_TIME, ["-f", "%U %S %M", "-o", report, command, ...args], options);
    const wallMs = performance.now() - started;
    if (!options.anyExit) failUnlessZero(command, args, result);
    const last = (await readFile(report, "utf8")).trim().split("\n").at(-1) ?? "";
    const [user, system, rss] = last.split(" ").map(Number);
    return { ...result, wallMs, cpuMs: (user + system) * 1000, rssPeakKiB: rss };
  }
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const result = await runCommand(command, args, options);
  const wallMs = performance.now() - started;
  if (!options.anyExit) failUnlessZero(command, args, result);
  return { ...result, wallMs, cpuMs: childrenCpuMs() - cpuBefore };
}

function failUnlessZero(command: string, args: string[], result: CommandResult) {
  if (result.code === 0) return;
  const output = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-20).join("\n");
  throw new Error(`\`${[command, ...args].join(" ")}\` failed (exit ${result.code}):\n${output}`);
}
