import { devLoopMedians } from "./dev-loop.js";
import { searchSummary, summarise, type BenchResult, type BuildSummary, type SizeResult } from "./results.js";
import { judgeTargets, seconds } from "./targets.js";

/** The line after which a report's hand-written notes start; the benchmark keeps them when it rewrites the file. */
export const NOTES_MARKER = "<!-- Notes: everything below this line is written by hand and kept when `npm run bench` rewrites this file. -->";

const DEFAULT_NOTES = "\n## Findings\n\nNone written yet.\n";

/** The benchmark's results as Markdown, followed by the notes of the previous report (if any). */
export function renderReport(result: BenchResult, previous = ""): string {
  const at = previous.indexOf(NOTES_MARKER);
  const notes = at === -1 ? DEFAULT_NOTES : previous.slice(at + NOTES_MARKER.length);
  return [
    "# Build speed",
    `Written by \`npm run bench\` on ${result.date.toISOString().slice(0, 16).replace("T", " ")} UTC. ` +
      "Everything above the notes line is generated; rerun the command to refresh it.",
    machineSection(result),
    methodSection(result),
    "## Results",
    ...result.sizes.map((size, i) => sizeSection(size, result.sizes[i - 1])),
    devLoopSection(result),
    targetsSection(result),
    NOTES_MARKER,
  ].join("\n\n") + `\n\n${notes.trim()}\n`;
}

function machineSection({ machine, command, load }: BenchResult): string {
  const memory = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  const tree = machine.dirty ? " plus uncommitted changes in the working tree" : "";
  return [
    "## Machine and command",
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- Memory: ${memory} GiB`,
    `- Node.js ${machine.node} on ${machine.os}; Eleventy ${machine.eleventy}`,
    `- Code: commit ${machine.commit}${tree}`,
    `- Load average (1 minute) at the start and end of the run: ${load.map((l) => l.toFixed(2)).join(" and ")}` +
      (load[0] > machine.cores / 2 ? " (other work shared the machine, so times are noisier than on an idle one)" : ""),
    "",
    "```sh",
    command,
    "```",
  ].join("\n");
}

function methodSection({ runs, seed }: BenchResult): string {
  return [
    "## What is measured",
    `- **Library**: generated with seed ${seed} into a temporary folder (\`bench/write-library.ts\`): N chapters in books of about 20, ` +
      "numbered from -1 and 0 with halves such as 2.5 between; each chapter has headings, lists, a code block, an image, " +
      "a relative link to its previous chapter and its book, and a link to a heading of a chapter in another book. " +
      "Every book has a home page; the library has a home page. Pages below count these Markdown files.",
    "- **Minibooks**: `buildSite({ input, output, search: false })` from `src/site/build.ts`, the production build " +
      "(content checks, Eleventy into a staging folder, link check, swap) without search indexing.",
    "- **Search indexing**: `indexSearch(output)` from `src/site/search.ts` (Pagefind) when that module exists, timed on its own " +
      "right after the build in the same process; its peak memory includes the build's.",
    "- **Baseline**: bare Eleventy 3 with `bench/baseline/eleventy.config.ts`: one nunjucks layout, a collection per book " +
      "sorted by chapter number, prev/next from Eleventy's `getPreviousCollectionItem` / `getNextCollectionItem`. " +
      "Both use `markdownTemplateEngine: false`: chapters are plain Markdown, no Liquid runs inside them.",
    `- **How**: every build runs in its own fresh Node process (\`node --import tsx bench/build-child.ts\`), ` +
      `${runs} run${runs === 1 ? "" : "s"} per builder and size, alternating builders; the tables show medians. ` +
      "**Build** is timed inside the child, from just before the build call to just after it resolves; " +
      "**process** is the child's whole wall time (Node start, imports, build, exit). Pages per second and the ratio " +
      "to the baseline use the build time. **Peak RSS** is `process.resourceUsage().maxRSS` when the build resolved.",
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
    `### N = ${size.chapters} chapters (${plural(size.books, "book")}, ${size.pages} pages)`,
    "",
    "| step | build | process | pages/s | peak RSS | ÷ baseline | scaling t(N) / t(smaller N) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    row("Minibooks build", ours, `${(ours.ms / base.ms).toFixed(2)}×`, scaling((s) => summarise(s.minibooks))),
    searchRow,
    row("baseline (bare Eleventy 3)", base, "1.00×", scaling((s) => summarise(s.baseline))),
    "",
    `Each run, build time: Minibooks ${size.minibooks.map((r) => seconds(r.ms)).join(", ")}; ` +
      `baseline ${size.baseline.map((r) => seconds(r.ms)).join(", ")}.`,
  ].join("\n");
}

function devLoopSection({ devLoop }: BenchResult): string {
  if (!devLoop) return "## Dev loop\n\nNot measured in this run (`--no-dev-loop`).";
  const medians = devLoopMedians(devLoop);
  const list = (values: number[]) => values.map(seconds).join(", ");
  const rebuilds = devLoop.rebuilds.slice(1);
  const written = rebuilds.length ? `${Math.max(...rebuilds.map((r) => r.files))} files` : "—";
  const first = devLoop.rebuilds[0] ? ` (the first build wrote ${devLoop.rebuilds[0].files})` : "";
  return [
    "## Dev loop",
    `The dev server started as \`npm start\` starts it, on a library of ${devLoop.chapters} chapters; ` +
      `its first build was written ${seconds(devLoop.startupMs)} after it started. Then ${plural(devLoop.bodyMs.length, "body edit")} ` +
      `and as many title edits were saved to \`pages/${devLoop.edited}.md\`, one at a time, ` +
      "timed from the save to the moment the rebuilt files held the change (polled every 10 ms). " +
      `A title edit is done when the page and both neighbours (\`${devLoop.neighbours.join("`, `")}\`) show the new title on their buttons.`,
    "",
    "| edit | median | each edit |",
    "| --- | ---: | --- |",
    `| body | ${seconds(medians.body)} | ${list(devLoop.bodyMs)} |`,
    `| title: the page itself | ${seconds(medians.titlePage)} | ${list(devLoop.titlePageMs)} |`,
    `| title: page and neighbours' buttons | ${seconds(medians.title)} | ${list(devLoop.titleMs)} |`,
    "",
    "The server: `tsx <repo>/node_modules/@11ty/eleventy/cmd.cjs --config=<repo>/.eleventy.ts --serve --port=<free port> --input=<library>`, run in the library's folder, so it writes `<library>/_site`.",
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
    ...judgeTargets(result).map((v) => `| ${v.target} | ${v.measured} | ${v.outcome === "met" ? "met" : `**${v.outcome}**`} |`),
  ].join("\n");
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function mebibytes(kib: number): string {
  return `${Math.round(kib / 1024)} MiB`;
}
