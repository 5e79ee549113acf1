import { devLoopMedians } from "./dev-loop.js";
import { summarise, type BenchResult } from "./results.js";

/** One target of the issue and how this run did against it. */
export interface Verdict {
  target: string;
  measured: string;
  outcome: "met" | "missed" | "not measured";
}

const GiB = 1024 * 1024; // in KiB

/** Checks a run against the targets. */
export function judgeTargets(result: BenchResult): Verdict[] {
  const at = (chapters: number) => result.sizes.find((size) => size.chapters === chapters);
  const verdicts: Verdict[] = [];

  const n4000 = at(4000);
  if (n4000) {
    const ratio = summarise(n4000.minibooks).ms / summarise(n4000.baseline).ms;
    verdicts.push(verdict("N = 4000: our build at most 1.3× the baseline's time", `${ratio.toFixed(2)}×`, ratio <= 1.3));
  } else verdicts.push(unmeasured("N = 4000: our build at most 1.3× the baseline's time"));

  const n8000 = at(8000);
  if (n4000 && n8000) {
    const scaling = summarise(n8000.minibooks).ms / summarise(n4000.minibooks).ms;
    const base = summarise(n8000.baseline).ms / summarise(n4000.baseline).ms;
    verdicts.push(
      verdict("Scaling t(8000) / t(4000) at most 2.1", `${scaling.toFixed(2)} (baseline ${base.toFixed(2)})`, scaling <= 2.1),
    );
  } else verdicts.push(unmeasured("Scaling t(8000) / t(4000) at most 2.1"));

  if (n8000) {
    const peak = summarise(n8000.minibooks).rssPeakKiB / GiB;
    verdicts.push(verdict("Peak memory at N = 8000 under 1.5 GiB", `${peak.toFixed(2)} GiB`, peak < 1.5));
  } else verdicts.push(unmeasured("Peak memory at N = 8000 under 1.5 GiB"));

  const dev = result.devLoop;
  const devTarget = "Dev loop at N = 1000: changed page rewritten within 1 s; neighbours correct after a title change";
  if (dev && dev.chapters === 1000) {
    const medians = devLoopMedians(dev);
    const slowest = Math.max(medians.body, medians.title);
    const measured =
      `body ${seconds(medians.body)}, title ${seconds(medians.title)} (medians); ` +
      `neighbours ${dev.neighboursCorrect ? "correct" : "NOT correct"}`;
    verdicts.push(verdict(devTarget, measured, slowest <= 1000 && dev.neighboursCorrect));
  } else verdicts.push(unmeasured(devTarget));
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
