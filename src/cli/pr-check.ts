import { spawn } from "node:child_process";
import { constants } from "node:os";
import { commandOptions } from "../cli-options.js";
import { GitSourceError, changedFilesSince } from "../content/git-sources.js";
import { checkSteps, commandLine, jobFor, type CheckStep } from "../pr-check/plan.js";

/**
 * `npm run pr-check -- --base <ref>`: what the pull-request workflow runs, step by step. A branch that
 * changes only content (index.md, pages/, images/) gets the content check, the navigation diff, the
 * production build and the tests over the repository's books; any other change also gets the type
 * check, lint, formatting and every test. Each step's time is printed; the first step that fails
 * stops the run, which exits with that step's code.
 */
const USAGE = `Usage: npm run pr-check -- --base <git-ref>

Runs what the pull-request check runs, comparing this branch and its uncommitted changes with
<git-ref> (main, or origin/main in a clone that has no local main).`;

const { base } = commandOptions("pr-check", USAGE, { options: { base: { type: "string" } } }).values;
if (base === undefined) {
  console.error(`pr-check: name the branch to compare with: --base main.\n\n${USAGE}`);
  process.exit(2);
}

let changed: string[];
try {
  changed = await changedFilesSince(process.cwd(), base);
} catch (error) {
  if (!(error instanceof GitSourceError)) throw error;
  console.error(`pr-check: ${error.message}`);
  process.exit(2);
}

const { job, code } = jobFor(changed);
const shown = (files: string[]) =>
  files.slice(0, 5).join(", ") + (files.length > 5 ? `, and ${files.length - 5} more` : "");
if (job === "content") {
  console.log(
    changed.length === 0
      ? `Nothing changed since ${base}: the content check runs.`
      : `Only content changed since ${base} (${shown(changed)}): the content check runs.`,
  );
} else {
  console.log(`Code changed since ${base} (${shown(code)}): the whole check runs.`);
}

const steps = checkSteps(job, base);
const times: string[] = [];
const started = performance.now();
for (const [i, step] of steps.entries()) {
  console.log(`\n▶ ${i + 1}/${steps.length} ${step.name}: ${commandLine(step)}`);
  const stepStarted = performance.now();
  const exitCode = await run(step);
  const took = seconds(performance.now() - stepStarted);
  times.push(`${step.name} ${took}`);
  if (exitCode !== 0) {
    console.error(`\n✗ ${step.name} failed (exit code ${exitCode}, ${took}): ${commandLine(step)}`);
    if (i + 1 < steps.length)
      console.error(
        `  Not run: ${steps
          .slice(i + 1)
          .map((s) => s.name)
          .join(", ")}.`,
      );
    process.exit(exitCode);
  }
  console.log(`✓ ${step.name} (${took})`);
}
console.log(`\nEvery step passed in ${seconds(performance.now() - started)}: ${times.join(", ")}.`);

/** Runs a step with npm, its output straight to the terminal; resolves with its exit code. */
function run(step: CheckStep): Promise<number> {
  // npm sets npm_execpath to its own script when it runs this command: the same npm runs each step.
  const npm = process.env.npm_execpath;
  const [command, args] =
    npm && /npm-cli\.[cm]?js$/.test(npm) ? [process.execPath, [npm, ...step.npm]] : ["npm", step.npm];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", shell: process.platform === "win32" && command === "npm" });
    child.on("error", (error) => {
      console.error(`Could not start ${commandLine(step)}: ${error.message}`);
      resolve(127);
    });
    // Ended by a signal: the code a shell would give, 128 and the signal's number.
    child.on("close", (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** Milliseconds as seconds, one decimal: "12.3 s". */
function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
