import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCommand, type CommandResult } from "../../bench/run-command.js";
import { REPO_ROOT } from "../../src/site/build.js";

/** Runs one of the project's commands (`src/cli/<name>.ts`) in a folder, as `npm run` does: compiled, by bin/minibooks.js. */
export function runCli(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return runCommand(process.execPath, [path.join(REPO_ROOT, "bin/minibooks.js"), name, ...args], {
    cwd,
    env: { ...process.env, GITHUB_ACTIONS: "", ...env },
  });
}

/** A fresh copy of a fixture under tests/fixtures/, without the books' files an earlier build kept in its `.cache/`. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `minibooks-${name}-`));
  await cp(path.join(REPO_ROOT, "tests/fixtures", name), dir, {
    recursive: true,
    filter: (source) => path.basename(source) !== ".cache",
  });
  return dir;
}
