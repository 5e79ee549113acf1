import path from "node:path";
import { commandOptions } from "../cli-options.js";
import { DEV_OUTPUT, ServeError, serveSite } from "../site/serve.js";

/**
 * `npm start [-- --port <n>] [-- --host <address>]`: previews the site, drafts included, at
 * http://127.0.0.1:8080/, rebuilding as files are saved. It writes to .cache/dev-site/, never to _site/.
 */
const USAGE = `Usage: npm start -- [--port <number>] [--host <address>]
  --port  port to listen on (default 8080; 0 picks a free one)
  --host  address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every network)`;

const { values } = commandOptions("serve", USAGE, {
  options: { port: { type: "string", short: "p", default: "8080" }, host: { type: "string", default: "127.0.0.1" } },
});
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) {
  console.error(`serve: --port must be a number from 0 to 65535, not "${values.port}".\n\n${USAGE}`);
  process.exit(2);
}
const options = { port, host: values.host };

try {
  const server = await serveSite({ input: process.cwd(), output: path.join(process.cwd(), DEV_OUTPUT), ...options });
  console.log(`Serving the site, drafts included, at ${server.url} (Ctrl-C stops it).`);
  if (options.host !== "127.0.0.1" && options.host !== "localhost" && options.host !== "::1") {
    console.log(`Listening on ${options.host}: other machines on the network can open this preview.`);
  }
  process.once("SIGINT", () => server.close().then(() => process.exit(0)));
  process.once("SIGTERM", () => server.close().then(() => process.exit(0)));
} catch (error) {
  if (!(error instanceof ServeError)) throw error;
  console.error(error.message);
  process.exit(1);
}
