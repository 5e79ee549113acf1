import { commandLine } from "./commands.js";
import { devLoopMedians } from "./dev-loop.js";
import {
  buildProcessPeakKiB,
  pagefindPeakKiB,
  ratioTo,
  searchSummary,
  summarise,
  summariseProcesses,
  summariseStep,
  type BenchResult,
  type BuildSummary,
  type ProcessSummary,
  type SizeResult,
} from "./results.js";
import type { Usage } from "./whole-process.js";
import { judgeTargets, ms, SAME_WORK_TARGET, seconds } from "./targets.js";

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
    "## Whole commands: the same searchable site, as a user waits for it",
    ratiosSection(result),
    ...result.sizes.map((size, i) => wholeSection(size, result.sizes[i - 1], result.hugo !== undefined)),
    memorySection(result),
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

function machineSection({ machine, command, load, hugo, scratch }: BenchResult): string {
  const memory = (machine.memoryBytes / 1024 ** 3).toFixed(1);
  const tree = machine.dirty ? " plus uncommitted changes in the working tree" : "";
  return [
    "## Machine and command",
    `- CPU: ${machine.cpu}, ${machine.cores} cores`,
    `- Memory: ${memory} GiB`,
    `- Node.js ${machine.node} on ${machine.os}; Eleventy ${machine.eleventy}`,
    `- Code: commit ${machine.commit}${tree}`,
    `- Hugo: ${hugo ?? "not installed (`hugo` is not on the PATH), so there is no Hugo + Pagefind row"}`,
    `- Where: libraries, sites and temporary files in \`${scratch.dir}\`, on ${whereItRan(scratch)}; ` +
      "the repository, its packages and its compiled code are read from where they are installed",
    `- Load average (1 minute): ${load[0].toFixed(2)} at the start of the run, ${load[1].toFixed(2)} at its end, ` +
      `${load[2].toFixed(2)} at the highest, sampled every 5 s (the benchmark alone keeps it near ${machine.cores}, the core count)` +
      (load[0] > machine.cores / 2 || load[2] > machine.cores + 1
        ? "; other work shared the machine, so times are noisier than on an idle one: the rounds below show where"
        : ""),
    "",
    "```sh",
    command,
    "```",
  ].join("\n");
}

/** The kind of file system the scratch folder was on, in words. */
function whereItRan({ filesystem, mountPoint }: BenchResult["scratch"]): string {
  if (filesystem === "tmpfs") return `a tmpfs (\`${mountPoint}\`): in memory, no disk`;
  if (filesystem === "unknown") return "a file system this machine does not name";
  return `${filesystem} (\`${mountPoint}\`), a disk: \`--tmpfs\` takes the disk out when it is noisy`;
}

