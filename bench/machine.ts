import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./measure.js";
import type { Scratch } from "./results.js";

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

/** The file system a folder lies on, from /proc/mounts (the longest mount point holding it). */
export function describeScratch(dir: string): Scratch {
  const real = realpathSync(dir);
  let mounts: string[][] = [];
  try {
    mounts = readFileSync("/proc/mounts", "utf8")
      .split("\n")
      .map((line) => line.split(" "))
      .filter((fields) => fields.length >= 3);
  } catch {
    return { dir: real, filesystem: "unknown", mountPoint: "unknown" };
  }
  // Mount points escape spaces as \040; of two mounts on one point, the later one is seen.
  const holding = mounts
    .map(([, point, type]) => ({ point: point.replaceAll("\\040", " "), type }))
    .reverse()
    .filter(({ point }) => real === point || real.startsWith(point === "/" ? "/" : `${point}/`))
    .sort((a, b) => b.point.length - a.point.length)[0];
  return holding
    ? { dir: real, filesystem: holding.type, mountPoint: holding.point }
    : { dir: real, filesystem: "unknown", mountPoint: "unknown" };
}
