import { devLoopMedians } from "./dev-loop.js";
import { COMMAND_LINES, type Contender } from "./commands.js";
import {
  searchSummary,
  summarise,
  summariseProcesses,
  type BenchResult,
  type BuildSummary,
  type ProcessSummary,
  type SizeResult,
} from "./results.js";
import { judgeTargets, ms, seconds } from "./targets.js";

/** The line after which a report's hand-written notes start; the benchmark keeps them when it rewrites the file. */
export const NOTES_MARKER =
  "<!-- Notes: everything below this line is written by hand and kept when `npm run bench` rewrites this file. -->";

const DEFAULT_NOTES = "\n## Findings\n\nNone written yet.\n";

/** The benchmark's results as Markdown, followed by the notes of the previous report (if any). */
export function renderReport(result: BenchResult, previous = ""): string {
  const at = previous.indexOf(NOTES_MARKER);
  const notes = at === -1 ? DEFAULT_NOTES : previous.slice(at + NOTES_MARKER.length);
  return `${[
    "# Build speed",
    `Written by \`npm run bench\` on ${result.date.toISOString().slice(0, 16).replace("T", " ")} UTC. ` +
      "Everything above the notes line is generated; rerun the command to refresh it.",
    machineSection(result),
    methodSection(result),
    "## Whole commands: what a user waits for",
    ...result.sizes.map((size, i) => wholeSection(size, result.sizes[i - 1], result.hugo !== undefined)),
    "## Breakdown: the build alone, inside the process",
    ...(result.breakdownRuns > 0
      ? result.sizes.map((size, i) => sizeSection(size, result.sizes[i - 1]))
      : ["Not measured in this run (`--breakdown-runs 0`)."]),
    guideSection(result),
    devLoopSection(result),
    targetsSection(result),
    NOTES_MARKER,
  ].join("\n\n")}\n\n${notes.trim()}\n`;
}

function machineSection({ machine, command, load, hugo }: BenchResult): string {
  const memory = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  const tree = machine.dirty ? " plus uncommitted changes in the working tree" : "";
  return [
    "## Machine and command",
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- Memory: ${memory} GiB`,
    `- Node.js ${machine.node} on ${machine.os}; Eleventy ${machine.eleventy}`,
    `- Code: commit ${machine.commit}${tree}`,
    `- Hugo: ${hugo ?? "not installed (`hugo` is not on the PATH), so there is no Hugo column"}`,
    `- Load average (1 minute) at the start and end of the run: ${load.map((l) => l.toFixed(2)).join(" and ")}` +
      (load[0] > machine.cores / 2 ? " (other work shared the machine, so times are noisier than on an idle one)" : ""),
    "",
    "```sh",
    command,
    "```",
  ].join("\n");
}

function methodSection({ runs, breakdownRuns, seed, meter }: BenchResult): string {
  return [
    "## What is measured",
    `- **Library**: generated with seed ${seed} into a temporary folder (\`bench/write-library.ts\`): N chapters in books of about 20, ` +
      "numbered from -1 and 0 with halves such as 2.5 between; each chapter has headings, lists, a code block, an image, " +
      "a relative link to its previous chapter and its book, and a link to a heading of a chapter in another book. " +
      "Every book has a home page; the library has a home page. Pages below count these Markdown files.",
    "- **Whole commands**, each started from the repository as a user types it, timed from spawning it to its exit:",
    `  - Minibooks: \`${COMMAND_LINES.minibooks}\`, the production build with everything it does ` +
      "(content checks, pages, search index, whole-book outputs, link check, swap into place), npm's own start included.",
    `  - bare Eleventy: \`${COMMAND_LINES.eleventy}\`: Eleventy 3 with one nunjucks layout, a collection per book sorted by ` +
      "chapter number and prev/next from Eleventy's `getPreviousCollectionItem` / `getNextCollectionItem`; " +
      "both use `markdownTemplateEngine: false`.",
    `  - Hugo: \`${COMMAND_LINES.hugo}\`, with a minimal site of the benchmark's own (\`bench/hugo-site.ts\`): the same Markdown ` +
      "and images, one layout with prev/next within the book and each book's chapter list; Hugo adds its default sitemap and RSS.",
    `- **Wall** is the time the user waits; **CPU** is user + system time of the command and every process it started, read with ${meter}; ` +
      "**cores used** is CPU / wall (2 would keep both cores of this machine busy the whole time).",
    "- **Breakdown**: the build alone in its own fresh Node process (`node --import tsx bench/build-child.ts`): " +
      "`buildSite({ input, output, search: false })` from `src/site/build.ts`, then `indexSearch(output)` timed on its own when " +
      "`src/site/search.ts` has it; the baseline's `new Eleventy(...).write()`. **Build** is timed inside the child around the build call; " +
      "**process** is the child's wall time. **Peak RSS** is `process.resourceUsage().maxRSS` when the build resolved. " +
      `${plural(breakdownRuns, "run")} per size (\`--breakdown-runs\`), in the first run${breakdownRuns === 1 ? "" : "s"}, after the whole commands.`,
    `- **How**: ${runs} run${runs === 1 ? "" : "s"} per command and size, alternating commands within each run; the tables show medians.`,
  ].join("\n");
}

