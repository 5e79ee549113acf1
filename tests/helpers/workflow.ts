// Runs a job of a GitHub Actions workflow on this machine the way GitHub's runner runs it, for a test
// of a workflow that cannot run here: each `run:` step in order with bash (`bash --noprofile --norc
// -eo pipefail`, the runner's default), with its `env:`, the variables GitHub sets, `${{ }}` and `if:`
// evaluated for the event, and GITHUB_ENV and GITHUB_PATH carried to later steps. Actions are not
// run: the caller says what each one stands for, and an action it does not know fails the job.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";

/** One step of a job, as the workflow file writes it. */
export interface WorkflowStep {
  name?: string;
  uses?: string;
  with?: Record<string, unknown>;
  run?: string;
  if?: string | boolean;
  env?: Record<string, string | number | boolean>;
  shell?: string;
  "working-directory"?: string;
}

/** A workflow file's jobs. */
export interface Workflow {
  jobs: Record<string, { "runs-on": string; env?: Record<string, string | number | boolean>; steps: WorkflowStep[] }>;
}

/** Reads a workflow file. */
export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(file, "utf8")) as Workflow;
}

/** What `${{ }}` expressions read: the `github` context, and whether the job has failed so far. */
export interface ExpressionContext {
  github: Record<string, unknown>;
  failed: boolean;
}

/**
 * The value of an expression (without its `${{ }}`), in the part of GitHub's language a workflow
 * here may use: `github.*` properties, strings in single quotes, numbers, `true`, `false`, `null`,
 * `==`, `!=`, `!`, `&&`, `||`, parentheses, and `success()`, `failure()`, `always()`, `cancelled()`.
 * Anything else throws, so that the test is taught it rather than guess.
 */
export function evaluate(expression: string, context: ExpressionContext): unknown {
  const tokens =
    expression.match(/'(?:[^']|'')*'|==|!=|&&|\|\||[!()]|[A-Za-z_][\w.-]*(?:\(\))?|\d+(?:\.\d+)?|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const fail = (why: string): never => {
    throw new Error(`The workflow runner cannot evaluate "${expression}": ${why}.`);
  };
  const truthy = (value: unknown) =>
    value !== "" && value !== 0 && value !== null && value !== undefined && value !== false;
  const equal = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : (a ?? null) === (b ?? null);

  const primary = (): unknown => {
    const token = tokens[at++];
    if (token === undefined) return fail("it ends too soon");
    if (token === "(") {
      const value = or();
      if (tokens[at++] !== ")") fail("a parenthesis is not closed");
      return value;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replaceAll("''", "'");
    if (/^\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    const statuses: Record<string, boolean> = {
      "success()": !context.failed,
      "failure()": context.failed,
      "always()": true,
      "cancelled()": false,
    };
    if (token in statuses) return statuses[token];
    if (token.startsWith("github.") || token === "github") {
      return token
        .split(".")
        .slice(1)
        .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], context.github);
    }
    return fail(`"${token}" is not understood`);
  };
  const comparison = (): unknown => {
    const left = primary();
    if (peek() === "==" || peek() === "!=") {
      const operator = tokens[at++];
      const same = equal(left, primary());
      return operator === "==" ? same : !same;
    }
    return left;
  };
  const unary = (): unknown => {
    if (peek() === "!") {
      at++;
      return !truthy(unary());
    }
    return comparison();
  };
  const and = (): unknown => {
    let value = unary();
    while (peek() === "&&") {
      at++;
      const right = unary();
      value = truthy(value) ? right : value;
    }
    return value;
  };
  const or = (): unknown => {
    let value = and();
    while (peek() === "||") {
      at++;
      const right = and();
      value = truthy(value) ? value : right;
    }
    return value;
  };
  const value = or();
  if (at < tokens.length) fail(`"${tokens[at]}" is left over`);
  return value;
}

/** A text with each `${{ … }}` replaced by its value, as GitHub writes it into `run:` and `env:`. */
export function interpolate(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, context);
    return value === undefined || value === null ? "" : String(value);
  });
}

/** Whether a step runs: its `if:` (with or without `${{ }}`), or else only while every earlier step passed. */
export function stepRuns(step: WorkflowStep, context: ExpressionContext): boolean {
  if (step.if === undefined) return !context.failed;
  if (typeof step.if === "boolean") return step.if && !context.failed;
  const expression = step.if.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
  // A condition that names no status function runs only while the job succeeds, as on GitHub.
  const value = evaluate(expression, context);
  const asksStatus = /\b(success|failure|always|cancelled)\(\)/.test(expression);
  return (asksStatus || !context.failed) && value !== "" && value !== false && value !== null && value !== 0;
}

/** A step's name in the log, as GitHub shows it. */
export function stepName(step: WorkflowStep): string {
  return step.name ?? (step.uses ? `Run ${step.uses}` : `Run ${step.run?.split("\n")[0]}`);
}

/** What became of a step. */
export interface StepResult {
  name: string;
  /** "skipped" when its `if:` said no; "action" for a `uses:` step the caller stood in for. */
  outcome: "passed" | "failed" | "skipped" | "action";
  code: number | null;
  /** Everything it printed, stdout and stderr together. */
  output: string;
  seconds: number;
}

