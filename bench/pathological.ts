/**
 * `npm run bench:pathological`: times `npm run check` on a book whose one chapter is 1 MB of one kind
 * of markup (`<`, `](`, `[`, backticks, `<!--`, tags, links, tables, ...) or of a random mix of them,
 * as a whole process, and prints a Markdown table. Every check is linear in its input, so each case
 * takes about as long as plain text of that size.
 *
 *   npm run bench:pathological -- [--bytes 1000000] [--cases '"<",mix'] [--limit 2]
 *
 * `--cases` picks the cases whose names contain one of the comma-separated words; `--limit` is the
 * check's own time (as it reports it) that each case should stay under, in seconds, marked in the table.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./measure.js";
import { PATHOLOGICAL_CASES, pathologicalBody, writePathologicalBook } from "./pathological-book.js";
import { processMeter, timeProcess } from "./whole-process.js";

const { values } = parseArgs({
  options: {
    bytes: { type: "string", default: "1000000" },
    cases: { type: "string" },
    limit: { type: "string", default: "2" },
  },
});
const bytes = Number(values.bytes);
const limit = Number(values.limit);
if (!Number.isInteger(bytes) || bytes < 1 || !(limit > 0)) {
  console.error("usage: npm run bench:pathological -- --bytes 1000000 --cases '\"<\",mix' --limit 2");
  process.exit(2);
}
const wanted = values.cases?.split(",");
const cases = PATHOLOGICAL_CASES.filter((c) => !wanted || wanted.some((word) => c.name.includes(word)));

const work = await mkdtemp(path.join(tmpdir(), "minibooks-pathological-"));
const rows: string[] = [];
try {
  const book = path.join(work, "book");
  const timeCheck = async (body: string) => {
    await writePathologicalBook(book, body);
    const run = await timeProcess(process.execPath, [path.join(REPO_ROOT, "bin/minibooks.js"), "check"], {
      cwd: book,
      env: { GITHUB_ACTIONS: "" },
      anyExit: true,
    });
    // "Content is valid (1.23 s)." or "3 problem(s) found in 1.23 s."
    const reported = /(?:\(| in )([\d.]+) s\)?\.$/m.exec(`${run.stdout}${run.stderr}`)?.[1];
    const problems = /^(\d+) problem\(s\) found/m.exec(run.stderr)?.[1] ?? "0";
    return { ...run, checkSeconds: reported === undefined ? Number.NaN : Number(reported), problems };
  };
  const row = (name: string, run: Awaited<ReturnType<typeof timeCheck>>) => {
    const mark = run.checkSeconds <= limit ? "yes" : "no";
    const line = `| ${name} | ${run.checkSeconds.toFixed(2)} | ${(run.wallMs / 1000).toFixed(2)} | ${(run.cpuMs / 1000).toFixed(2)} | ${run.rssPeakKiB === undefined ? "" : Math.round(run.rssPeakKiB / 1024)} | ${run.code} | ${run.problems} | ${mark} |`;
    rows.push(line);
    console.error(`[pathological] ${line}`);
  };
  row("plain text (for comparison)", await timeCheck(pathologicalBody({ name: "words", unit: "word " }, bytes)));
  for (const which of cases) row(which.name.replace(/\|/g, "\\|"), await timeCheck(pathologicalBody(which, bytes)));
} finally {
  await rm(work, { recursive: true, force: true });
}

console.log(`## \`npm run check\` on one chapter of ${bytes} bytes of one kind of markup\n`);
console.log(
  `Written by \`npm run bench:pathological${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}\`.\n`,
);
console.log(
  `Measured with ${processMeter()}; load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(
      ", ",
    )} at the end. "check" is the time the command reports for its own work; wall and CPU are the whole process, Node's start included.\n`,
);
console.log(
  `| chapter body | check (s) | wall (s) | CPU (s) | peak RSS (MiB) | exit | problems | check under ${limit} s |`,
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const line of rows) console.log(line);
