// Eleventy imports .eleventy.ts itself; tsx's loader lets it, as it does under `npm run build`.
// Test files share a worker process (isolate: false), so the loader is registered once per process.
import { register } from "tsx/esm/api";

const registered = Symbol.for("minibooks.tsx-registered");
const state = globalThis as { [registered]?: boolean };
if (!state[registered]) {
  register();
  state[registered] = true;
}
