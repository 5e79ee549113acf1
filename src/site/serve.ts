import { access, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { urlForFile } from "../book/library.js";
import { findContentError, formatProblem, formatSkipped, sortProblems } from "../book/problem.js";
import { errorMessages, serveEleventy, type Middleware } from "../eleventy/adapter.js";
import { CONFIG_PATH, REPO_ROOT } from "./build.js";

/** Where and what the dev server serves. */
export interface ServeOptions {
  /** Content root: holds index.md, pages/ and images/. */
  input: string;
  /** The dev server's own folder, never the production site's. */
  output: string;
  /** Port to listen on; 0 takes any free one. */
  port: number;
  /** Address to listen on: 127.0.0.1 keeps the preview on this machine. */
  host: string;
  /** Where the server tells what it is doing (the terminal). */
  log?: (line: string) => void;
}

/** A running dev server. */
export interface DevServer {
  /** Where the site is served, such as http://127.0.0.1:8080/. */
  url: string;
  /** Stops watching and serving. */
  close(): Promise<void>;
}

/** Thrown when the dev server cannot start, with a message that says why and what to do. */
export class ServeError extends Error {}

/** The folder the dev server writes to, relative to the content root. */
export const DEV_OUTPUT = ".cache/dev-site";

/** Where the dev server serves its own files, which the site never holds: its pages start with `/.minibooks/`. */
export const DEV_PATH = "/.minibooks/";

/**
 * The problems of the last build, as the dev server's banner shows them on every page: each as the
 * terminal prints it, with the page of its file; what they kept from being checked; and the pages
 * shown as they were at their last good save.
 */
export interface ServedProblems {
  /** One line per problem, `file:line:column: field: message. Fix: ...`, in file and line order. */
  problems: { text: string; page?: string }[];
  /** What the problems kept from being checked, one sentence each. */
  skipped: string[];
  /** The URLs of the pages shown as they were at their last good save, their front matter not reading. */
  kept: string[];
  /** Why the site could not be built, when the failure was not a problem in the content. */
  failure?: string;
}

/** The dev server's files, in layouts/dev-server/: the banner's script and style, and the page shown when no page was built. */
const DEV_FILES: Record<string, { file: string; type: string }> = {
  "banner.js": { file: "banner.js", type: "text/javascript; charset=utf-8" },
  "banner.css": { file: "banner.css", type: "text/css; charset=utf-8" },
};

/** The tags that bring the banner to every page the dev server serves. */
const BANNER_TAGS = `<link rel="stylesheet" href="${DEV_PATH}banner.css"><script src="${DEV_PATH}banner.js" defer></script>`;

/**
 * Builds the site with drafts into the dev server's own folder, serves it on `host:port`, and
 * rebuilds when a file is saved, added, deleted or renamed. It starts and serves whatever mistakes
 * the content holds: each problem is printed once per save, and shown in a banner at the top of
 * every page until it is fixed.
 */
export async function serveSite({ input, output, port, host, log = console.log }: ServeOptions): Promise<DevServer> {
  await assertPortFree(port, host);
  await rm(output, { recursive: true, force: true });
  let current: ServedProblems | undefined;
  const server = await serveEleventy({
    input,
    output,
    configPath: CONFIG_PATH,
    port,
    host,
    report: (error, kept) => {
      current = served(error, kept);
      report(error, log);
    },
    built: () => {
      if (current) log("Every problem is fixed: the site is built again.");
      current = undefined;
    },
    warn: (error) => log(`Warning: ${failure(error)}`),
    middleware: [devFiles(output, () => current), withBanner],
  });
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${server.port}/`,
    close: () => server.close(),
  };
}

/** Fails with a plain message when something already listens on `host:port`. */
async function assertPortFree(port: number, host: string): Promise<void> {
  const probe: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new ServeError(
            `Port ${port} on ${host} is already in use, perhaps by another npm start. ` +
              `Stop that program, or choose another port: npm start -- --port ${port + 1}`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(
          new ServeError(
            `Cannot listen on ${host}: this machine has no such address. Use --host 127.0.0.1, or an address of this machine.`,
          ),
        );
      } else if (error.code === "EACCES") {
        reject(
          new ServeError(
            `Port ${port} needs special rights on this machine. Choose a port above 1023: npm start -- --port 8080`,
          ),
        );
      } else {
        reject(error);
      }
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * A failed build, each problem once, and what they kept from being checked: Eleventy's own report
 * prints the chain of wrapped errors and a stack trace, which repeats every problem.
 */
function report(error: unknown, log: (line: string) => void): void {
  const content = findContentError(error);
  if (content) {
    for (const problem of sortProblems(content.problems)) log(formatProblem(problem));
    log(`${content.problems.length} problem(s): fix them and save; every page of the preview shows them until then.`);
    if (content.skipped.length > 0) log(formatSkipped(content.skipped));
    return;
  }
  log(`The site could not be built: ${failure(error)}`);
}

/** The message of a failure that is not a problem in the content. */
function failure(error: unknown): string {
  return errorMessages(error).at(-1) ?? String(error);
}

/** A failed build's problems as the banner shows them. */
export function served(error: unknown, kept: readonly string[]): ServedProblems {
  const content = findContentError(error);
  if (!content) return { problems: [], skipped: [], kept: [...kept], failure: failure(error) };
  return {
    problems: sortProblems(content.problems).map((problem) => ({
      text: formatProblem(problem),
      page: problem.file.endsWith(".md") ? urlForFile(problem.file) : undefined,
    })),
    skipped: [...content.skipped],
    kept: [...kept],
  };
}

/**
 * Serves the dev server's own files under `/.minibooks/`: the last build's problems
 * (`problems.json`), the banner's script and style; and, while no page has been built at all (the
 * first build stopped before writing any), a page that shows the problems instead of "not found".
 */
function devFiles(output: string, problems: () => ServedProblems | undefined): Middleware {
  const dir = path.join(REPO_ROOT, "layouts/dev-server");
  return async (request, response, next) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (type: string, body: string | Buffer) => {
      response.statusCode = 200;
      response.setHeader("Content-Type", type);
      response.setHeader("Cache-Control", "no-store");
      response.end(body);
    };
    if (url.pathname === `${DEV_PATH}problems.json`) {
      return send(
        "application/json; charset=utf-8",
        JSON.stringify(problems() ?? { problems: [], skipped: [], kept: [] }),
      );
    }
    const devFile = url.pathname.startsWith(DEV_PATH) ? DEV_FILES[url.pathname.slice(DEV_PATH.length)] : undefined;
    if (devFile) return send(devFile.type, await readFile(path.join(dir, devFile.file)));
    const built = await access(path.join(output, "index.html")).then(
      () => true,
      () => false,
    );
    // Sent as 200: on any other status, Eleventy's dev server would forbid the page's scripts.
    if (!built && problems() && request.headers.accept?.includes("text/html")) {
      return send("text/html; charset=utf-8", await readFile(path.join(dir, "unbuilt.html"), "utf8"));
    }
    return next();
  };
}

/**
 * Adds the banner's script and style to every HTML page the dev server sends, as Eleventy's dev
 * server adds its reload script: the pages it writes are the production site's, with nothing of
 * the dev server in them.
 */
const withBanner: Middleware = (_request, response, next) => {
  const end = response.end.bind(response) as (...args: unknown[]) => typeof response;
  response.end = ((data?: unknown, ...rest: unknown[]) => {
    const html = String(response.getHeader("Content-Type") ?? "").startsWith("text/html");
    return end(html && typeof data === "string" ? data.replace("</head>", `${BANNER_TAGS}</head>`) : data, ...rest);
  }) as typeof response.end;
  return next();
};
