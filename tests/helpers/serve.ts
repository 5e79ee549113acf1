import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import path from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves a folder as a static host would: `/dir/` is `/dir/index.html`, and misses get 404.html with status 404. */
export function serve(root: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const send = (status: number, body: Buffer | string, type: string) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    try {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const file = path.join(root, pathname);
      if (!file.startsWith(root + path.sep) && file !== root) return send(403, "Forbidden", "text/plain");
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!pathname.endsWith("/")) {
          response.writeHead(301, { location: `${pathname}/` });
          return response.end();
        }
        const index = path.join(file, "index.html");
        if (existsSync(index)) return send(200, await readFile(index), CONTENT_TYPES[".html"]);
      } else if (info?.isFile()) {
        const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
        return send(200, await readFile(file), type);
      }
      const notFound = path.join(root, "404.html");
      send(404, existsSync(notFound) ? await readFile(notFound) : "Not found", CONTENT_TYPES[".html"]);
    } catch (error) {
      send(500, String(error), "text/plain");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}
