import path from "node:path";

/** The parts of a V8 `.cpuprofile` (written by `node --cpu-prof`) that the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Time spent in one function or one origin (a package, a source file, the runtime). */
export interface ProfileLine {
  name: string;
  /** Milliseconds with this function on top of the stack. */
  selfMs: number;
  /** Milliseconds with this function anywhere on the stack (for origins: equal to self). */
  totalMs: number;
}

/** Where the time of a profile went: the busiest functions by self time, and self time by origin. */
export interface ProfileSummary {
  totalMs: number;
  functions: ProfileLine[];
  origins: ProfileLine[];
}

/** Summarises a CPU profile; `root` shortens file paths under the repository. */
export function summarizeProfile(profile: CpuProfile, root: string, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const origins = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const node = byId.get(id)!;
    const key = functionKey(node.callFrame, root);
    self.set(key, (self.get(key) ?? 0) + ms);
    const origin = originOf(node.callFrame.url, node.callFrame.functionName, root);
    origins.set(origin, (origins.get(origin) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const onStack = functionKey(byId.get(at)!.callFrame, root);
      if (seen.has(onStack)) continue;
      seen.add(onStack);
      total.set(onStack, (total.get(onStack) ?? 0) + ms);
    }
  });

  const functions = [...self]
    .map(([name, selfMs]) => ({ name, selfMs, totalMs: total.get(name) ?? selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
  const originLines = [...origins]
    .map(([name, ms]) => ({ name, selfMs: ms, totalMs: ms }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top);
  return { totalMs, functions, origins: originLines };
}

/** A function as the summary names it: `name file:line:column` (of the code as Node ran it). */
function functionKey(frame: CpuProfile["nodes"][number]["callFrame"], root: string): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  return `${name} ${shortPath(frame.url, root)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
}

function originOf(url: string, functionName: string, root: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const file = shortPath(url, root);
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (modules) return modules[1];
  return file;
}

/** A path relative to the repository, or from `node_modules/` on for a package wherever it is installed. */
function shortPath(url: string, root: string): string {
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = file.indexOf("/node_modules/");
  if (modules !== -1) return file.slice(modules + 1);
  const relative = path.relative(root, file);
  return relative.startsWith("..") ? file : relative;
}
