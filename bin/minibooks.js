#!/usr/bin/env node
// @ts-check
/**
 * Starts one of the project's commands (`src/cli/<command>.ts`) from its compiled JavaScript:
 *
 *   node bin/minibooks.js <command> [arguments]      what `npm run <command>` runs
 *   node bin/minibooks.js --compile                  compile only (run at install by `prepare`)
 *
 * Sources changed since the last compile are compiled first, in a few milliseconds per file.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_DIR, ROOT, compileChanged } from "./compile.js";

const command = process.argv[2];
await compileChanged();
if (command !== "--compile") {
  const commands = (await readdir(path.join(ROOT, "src", "cli"))).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3));
  if (!command || !commands.includes(command)) {
    console.error(`Usage: node bin/minibooks.js <command> [arguments]; the commands are ${commands.join(", ")}.`);
    process.exit(2);
  }
  // The command reads its own arguments from process.argv, as when it is run directly.
  process.argv.splice(2, 1);
  // A command that builds once never re-imports a changed module, so it needs no Eleventy's cache
  // buster for imports: a loader thread that every later import would wait on. The dev server keeps it.
  if (command !== "serve") process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "true";
  await import(pathToFileURL(path.join(BUILD_DIR, "src", "cli", `${command}.js`)).href);
}
