import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { commandLine } from "../../bench/commands.js";
import { describeScratch } from "../../bench/machine.js";
import { parseNodePeaks, parseTimeLines, shellQuote } from "../../bench/whole-process.js";

describe("the benchmark's meters", () => {
  it("read GNU time's lines of a chained command's steps, and skip the status line of a failed one", () => {
    const log =
      "eleventy 4.21 5.10 0.42 612344\nCommand exited with non-zero status 1\npagefind 2.03 3.50 0.61 401220\n";
    expect(parseTimeLines(log)).toEqual([
      { name: "eleventy", wallMs: 4210, cpuMs: 5520, rssPeakKiB: 612344 },
      { name: "pagefind", wallMs: 2030, cpuMs: 4110, rssPeakKiB: 401220 },
    ]);
    expect(parseTimeLines("1.50 0.25 0.25 2048\n")).toEqual([{ name: "", wallMs: 1500, cpuMs: 500, rssPeakKiB: 2048 }]);
  });

  it("read the peak each Node.js process wrote at its exit", () => {
    const log =
      '{"script":"/repo/bin/minibooks.js","rssPeakKiB":900000}\n{"script":"/usr/bin/npm","rssPeakKiB":60000}\n';
    expect(parseNodePeaks(log)).toEqual([
      { script: "/repo/bin/minibooks.js", rssPeakKiB: 900000 },
      { script: "/usr/bin/npm", rssPeakKiB: 60000 },
    ]);
  });

  it("quote any folder name for the shell that runs a script", () => {
    const name = '/tmp/it\'s a "site" $HOME `x`';
    expect(execFileSync("sh", ["-c", `printf %s ${shellQuote(name)}`], { encoding: "utf8" })).toBe(name);
  });

  it("name the file system a folder lies on", () => {
    const scratch = describeScratch(tmpdir());
    expect(scratch.dir).toBe(realpathSync(tmpdir()));
    if (process.platform === "linux") {
      expect(scratch.filesystem).not.toBe("unknown");
      expect(scratch.dir === scratch.mountPoint || scratch.dir.startsWith(scratch.mountPoint)).toBe(true);
    }
  });

  it("show each command as a user would type it, with placeholders for the folders", () => {
    expect(commandLine("minibooks")).toBe("npm run build -- --input <library> --output <output>");
    expect(commandLine("hugo+pagefind")).toBe(
      "hugo --quiet --source <hugo site> --destination <output> && pagefind --site <output>",
    );
    expect(commandLine("pagefind")).toBe("pagefind --site <output> --exclude-selectors .heading-anchor");
  });
});
