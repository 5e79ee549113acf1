import { devLoopMedians } from "./dev-loop.js";
import {
  buildProcessPeakKiB,
  pagefindPeakKiB,
  ratioTo,
  summariseProcesses,
  type BenchResult,
  type SizeResult,
} from "./results.js";

/** One target of the issue and how this run did against it. */
export interface Verdict {
  target: string;
  measured: string;
  outcome: "met" | "missed" | "not measured";
}

const GiB = 1024 * 1024; // in KiB

/** The whole build's wall time over bare Eleventy 3 + the Pagefind CLI's, at most (the same searchable site). */
export const SAME_WORK_TARGET = 1.25;

/** Checks a run against the targets: whole commands, as a user waits for them. */
export function judgeTargets(result: BenchResult): Verdict[] {
  const at = (chapters: number) => result.sizes.find((size) => size.chapters === chapters);
  const verdicts: Verdict[] = [];
  const ratios = (size: SizeResult, contender: "eleventy+pagefind" | "hugo+pagefind") => {
    const { wall, cpu } = ratioTo(size, summariseProcesses(size.whole[contender]));
    return { wall, measured: `${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU` };
  };

  for (const chapters of [4000, 8000]) {
    const target = `N = ${chapters}: whole \`npm run build\` at most ${SAME_WORK_TARGET}× bare Eleventy 3 + Pagefind CLI, wall`;
    const size = at(chapters);
    if (!size) verdicts.push(unmeasured(target));
    else {
      const { wall, measured } = ratios(size, "eleventy+pagefind");
      verdicts.push(verdict(target, measured, wall <= SAME_WORK_TARGET));
    }
  }
  for (const chapters of [4000, 8000]) {
    const target = `N = ${chapters}, the build again after a one-chapter change (cache warm): at most ${SAME_WORK_TARGET}× bare Eleventy 3 + Pagefind CLI, wall`;
    const size = at(chapters);
    if (!size || (size.warm ?? []).length === 0) verdicts.push(unmeasured(target));
    else {
      const { wall, cpu } = ratioTo(size, summariseProcesses(size.whole["eleventy+pagefind"]), size.warm);
      verdicts.push(verdict(target, `${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU`, wall <= SAME_WORK_TARGET));
    }
  }
  for (const chapters of [4000, 8000]) {
    const target = `Moonshot, N = ${chapters}: whole \`npm run build\` at most Hugo + Pagefind CLI (1.00×), wall`;
    const size = at(chapters);
    if (!size || size.whole["hugo+pagefind"].length === 0) verdicts.push(unmeasured(target));
    else {
      const { wall, measured } = ratios(size, "hugo+pagefind");
      verdicts.push(verdict(target, measured, wall <= 1));
    }
  }

  const n4000 = at(4000);
  const n8000 = at(8000);
  const scalingTarget = "Scaling of the whole build t(8000) / t(4000) at most 2.05";
  if (n4000 && n8000) {
    const wall = (runs: typeof n4000.whole.minibooks) => summariseProcesses(runs).wallMs;
    const scaling = wall(n8000.whole.minibooks) / wall(n4000.whole.minibooks);
    const base = wall(n8000.whole["eleventy+pagefind"]) / wall(n4000.whole["eleventy+pagefind"]);
    verdicts.push(
      verdict(scalingTarget, `${scaling.toFixed(2)} (bare Eleventy + Pagefind ${base.toFixed(2)})`, scaling <= 2.05),
    );
  } else verdicts.push(unmeasured(scalingTarget));

  const memoryTarget = "N = 8000: peak memory of Minibooks' own process (the build's Node.js process) under 1 GiB";
  const peak = n8000 ? buildProcessPeakKiB(n8000.whole.minibooks) / GiB : NaN;
  if (Number.isFinite(peak)) verdicts.push(verdict(memoryTarget, `${peak.toFixed(2)} GiB`, peak < 1));
  else verdicts.push(unmeasured(memoryTarget));

  const pagefindTarget =
    "N = 8000: Pagefind's process in the build no larger than the Pagefind CLI alone on the same site";
  const inBuild = n8000 ? pagefindPeakKiB(n8000.whole.minibooks) : NaN;
  const alone = n8000 ? pagefindPeakKiB(n8000.pagefindAlone) : NaN;
  if (Number.isFinite(inBuild) && Number.isFinite(alone)) {
    const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
    verdicts.push(verdict(pagefindTarget, `${mib(inBuild)} against ${mib(alone)}`, inBuild <= alone));
  } else verdicts.push(unmeasured(pagefindTarget));

  const dev = result.devLoop;
  const devTarget =
    "Dev loop at N = 1000: save to the changed page and its neighbours' buttons rewritten, median at most 300 ms";
  const startTarget = "`npm start` at N = 1000: first page served within 3 s";
  if (dev && dev.chapters === 1000) {
    const medians = devLoopMedians(dev);
    const slowest = Math.max(medians.body, medians.title);
    const measured =
      `body ${ms(medians.body)}, title and neighbours ${ms(medians.title)} (medians); ` +
      `neighbours ${dev.neighboursCorrect ? "correct" : "NOT correct"}`;
    verdicts.push(verdict(devTarget, measured, slowest <= 300 && dev.neighboursCorrect));
    verdicts.push(verdict(startTarget, seconds(dev.firstPageMs), dev.firstPageMs <= 3000));
  } else verdicts.push(unmeasured(devTarget), unmeasured(startTarget));

  const guide = result.guide;
  for (const command of ["check", "build"] as const) {
    const target = `\`npm run ${command}\` on the project's own content at most 1.0 s, whole process`;
    if (!guide) {
      verdicts.push(unmeasured(target));
      continue;
    }
    const wall = summariseProcesses(guide[command]).wallMs;
    verdicts.push(verdict(target, `${seconds(wall)} (median)`, wall <= 1000));
  }
  return verdicts;
}

function verdict(target: string, measured: string, met: boolean): Verdict {
  return { target, measured, outcome: met ? "met" : "missed" };
}

function unmeasured(target: string): Verdict {
  return { target, measured: "—", outcome: "not measured" };
}

/** Milliseconds as seconds with two decimals, or "timed out". */
export function seconds(ms: number): string {
  return Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "timed out";
}

/** Milliseconds as whole milliseconds, or "timed out". */
export function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : "timed out";
}
