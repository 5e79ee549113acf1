import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./measure.js";

/** The facts about the machine and the code that a benchmark result depends on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  eleventy: string;
  /** Short commit of the repository, and whether its working tree had changes beyond it. */
  commit: string;
  dirty: boolean;
}

/** Describes this machine and the repository as the benchmark ran. */
export function describeMachine(): Machine {
  const cpus = os.cpus();
  const eleventy = JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules/@11ty/eleventy/package.json"), "utf8"));
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    eleventy: eleventy.version,
    commit: git(["rev-parse", "--short", "HEAD"]) ?? "unknown",
    dirty: (git(["status", "--porcelain", "--untracked-files=no"]) ?? "") !== "",
  };
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}