/** How to run a job here. */
export interface JobOptions {
  /** The checkout, where steps run (GITHUB_WORKSPACE). */
  workspace: string;
  /** A folder for the runner's files: the step scripts, GITHUB_ENV, GITHUB_OUTPUT, the job summary. */
  runnerTemp: string;
  /** The event's `github` context: event_name, base_ref, head_ref, event, ... */
  github: Record<string, unknown>;
  /** The environment every step starts from, before the job's, the step's and GitHub's variables. */
  env: NodeJS.ProcessEnv;
  /** Stands in for an action (`uses:`); throws for one it does not know. */
  action(step: WorkflowStep): Promise<void> | void;
  /** Replaces a `run:` script by another, for what cannot run here as written (such as `npm ci`). */
  replaceRun?(run: string): string;
  /** The command that runs a step's bash in `cwd`, such as bash by way of `nsenter` into a namespace. */
  wrap?(command: string[], cwd: string): string[];
}

/** What a job did: each step's result, and the job summary its steps wrote. */
export interface JobResult {
  steps: StepResult[];
  summary: string;
}

/** Runs a job's steps in order, as the runner would. */
export async function runJob(workflow: Workflow, jobName: string, options: JobOptions): Promise<JobResult> {
  const job = workflow.jobs[jobName];
  if (!job) throw new Error(`The workflow has no job "${jobName}".`);
  await mkdir(options.runnerTemp, { recursive: true });
  const files = {
    GITHUB_ENV: path.join(options.runnerTemp, "env"),
    GITHUB_PATH: path.join(options.runnerTemp, "path"),
    GITHUB_OUTPUT: path.join(options.runnerTemp, "output"),
    GITHUB_STEP_SUMMARY: path.join(options.runnerTemp, "summary.md"),
    GITHUB_EVENT_PATH: path.join(options.runnerTemp, "event.json"),
  };
  for (const file of Object.values(files)) await writeFile(file, "");
  await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(options.github.event ?? {}));
  const context: ExpressionContext = { github: options.github, failed: false };
  const github = options.github as Record<string, string | undefined>;
  const gitHubEnv: Record<string, string> = {
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: github.event_name ?? "",
    GITHUB_BASE_REF: github.base_ref ?? "",
    GITHUB_HEAD_REF: github.head_ref ?? "",
    GITHUB_REF: github.ref ?? "",
    GITHUB_SHA: github.sha ?? "",
    GITHUB_REPOSITORY: github.repository ?? "",
    RUNNER_OS: "Linux",
    RUNNER_TEMP: options.runnerTemp,
    ...files,
  };
  const carried: Record<string, string> = {};
  const addedPath: string[] = [];
  const results: StepResult[] = [];

  for (const [index, step] of job.steps.entries()) {
    const name = stepName(step);
    if (!stepRuns(step, context)) {
      results.push({ name, outcome: "skipped", code: null, output: "", seconds: 0 });
      continue;
    }
    const started = performance.now();
    if (step.uses) {
      await options.action(step);
      results.push({ name, outcome: "action", code: 0, output: "", seconds: (performance.now() - started) / 1000 });
      continue;
    }
    if (step.run === undefined) throw new Error(`Step "${name}" has neither uses: nor run:.`);
    if (step.shell !== undefined && step.shell !== "bash") throw new Error(`Step "${name}": only bash is run here.`);
    const script = path.join(options.runnerTemp, `step-${index + 1}.sh`);
    const run = interpolate(step.run, context);
    await writeFile(script, options.replaceRun?.(run) ?? run);
    const values = (env: Record<string, string | number | boolean> = {}) =>
      Object.fromEntries(Object.entries(env).map(([key, value]) => [key, interpolate(String(value), context)]));
    const env = { ...options.env, ...gitHubEnv, ...carried, ...values(job.env), ...values(step.env) };
    env.PATH = [...addedPath, env.PATH].join(path.delimiter);
    const cwd = path.resolve(options.workspace, step["working-directory"] ?? ".");
    const command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", script];
    const { code, output } = await spawnStep(options.wrap?.(command, cwd) ?? command, cwd, env);
    const seconds = (performance.now() - started) / 1000;
    results.push({ name, outcome: code === 0 ? "passed" : "failed", code, output, seconds });
    if (code !== 0) context.failed = true;
    Object.assign(carried, parseEnvFile(await readFile(files.GITHUB_ENV, "utf8")));
    addedPath.unshift(...(await readFile(files.GITHUB_PATH, "utf8")).split("\n").filter(Boolean).reverse());
    await writeFile(files.GITHUB_ENV, "");
    await writeFile(files.GITHUB_PATH, "");
  }
  return { steps: results, summary: await readFile(files.GITHUB_STEP_SUMMARY, "utf8") };
}

/** `KEY=value` lines and `KEY<<DELIMITER` blocks, as steps write them to GITHUB_ENV. */
function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      values[block[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      values[lines[i].slice(0, lines[i].indexOf("="))] = lines[i].slice(lines[i].indexOf("=") + 1);
    }
  }
  return values;
}

/** Runs a step's command; resolves with its exit code and everything it printed. */
function spawnStep(
  command: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}