function methodSection({ runs, breakdownRuns, seed, meter }: BenchResult): string {
  return [
    "## What is measured",
    `- **Library**: generated with seed ${seed} into a temporary folder (\`bench/write-library.ts\`): N chapters in books of about 20, ` +
      "numbered from -1 and 0 with halves such as 2.5 between; each chapter has headings, lists, a code block, an image, " +
      "a relative link to its previous chapter and its book, and a link to a heading of a chapter in another book. " +
      "Every book has a home page; the library has a home page. Pages below count these Markdown files.",
    "- **Whole commands**, each making the same searchable site from the library, each started as a user types it and " +
      "timed from spawning it to its exit:",
    `  - Minibooks: \`${commandLine("minibooks")}\` from the repository, the production build with everything it does ` +
      "(content checks, pages, search index, whole-book outputs, link check, swap into place), npm's own start included. " +
      "Each round's first build starts without the library's `.cache/` (where builds keep each book's cover, EPUB and PDF " +
      "to reuse them), as a fresh clone does; right after it and the Pagefind CLI alone, the build runs again with one " +
      "sentence added to the library's middle chapter and the cache warm, what an author waits for after an edit (the " +
      "chapter is then put back). The breakdown, too, starts without the cache.",
    "  - What a user would assemble for the same site: a project of the benchmark's own (`bench/commands.ts`), a " +
      "package.json over this repository's node_modules whose scripts chain the steps; each is run with `npm run <script>`, " +
      "so it starts npm once, as `npm run build` does.",
    `    - bare Eleventy 3 + Pagefind CLI: \`${commandLine("eleventy+pagefind")}\`. Eleventy 3 with one nunjucks layout, a ` +
      "collection per book sorted by chapter number and prev/next from Eleventy's `getPreviousCollectionItem` / " +
      "`getNextCollectionItem`; both use `markdownTemplateEngine: false`. Pagefind indexes every page's `<body>`.",
    `    - Hugo + Pagefind CLI: \`${commandLine("hugo+pagefind")}\`, with a minimal site of the benchmark's own ` +
      "(`bench/hugo-site.ts`): the same Markdown and images, one layout with prev/next within the book and each book's " +
      "chapter list; Hugo adds its default sitemap, RSS and taxonomy pages, which Pagefind indexes too.",
    "  - **Less work**, for reference: each script's first step alone (bare Eleventy 3, Hugo) makes the pages without " +
      "a search index; the old baseline compared the whole build with bare Eleventy alone.",
    `  - The Pagefind CLI alone over the site Minibooks just built: \`${commandLine("pagefind")}\`, after each of ` +
      "Minibooks' builds, to compare Pagefind's process in the build with the CLI on the same site; it is part of no command compared.",
    `- **Wall** is the time the user waits; **CPU** is user + system time of the command and every process it started, read with ${meter}; ` +
      "**cores used** is CPU / wall (2 would keep both cores of this machine busy the whole time). " +
      "Each step of a script is timed the same way on its own.",
    "- **Memory**, each process's own peak resident set: every Node.js process of a command reads its own at exit " +
      "(`bench/node-peak.mjs`, preloaded with `NODE_OPTIONS=--import`); Pagefind's process (not its Node wrapper) is started " +
      "under GNU time through `PAGEFIND_EXTENDED_BINARY_PATH`, which Pagefind's Node API and its CLI wrapper both honour; " +
      "bare Eleventy's and Hugo's steps are one process each. These meters add a few milliseconds per process to every command alike.",
    "- **Breakdown**: the build alone in its own fresh Node process (`node --import tsx bench/build-child.ts`): " +
      "`buildSite({ input, output, search: false })` from `src/site/build.ts`, then `indexSearch(output)` timed on its own when " +
      "`src/site/search.ts` has it; the baseline's `new Eleventy(...).write()`. **Build** is timed inside the child around the build call; " +
      "**process** is the child's wall time. **Peak RSS** is `process.resourceUsage().maxRSS` when the build resolved. " +
      `${plural(breakdownRuns, "run")} per size (\`--breakdown-runs\`), in the first run${breakdownRuns === 1 ? "" : "s"}, after the whole commands.`,
    `- **How**: ${runs} round${runs === 1 ? "" : "s"} per size, each running every command once, in turn; the tables show medians.`,
  ].join("\n");
}

