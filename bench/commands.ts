import { rm } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./measure.js";
import { timeProcess, type ProcessRun } from "./whole-process.js";

/** The whole commands the benchmark compares, each as a user would type it. */
export type Contender = "minibooks" | "eleventy" | "hugo";

/** The command line of each contender, for the report; `<library>` and `<output>` stand for the folders. */
export const COMMAND_LINES: Record<Contender, string> = {
  minibooks: "npm run build -- --input <library> --output <output>",
  eleventy: "npx @11ty/eleventy --config=bench/baseline/eleventy.config.js --input=<library> --output=<output> --quiet",
  hugo: "hugo --quiet --source <hugo site> --destination <output>",
};

/** Where a contender reads from: the library, and for Hugo the small site around it. */
export interface Sources {
  library: string;
  hugoSite: string;
}

/** Runs one contender's whole build into an empty `output` and measures the process. */
export async function timeWholeBuild(contender: Contender, sources: Sources, output: string): Promise<ProcessRun> {
  await rm(output, { recursive: true, force: true });
  const { library, hugoSite } = sources;
  const run =
    contender === "minibooks"
      ? await timeProcess("npm", ["run", "build", "--", "--input", library, "--output", output], { cwd: REPO_ROOT })
      : contender === "eleventy"
        ? await timeProcess(
            "npx",
            [
              "--no-install",
              "@11ty/eleventy",
              "--config=bench/baseline/eleventy.config.js",
              `--input=${library}`,
              `--output=${output}`,
              "--quiet",
            ],
            { cwd: REPO_ROOT },
          )
        : await timeProcess("hugo", ["--quiet", "--source", hugoSite, "--destination", output], {
            cwd: path.dirname(hugoSite),
          });
  await rm(output, { recursive: true, force: true });
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, rssPeakKiB: run.rssPeakKiB };
}

/** The project's own commands on its own content (the OKR guide), as an author runs them. */
export type GuideCommand = "check" | "build";

/** Runs `npm run check` or `npm run build` (into a scratch folder) in the repository and measures it. */
export async function timeGuideCommand(command: GuideCommand, scratch: string): Promise<ProcessRun> {
  const output = path.join(scratch, "_site");
  const args = command === "check" ? ["run", "check"] : ["run", "build", "--", "--output", output];
  const run = await timeProcess("npm", args, { cwd: REPO_ROOT });
  await rm(output, { recursive: true, force: true });
  return { wallMs: run.wallMs, cpuMs: run.cpuMs, rssPeakKiB: run.rssPeakKiB };
}