/** The whole-command table of one size. */
function wholeSection(size: SizeResult, smaller: SizeResult | undefined, hugoInstalled: boolean): string {
  const contenders: Contender[] = hugoInstalled ? ["minibooks", "eleventy", "hugo"] : ["minibooks", "eleventy"];
  const names: Record<Contender, string> = {
    minibooks: "Minibooks `npm run build`",
    eleventy: "bare Eleventy 3",
    hugo: "Hugo",
  };
  const summary = (s: SizeResult, c: Contender): ProcessSummary => summariseProcesses(s.whole[c]);
  const eleventy = summary(size, "eleventy");
  const hugo = hugoInstalled ? summary(size, "hugo") : undefined;
  const row = (c: Contender) => {
    const s = summary(size, c);
    const scale = smaller ? `${(s.wallMs / summary(smaller, c).wallMs).toFixed(2)} (vs N = ${smaller.chapters})` : "—";
    const overHugo = hugo ? ` ${(s.wallMs / hugo.wallMs).toFixed(2)}× |` : "";
    return (
      `| ${names[c]} | ${seconds(s.wallMs)} | ${seconds(s.cpuMs)} | ${s.cores.toFixed(2)} | ` +
      `${Number.isFinite(s.rssPeakKiB) ? mebibytes(s.rssPeakKiB) : "—"} | ${(s.wallMs / eleventy.wallMs).toFixed(2)}× |${overHugo} ${scale} |`
    );
  };
  return [
    `### N = ${size.chapters} chapters (${plural(size.books, "book")}, ${size.pages} pages)`,
    "",
    `| command | wall | CPU | cores used | peak RSS | ÷ bare Eleventy |${hugo ? " ÷ Hugo |" : ""} scaling t(N) / t(smaller N) |`,
    `| --- | ---: | ---: | ---: | ---: | ---: |${hugo ? " ---: |" : ""} ---: |`,
    ...contenders.map(row),
    "",
    `Each run, wall time: ${contenders.map((c) => `${names[c]} ${size.whole[c].map((r) => seconds(r.wallMs)).join(", ")}`).join("; ")}.`,
  ].join("\n");
}

/** `npm run check` and `npm run build` on the project's own content. */
function guideSection({ guide }: BenchResult): string {
  if (!guide) return "## The project's own content\n\nNot measured in this run (`--no-guide`).";
  const row = (command: "check" | "build", line: string) => {
    const s = summariseProcesses(guide[command]);
    return `| \`${line}\` | ${seconds(s.wallMs)} | ${seconds(s.cpuMs)} | ${s.cores.toFixed(2)} | ${guide[command].map((r) => seconds(r.wallMs)).join(", ")} |`;
  };
  return [
    "## The project's own content",
    `What an author waits for on the repository's content (${guide.pages} pages), whole processes from the repository, ` +
      `${plural(guide.check.length, "run")} each, alternating; medians.`,
    "",
    "| command | wall | CPU | cores used | each run |",
    "| --- | ---: | ---: | ---: | --- |",
    row("check", "npm run check"),
    row("build", "npm run build -- --output <scratch folder>"),
  ].join("\n");
}

