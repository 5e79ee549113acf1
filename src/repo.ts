import path from "node:path";
import { fileURLToPath } from "node:url";

const sourceDir = path.dirname(fileURLToPath(import.meta.url));

/** Whether this code runs compiled into .build/ (by bin/compile.js) rather than from its TypeScript. */
export const COMPILED = path.basename(path.dirname(sourceDir)) === ".build";

/** The repository root, where package.json, .eleventy.ts and layouts/ live, compiled or not. */
export const REPO_ROOT = path.resolve(sourceDir, COMPILED ? "../.." : "..");

/** The Eleventy config every build uses: compiled beside this code when this code is compiled. */
export const CONFIG_PATH = COMPILED
  ? path.join(REPO_ROOT, ".build", ".eleventy.js")
  : path.join(REPO_ROOT, ".eleventy.ts");
