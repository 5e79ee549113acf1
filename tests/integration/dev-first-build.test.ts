import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "../helpers/cli.js";
import { portToName, servedAt, startDevServer, type RunningDevServer } from "../helpers/dev-server.js";

/** Chapters added to the fixture's book, so that its first build takes a while. */
const EXTRA_CHAPTERS = 120;

/** What one request answered, and whether the first build had finished when it was sent. */
interface Answer {
  status: number;
  html: string;
  sentBeforeBuilt: boolean;
}

describe("npm start, while its first build runs", { timeout: 120_000 }, () => {
  let dir: string;
  let server: RunningDevServer;
  let chapter: Answer;
  let print: Answer;

  beforeAll(async () => {
    dir = await copyFixture("small-book");
    for (let n = 3; n < 3 + EXTRA_CHAPTERS; n++) {
      const text = [
        "---",
        `title: Bed number ${n}`,
        "description: One more bed.",
        "status: green",
        "category: educational",
        "book: garden",
        `chapter: ${n}`,
        "---",
        "",
        "## Digging",
        "",
        `Bed ${n} is dug in spring, then raked level and watered.`,
        "",
      ].join("\n");
      await writeFile(path.join(dir, "pages", `garden-chapter-${n}.md`), text);
    }
    // The port is named, not 0: the test asks for pages before the server says where it serves.
    const port = await portToName();
    server = startDevServer(dir, ["--port", String(port)]);
    const built = () => server.output().includes("Wrote");
    // As soon as the server accepts a connection: the first build has not written its pages yet.
    const ask = async (url: string): Promise<Answer | undefined> => {
      const sentBeforeBuilt = !built();
      const response = await fetch(`http://127.0.0.1:${port}${url}`).catch(() => undefined);
      return response && { status: response.status, html: await response.text(), sentBeforeBuilt };
    };
    for (let tries = 0; tries < 3000 && !chapter && server.process.exitCode === null; tries++) {
      [chapter, print] = (await Promise.all([ask("/pages/garden-chapter-1/"), ask("/pages/garden/print/")])) as [
        Answer,
        Answer,
      ];
      if (!chapter) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await servedAt(server);
  });
  afterAll(async () => {
    server?.stop();
    await server?.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it("listens before the build has written the pages", () => {
    expect(chapter.sentBeforeBuilt).toBe(true);
    expect(print.sentBeforeBuilt).toBe(true);
  });

  it("answers a chapter asked for meanwhile with the page as built, not a missing page", () => {
    expect(chapter.status).toBe(200);
    expect(chapter.html).toContain("<title>Soil");
    expect(chapter.html).toContain("</html>");
  });

  it("answers the book's print page, written last, with every chapter in it", () => {
    expect(print.status).toBe(200);
    expect(print.html).toContain("Bed number 3");
    expect(print.html).toContain(`Bed number ${2 + EXTRA_CHAPTERS}`);
    expect(print.html).toContain("</html>");
  });
});
