import { mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./measure.js";
import { shellQuote, timedStep, timeProcess, type ProcessRun } from "./whole-process.js";

/**
 * The whole commands the benchmark compares, each making the same searchable site: Minibooks' build,
 * and what a user would assemble for it: bare Eleventy 3, or Hugo, followed by the Pagefind CLI.
 */
export type Contender = "minibooks" | "eleventy+pagefind" | "hugo+pagefind";

/** The other measured commands: the Pagefind CLI alone over the site Minibooks built. */
export type Script = Exclude<Contender, "minibooks"> | "pagefind";

/** The folders one command reads and writes. */
export interface Folders {
  library: string;
  /** The small Hugo site around the library (bench/hugo-site.ts). */
  hugoSite: string;
  output: string;
}

/** Stands for a folder in a step: a shell variable in the script, a placeholder in the report. */
type Slot = (folder: keyof Folders) => string;

const BASELINE_CONFIG = path.join("bench", "baseline", "eleventy.config.js");

/** The steps of each script, in order: a name and a command line. */
function scriptSteps(script: Script, slot: Slot, config: string): [string, string][] {
  const pagefind: [string, string] = ["pagefind", `pagefind --site ${slot("output")}`];
  switch (script) {
    case "eleventy+pagefind":
      return [
        ["eleventy", `eleventy --config=${config} --input=${slot("library")} --output=${slot("output")} --quiet`],
        pagefind,
      ];
    case "hugo+pagefind":
      return [["hugo", `hugo --quiet --source ${slot("hugoSite")} --destination ${slot("output")}`], pagefind];
    case "pagefind":
      // Minibooks' build leaves out the "#" beside each heading; so does this run over its site.
      return [["pagefind", `pagefind --site ${slot("output")} --exclude-selectors .heading-anchor`]];
  }
}

const VARIABLES: Record<keyof Folders, string> = {
  library: "BENCH_LIBRARY",
  hugoSite: "BENCH_HUGO_SITE",
  output: "BENCH_OUTPUT",
};

/** The command line of each contender, for the report; `<library>` and `<output>` stand for the folders. */
export function commandLine(command: Contender | Script): string {
  if (command === "minibooks") return "npm run build -- --input <library> --output <output>";
  const placeholder: Slot = (folder) => (folder === "hugoSite" ? "<hugo site>" : `<${folder}>`);
  return scriptSteps(command, placeholder, BASELINE_CONFIG)
    .map(([, line]) => line)
    .join(" && ");
}

/** The scripts run with `npm run`, and the name of each, as they stand in the project's package.json. */
export const SCRIPTS: Script[] = ["eleventy+pagefind", "hugo+pagefind", "pagefind"];

/**
 * Writes the project a user would assemble to build the same site with bare Eleventy or Hugo and the
 * Pagefind CLI: a package.json whose scripts chain the steps, over this repository's node_modules, so
 * `npm run <script>` starts npm once, as `npm run build` does. Each step is timed on its own.
 */
export async function writeBaselineProject(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const variable: Slot = (folder) => `"$${VARIABLES[folder]}"`;
  const config = shellQuote(path.join(REPO_ROOT, BASELINE_CONFIG));
  const scripts = Object.fromEntries(
    SCRIPTS.map((script) => [
      script,
      scriptSteps(script, variable, config)
        .map(([name, line]) => `${timedStep(name)}${line}`)
        .join(" && "),
    ]),
  );
  const manifest = { name: "same-site-by-hand", private: true, type: "module", scripts };
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await symlink(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/**
 * Runs one command into an empty output folder and measures the process; the output is removed
 * afterwards unless `keep`. `project` is the folder writeBaselineProject wrote. Minibooks' build
 * starts without the books' files its earlier builds kept in the library's `.cache/`, unless `warm`.
 */
export async function timeCommand(
  command: Contender | Script,
  folders: Folders,
  project: string,
  { keep = false, warm = false } = {},
): Promise<ProcessRun & { indexed?: number }> {
  const { library, hugoSite, output } = folders;
  // Every command but Pagefind alone builds a site of its own, from nothing.
  if (command !== "pagefind") await rm(output, { recursive: true, force: true });
  // The library is the benchmark's own, and so is what a build kept in it.
  if (command === "minibooks" && !warm) await rm(path.join(library, ".cache"), { recursive: true, force: true });
  const run =
    command === "minibooks"
      ? await timeProcess("npm", ["run", "build", "--", "--input", library, "--output", output], { cwd: REPO_ROOT })
      : await timeProcess("npm", ["run", command], {
          cwd: project,
          env: { BENCH_LIBRARY: library, BENCH_HUGO_SITE: hugoSite, BENCH_OUTPUT: output },
        });
  if (!keep) await rm(output, { recursive: true, force: true });
  const { stdout, stderr: _err, code: _code, ...measured } = run;
  return { ...measured, indexed: indexedPages(stdout) };
}

/** Pages a Pagefind CLI run said it indexed ("Indexed 4201 pages"), or undefined. */
export function indexedPages(output: string): number | undefined {
  const match = /Indexed (\d+) pages?/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/** The project's own commands on its own content (the OKR guide), as an author runs them. */
export type GuideCommand = "check" | "build";

/** Runs `npm run check` or `npm run build` (into a scratch folder) in the repository and measures it. */
export async function timeGuideCommand(command: GuideCommand, scratch: string): Promise<ProcessRun> {
  const output = path.join(scratch, "_site");
  const args = command === "check" ? ["run", "check"] : ["run", "build", "--", "--output", output];
  const { stdout: _out, stderr: _err, code: _code, ...measured } = await timeProcess("npm", args, { cwd: REPO_ROOT });
  await rm(output, { recursive: true, force: true });
  return measured;
}