function sizeSection(size: SizeResult, smaller?: SizeResult): string {
  const ours = summarise(size.minibooks);
  const base = summarise(size.baseline);
  const search = searchSummary(size.minibooks);
  const scaling = (pick: (s: SizeResult) => BuildSummary) =>
    smaller ? `${(pick(size).ms / pick(smaller).ms).toFixed(2)} (vs N = ${smaller.chapters})` : "—";
  const row = (name: string, s: BuildSummary, ratio: string, scale: string) =>
    `| ${name} | ${seconds(s.ms)} | ${Number.isFinite(s.wallMs) ? seconds(s.wallMs) : "—"} | ` +
    `${Math.round(size.pages / (s.ms / 1000))} | ${mebibytes(s.rssPeakKiB)} | ${ratio} | ${scale} |`;
  const searchRow =
    "note" in search
      ? `| search indexing | ${search.note} | — | — | — | — | — |`
      : row("search indexing (on its own)", search, "—", "—");
  return [
    `### The build alone, N = ${size.chapters} chapters`,
    "",
    "| step | build | process | pages/s | peak RSS | ÷ baseline | scaling t(N) / t(smaller N) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    row(
      "Minibooks build",
      ours,
      `${(ours.ms / base.ms).toFixed(2)}×`,
      scaling((s) => summarise(s.minibooks)),
    ),
    searchRow,
    row(
      "baseline (bare Eleventy 3)",
      base,
      "1.00×",
      scaling((s) => summarise(s.baseline)),
    ),
    "",
    `Each run, build time: Minibooks ${size.minibooks.map((r) => seconds(r.ms)).join(", ")}; ` +
      `baseline ${size.baseline.map((r) => seconds(r.ms)).join(", ")}.`,
  ].join("\n");
}

function devLoopSection({ devLoop }: BenchResult): string {
  if (!devLoop) return "## Dev loop\n\nNot measured in this run (`--no-dev-loop`).";
  const medians = devLoopMedians(devLoop);
  const list = (values: number[]) => values.map(ms).join(", ");
  const rebuilds = devLoop.rebuilds.slice(1);
  const written = rebuilds.length ? `${Math.max(...rebuilds.map((r) => r.files))} files` : "—";
  const first = devLoop.rebuilds[0] ? ` (the first build wrote ${devLoop.rebuilds[0].files})` : "";
  return [
    "## Dev loop",
    `The dev server started as \`npm start\` starts it, on a library of ${devLoop.chapters} chapters; ` +
      `it first served a chapter page **${seconds(devLoop.firstPageMs)}** after it started, and its first build was written after ` +
      `${seconds(devLoop.startupMs)}. Then ${plural(devLoop.bodyMs.length, "body edit")} ` +
      `and as many title edits were saved to \`pages/${devLoop.edited}.md\`, one at a time, ` +
      "timed from the save to the moment the rebuilt files held the change (polled every 10 ms). " +
      `A title edit is done when the page and both neighbours (\`${devLoop.neighbours.join("`, `")}\`) show the new title on their buttons.`,
    "",
    "| edit | median | each edit |",
    "| --- | ---: | --- |",
    `| body | ${ms(medians.body)} | ${list(devLoop.bodyMs)} |`,
    `| title: the page itself | ${ms(medians.titlePage)} | ${list(devLoop.titlePageMs)} |`,
    `| title: page and neighbours' buttons | ${ms(medians.title)} | ${list(devLoop.titleMs)} |`,
    "",
    "The server: `node <repo>/bin/minibooks.js serve --port <free port>`, what `npm start` runs (the dev server compiled once to JavaScript), in the library's folder, so it writes `<library>/.cache/dev-site` (npm's own start, about 0.2 s, is not included).",
    "",
    `Neighbours' buttons after every title change: ${devLoop.neighboursCorrect ? "correct" : "**not correct**"}. ` +
      `Each rebuild wrote up to ${written}${first}; Eleventy's own timings of the rebuilds: ${rebuilds.map((r) => `${r.seconds} s`).join(", ") || "—"}.`,
  ].join("\n");
}

function targetsSection(result: BenchResult): string {
  return [
    "## Targets",
    "",
    "| target | measured | result |",
    "| --- | --- | --- |",
    ...judgeTargets(result).map(
      (v) => `| ${v.target} | ${v.measured} | ${v.outcome === "met" ? "met" : `**${v.outcome}**`} |`,
    ),
  ].join("\n");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function mebibytes(kib: number): string {
  return `${Math.round(kib / 1024)} MiB`;
}
