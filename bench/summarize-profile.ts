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

/** Time spent in one function, one origin (a package, a source file) or one step of the build. */
export interface ProfileLine {
  name: string;
  /** Milliseconds with this function on top of the stack (for origins and steps: see the summary). */
  selfMs: number;
  /** Milliseconds with this function anywhere on the stack. */
  totalMs: number;
}

/** Where the time of a profile went. */
export interface ProfileSummary {
  totalMs: number;
  /** The busiest functions by self time. */
  functions: ProfileLine[];
  /**
   * Time by the package or source file whose code was running; Node's own functions and native code
   * count for the nearest caller that has one. Idle, GC and program time are lines of their own.
   */
  origins: ProfileLine[];
  /** Time inside each named step (anywhere on the stack); steps may nest, so they do not add up. */
  steps: ProfileLine[];
}

/** Steps of a Minibooks or Eleventy build, found by a function on the stack (`name@file`). */
const STEPS: [string, RegExp][] = [
  ["Markdown to HTML (markdown-it)", /^MarkdownIt\.render@/],
  ["Layouts (nunjucks render)", /^render@.*nunjucks\/src\/environment\.js/],
  ["HTML transforms (posthtml: URLs, images)", /^transformContent@.*HtmlTransformer\.js/],
  ["Library: read and check every page", /^readContent@.*src\/book\/content/],
  ["Link check: ids of every page", /^collectIds@/],
  ["Link check: links", /^checkLinks@/],
  ["Headings for the table of contents", /^collectHeadings@/],
  ["Code highlighting (Prism)", /prismjs/],
  ["Writing files", /^_write@.*Template\.js/],
];

/** Summarises a CPU profile; `root` shortens file paths under the repository. */
export function summarizeProfile(profile: CpuProfile, root: string, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const origins = new Map<string, number>();
  const steps = new Map<string, number>();
  let totalMs = 0;
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);

  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    add(self, functionKey(byId.get(id)!.callFrame, root), ms);
    const onStack = new Set<string>();
    const stepsHere = new Set<string>();
    let origin: string | undefined = systemOrigin(byId.get(id)!.callFrame.functionName);
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      onStack.add(functionKey(frame, root));
      origin ??= codeOrigin(frame.url, root);
      const named = `${frame.functionName}@${frame.url}`;
      for (const [step, pattern] of STEPS) if (pattern.test(named)) stepsHere.add(step);
    }
    for (const key of onStack) add(total, key, ms);
    for (const step of stepsHere) add(steps, step, ms);
    add(origins, origin ?? "(Node and native code only)", ms);
  });

  const lines = (map: Map<string, number>, withTotal?: Map<string, number>) =>
    [...map]
      .map(([name, ms]) => ({ name, selfMs: ms, totalMs: withTotal?.get(name) ?? ms }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top);
  return { totalMs, functions: lines(self, total), origins: lines(origins), steps: lines(steps) };
}

/** A function as the summary names it: `name file:line:column` (of the code as Node ran it). */
function functionKey(frame: CpuProfile["nodes"][number]["callFrame"], root: string): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  return `${name} ${shortPath(frame.url, root)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
}

function systemOrigin(functionName: string): string | undefined {
  return ["(idle)", "(garbage collector)", "(program)"].includes(functionName) ? functionName : undefined;
}

/** The package (`htmlparser2`) or repository file (`src/book/links.ts`) a frame's code is in; none for Node's own. */
function codeOrigin(url: string, root: string): string | undefined {
  if (!url || url.startsWith("node:")) return undefined;
  const file = shortPath(url, root);
  const modules = /^node_modules\/(?:.*\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file);
  return modules ? modules[1] : file;
}

/** A path relative to the repository, or from `node_modules/` on for a package wherever it is installed. */
function shortPath(url: string, root: string): string {
  const file = url.startsWith("file://") ? decodeURIComponent(new URL(url).pathname) : url;
  const modules = file.indexOf("/node_modules/");
  if (modules !== -1) return file.slice(modules + 1);
  const relative = path.relative(root, file);
  return relative.startsWith("..") ? file : relative;
}
