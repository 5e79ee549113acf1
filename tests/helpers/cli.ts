import { spawn } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../src/site/build.js";

/** What a command printed and how it ended. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's commands (`src/cli/<name>.ts`) in a folder, as `npm run` would. */
export function runCli(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(REPO_ROOT, "src/cli", `${name}.ts`), ...args], {
      cwd,
      env: { ...process.env, GITHUB_ACTIONS: "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh copy of a fixture under tests/fixtures/. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `minibooks-${name}-`));
  await cp(path.join(REPO_ROOT, "tests/fixtures", name), dir, { recursive: true });
  return dir;
}
