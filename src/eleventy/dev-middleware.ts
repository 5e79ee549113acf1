/**
 * The dev server's own request handlers, asked before Eleventy's dev server looks for the site's
 * files: paths that climb out of the site refused, and whole-book files made when asked for.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { stat } from "node:fs/promises";
import path from "node:path";

/** A handler of the dev server's requests, before the site's files are looked for. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => unknown) => unknown;

/** The kinds of whole-book file the dev server makes when asked for, by extension, with their content type. */
const WHOLE_BOOK_TYPES: Record<string, string> = {
  ".epub": "application/epub+zip",
  ".pdf": "application/pdf",
};

/**
 * Answers a request for a file the site does not hold with the whole-book file (an EPUB) a
 * production build would write there, made for the request from the last build.
 */
export function wholeBookFiles(
  output: string,
  make: (urlPath: string) => Promise<Uint8Array | undefined> | undefined,
): Middleware {
  return async (request, response, next) => {
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    } catch {
      return next();
    }
    const type = WHOLE_BOOK_TYPES[path.extname(urlPath)];
    if ((request.method !== "GET" && request.method !== "HEAD") || !type) return next();
    if (
      await stat(path.join(output, urlPath)).then(
        () => true,
        () => false,
      )
    )
      return next();
    let bytes: Uint8Array | undefined;
    try {
      bytes = await make(urlPath);
    } catch (error) {
      // The preview keeps serving: the file's failure is said in the terminal and in the answer.
      const why = `${urlPath} could not be made: ${error instanceof Error ? error.message : String(error)}`;
      console.error(`[minibooks] ${why}`);
      response.statusCode = 500;
      response.setHeader("Content-Type", "text/plain; charset=utf-8");
      response.end(`${why}\nnpm run build makes it too, and reports every problem at its line.\n`);
      return undefined;
    }
    if (!bytes) return next();
    response.statusCode = 200;
    response.setHeader("Content-Type", type);
    response.setHeader("Content-Length", bytes.byteLength);
    response.end(request.method === "HEAD" ? undefined : bytes);
    return undefined;
  };
}

/**
 * Answers 400 to a request whose path, once decoded, climbs out of the site (`/..%2fx`): Eleventy's
 * dev server throws on such a path, outside any handler, which would stop the server.
 */
export const refuseClimbing: Middleware = (request, response, next) => {
  let segments: string[];
  try {
    segments = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname).split(/[\\/]/);
  } catch {
    segments = [".."];
  }
  if (!segments.includes("..")) return next();
  response.statusCode = 400;
  response.end("Bad request: the path leads out of the site.\n");
  return undefined;
};