/** Minibooks' whole build over each same-work baseline, and over bare Eleventy alone, at every size: from nothing, then again after a one-chapter change. */
function ratiosSection({ sizes, hugo }: BenchResult): string {
  const table = (ours: (size: SizeResult) => readonly Usage[] | undefined) => {
    const ratio = (size: SizeResult, other: ProcessSummary) => {
      const { wall, cpu } = ratioTo(size, other, ours(size));
      return `${times(wall)} | ${times(cpu)}`;
    };
    const row = (size: SizeResult) => {
      const mine = summariseProcesses(ours(size) ?? []);
      const cells = [
        `${size.chapters}`,
        `${seconds(mine.wallMs)} / ${seconds(mine.cpuMs)}`,
        ratio(size, summariseProcesses(size.whole["eleventy+pagefind"])),
        ...(hugo ? [ratio(size, summariseProcesses(size.whole["hugo+pagefind"]))] : []),
        ratio(size, summariseStep(size.whole["eleventy+pagefind"], "eleventy")),
      ];
      return `| ${cells.join(" | ")} |`;
    };
    return [
      `| N | Minibooks wall / CPU | ÷ Eleventy + Pagefind, wall | CPU |${hugo ? " ÷ Hugo + Pagefind, wall | CPU |" : ""} ÷ bare Eleventy alone (less work), wall | CPU |`,
      `| ---: | ---: | ---: | ---: |${hugo ? " ---: | ---: |" : ""} ---: | ---: |`,
      ...sizes.filter((size) => (ours(size) ?? []).length > 0).map(row),
    ];
  };
  return [
    "### Ratios: Minibooks' whole build over the same work assembled by hand",
    "",
    `Medians; targets at 4000 and 8000 chapters: at most ${SAME_WORK_TARGET}× bare Eleventy 3 + Pagefind CLI in wall time, ` +
      "and the moonshot, Hugo + Pagefind CLI itself (1.00×). The last two columns compare with bare Eleventy alone, " +
      "which makes no search index: less work than the build does.",
    "",
    "**The first build** (no cache: every book's cover, EPUB and PDF made):",
    "",
    ...table((size) => size.whole.minibooks),
    "",
    "**The build again after a one-chapter change** (the books' files of the build before in the library's " +
      "`.cache/minibooks/`: one book's EPUB and PDF made again), over the same baselines, which keep nothing between builds:",
    "",
    ...table((size) => size.warm),
    "",
    `Each round on its own (the commands of a round ran one after another), Minibooks' first build's wall time over ${[
      "bare Eleventy 3 + Pagefind's",
      ...(hugo ? ["Hugo + Pagefind's"] : []),
    ].join(
      " and over ",
    )}: ${sizes.map((size) => `N = ${size.chapters}: ${roundRatios(size, hugo !== undefined)}`).join("; ")}.`,
  ].join("\n");
}

/** Minibooks' wall time over each same-work baseline's in each round, as "a, b, c" (and "/ d, e, f" for Hugo). */
function roundRatios(size: SizeResult, hugoInstalled: boolean): string {
  const inRounds = (contender: "eleventy+pagefind" | "hugo+pagefind") =>
    size.whole.minibooks
      .map((ours, i) => {
        const other = size.whole[contender][i];
        return other ? times(ours.wallMs / other.wallMs) : "—";
      })
      .join(", ");
  return hugoInstalled
    ? `${inRounds("eleventy+pagefind")} / ${inRounds("hugo+pagefind")}`
    : inRounds("eleventy+pagefind");
}

/** A measured row of the whole-command table: its name, its medians at a size, and whether to compare with it. */
interface WholeRow {
  name: string;
  summary: (size: SizeResult) => ProcessSummary;
  /** Minibooks' build over this row is a ratio worth reading (whole builds, not Pagefind alone). */
  compared: boolean;
}

