// Runs a worker thread's TypeScript module through tsx, when the code runs from its sources (the
// tests do); compiled code starts its threads from their JavaScript (src/search/search.ts).
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.module, import.meta.url);
