/**
 * Profiles one build with `node --cpu-prof` and prints where its time went, as Markdown:
 *
 *   npx tsx bench/profile.ts [--size 4000] [--builder minibooks] [--top 25] [--seed 1] [--keep] [--warm]
 *
 * Search indexing is left out. The profile file is kept with --keep (open it in Chrome DevTools).
 * With --warm, the library is built once first (its books' files kept in its `.cache/`), one chapter
 * is changed, and the build after the change is profiled: what an author waits for after an edit.
 */
import { appendFile, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT, measureBuild, type Builder } from "./measure.js";
import { summarizeProfile, type CpuProfile, type ProfileLine } from "./summarize-profile.js";
import { seconds } from "./targets.js";
import { writeLibrary } from "./write-library.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "4000" },
    builder: { type: "string", default: "minibooks" },
    top: { type: "string", default: "25" },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    warm: { type: "boolean", default: false },
  },
});
const builder = values.builder as Builder;
if (builder !== "minibooks" && builder !== "baseline") {
  console.error("usage: bench/profile.ts --size 4000 --builder minibooks|baseline");
  process.exit(2);
}

const work = await mkdtemp(path.join(tmpdir(), "minibooks-profile-"));
try {
  const library = path.join(work, "library");
  const profiles = path.join(work, "profiles");
  await writeLibrary(library, Number(values.size), Number(values.seed));
  if (values.warm) {
    console.error(`[profile] building ${values.size} chapters once, then changing one chapter`);
    await measureBuild({ builder, input: library, output: path.join(work, "first-site"), noSearch: true });
    await rm(path.join(work, "first-site"), { recursive: true, force: true });
    const pages = (await readdir(path.join(library, "pages"))).filter((name) => name.endsWith(".md")).sort();
    await appendFile(path.join(library, "pages", pages[Math.floor(pages.length / 2)]), "\nOne more sentence.\n");
  }
  console.error(`[profile] building ${values.size} chapters with ${builder} under --cpu-prof`);
  const run = await measureBuild({
    builder,
    input: library,
    output: path.join(work, "site"),
    nodeArgs: ["--cpu-prof", "--cpu-prof-dir", profiles],
    noSearch: true,
  });
  // One profile per thread; the main thread's is the largest.
  const files = (await readdir(profiles)).filter((name) => name.endsWith(".cpuprofile"));
  const sizes = await Promise.all(files.map(async (name) => (await stat(path.join(profiles, name))).size));
  const file = files[sizes.indexOf(Math.max(...sizes))];
  const profile = JSON.parse(await readFile(path.join(profiles, file), "utf8")) as CpuProfile;
  const summary = summarizeProfile(profile, REPO_ROOT, Number(values.top));
  const table = (lines: ProfileLine[], total: boolean) =>
    lines.map(
      (l) =>
        `| ${l.name.replace(/\|/g, "\\|")} | ${Math.round(l.selfMs)} ms | ${((100 * l.selfMs) / summary.totalMs).toFixed(1)} % |${total ? ` ${Math.round(l.totalMs)} ms |` : ""}`,
    );
  console.log(
    [
      `## Profile: ${builder}, ${values.size} chapters`,
      "",
      `Build ${seconds(run.ms)} (under the profiler); ${Math.round(summary.totalMs)} ms of samples in the whole process.`,
      "",
      "| step (time inside it; steps may nest) | time | share |",
      "| --- | ---: | ---: |",
      ...table(summary.steps, false),
      "",
      "| code running (Node's own and native code count for their caller) | time | share |",
      "| --- | ---: | ---: |",
      ...table(summary.origins, false),
      "",
      "| function | self | share | on the stack |",
      "| --- | ---: | ---: | ---: |",
      ...table(summary.functions, true),
    ].join("\n"),
  );
  if (values.keep) console.error(`[profile] kept ${path.join(profiles, file)}`);
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
}