/** The whole-command table of one size. */
function wholeSection(size: SizeResult, smaller: SizeResult | undefined, hugoInstalled: boolean): string {
  const whole = (name: string, contender: "minibooks" | "eleventy+pagefind" | "hugo+pagefind"): WholeRow => ({
    name,
    summary: (s) => summariseProcesses(s.whole[contender]),
    compared: true,
  });
  const step = (name: string, contender: "eleventy+pagefind" | "hugo+pagefind", step: string): WholeRow => ({
    name,
    summary: (s) => summariseStep(s.whole[contender], step),
    compared: step !== "pagefind",
  });
  const rows: WholeRow[] = [
    whole("Minibooks `npm run build`", "minibooks"),
    {
      name: "Minibooks `npm run build` again, one chapter changed (cache warm)",
      summary: (s) => summariseProcesses(s.warm ?? []),
      compared: true,
    },
    whole("bare Eleventy 3 + Pagefind CLI", "eleventy+pagefind"),
    ...(hugoInstalled ? [whole("Hugo + Pagefind CLI", "hugo+pagefind")] : []),
    step("less work: bare Eleventy 3 alone (step 1, no search index)", "eleventy+pagefind", "eleventy"),
    step("Pagefind CLI on bare Eleventy's site (step 2)", "eleventy+pagefind", "pagefind"),
    ...(hugoInstalled
      ? [
          step("less work: Hugo alone (step 1, no search index)", "hugo+pagefind", "hugo"),
          step("Pagefind CLI on Hugo's site (step 2)", "hugo+pagefind", "pagefind"),
        ]
      : []),
    {
      name: "Pagefind CLI alone on Minibooks' site (in no command)",
      summary: (s) => summariseProcesses(s.pagefindAlone),
      compared: false,
    },
  ];
  const row = ({ name, summary, compared }: WholeRow) => {
    const s = summary(size);
    const { wall, cpu } = compared ? ratioTo(size, s) : { wall: NaN, cpu: NaN };
    const before = smaller ? summary(smaller) : undefined;
    const scale = before ? `${(s.wallMs / before.wallMs).toFixed(2)} (vs N = ${smaller?.chapters})` : "—";
    return (
      `| ${name} | ${seconds(s.wallMs)} | ${seconds(s.cpuMs)} | ${Number.isFinite(s.cores) ? s.cores.toFixed(2) : "—"} | ` +
      `${mebibytes(s.rssPeakKiB)} | ${times(wall)} | ${times(cpu)} | ${scale} |`
    );
  };
  const each = (name: string, runs: readonly { wallMs: number }[]) =>
    `${name} ${runs.map((r) => seconds(r.wallMs)).join(", ")}`;
  const indexed = [
    ["bare Eleventy's site", size.indexed["eleventy+pagefind"]],
    ["Hugo's site", size.indexed["hugo+pagefind"]],
    ["Minibooks' site", size.indexed.pagefind],
  ].flatMap(([site, pages]) => (pages === undefined ? [] : [`${site} ${pages} pages`]));
  const pagefindCounts = indexed.length ? ` The Pagefind CLI indexed ${indexed.join(", ")}.` : "";
  return [
    `### N = ${size.chapters} chapters (${plural(size.books, "book")}, ${size.pages} pages)`,
    "",
    "| command | wall | CPU | cores used | largest process | Minibooks ÷ this, wall | CPU | scaling t(N) / t(smaller N) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    // A step is missing where GNU time is, and Pagefind's CLI has no steps to show then either.
    ...rows.filter(({ summary }) => Number.isFinite(summary(size).wallMs)).map(row),
    "",
    `Each round, wall time: ${[
      each("Minibooks", size.whole.minibooks),
      ...((size.warm ?? []).length > 0 ? [each("Minibooks again, one chapter changed", size.warm ?? [])] : []),
      each("bare Eleventy 3 + Pagefind", size.whole["eleventy+pagefind"]),
      ...(hugoInstalled ? [each("Hugo + Pagefind", size.whole["hugo+pagefind"])] : []),
    ].join("; ")}.${pagefindCounts}`,
  ].join("\n");
}

/** Each process's own peak memory: Minibooks' build and its Pagefind, against the CLI and the baselines. */
function memorySection({ sizes, hugo }: BenchResult): string {
  const row = (size: SizeResult) => {
    const eleventy = size.whole["eleventy+pagefind"];
    const cells = [
      `${size.chapters}`,
      mebibytes(buildProcessPeakKiB(size.whole.minibooks)),
      mebibytes(pagefindPeakKiB(size.whole.minibooks)),
      mebibytes(pagefindPeakKiB(size.pagefindAlone)),
      mebibytes(summariseStep(eleventy, "eleventy").rssPeakKiB),
      mebibytes(pagefindPeakKiB(eleventy)),
      ...(hugo
        ? [
            mebibytes(summariseStep(size.whole["hugo+pagefind"], "hugo").rssPeakKiB),
            mebibytes(pagefindPeakKiB(size.whole["hugo+pagefind"])),
          ]
        : []),
    ];
    return `| ${cells.join(" | ")} |`;
  };
  return [
    "## Memory: each process's own peak",
    "Peak resident set of each process on its own, medians. Targets at 8000 chapters: Minibooks' own process under " +
      "1 GiB, and Pagefind's process in the build no larger than the Pagefind CLI alone on the same site.",
    "",
    `| N | Minibooks' own process | Pagefind in Minibooks' build | Pagefind CLI alone on Minibooks' site | bare Eleventy 3 | Pagefind CLI on Eleventy's site |${hugo ? " Hugo | Pagefind CLI on Hugo's site |" : ""}`,
    `| ---: | ---: | ---: | ---: | ---: | ---: |${hugo ? " ---: | ---: |" : ""}`,
    ...sizes.map(row),
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
      "baseline (bare Eleventy 3, no search index: less work)",
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
  return Number.isFinite(kib) ? `${Math.round(kib / 1024)} MiB` : "—";
}

function times(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : "—";
}
