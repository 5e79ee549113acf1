/**
 * Eleventy's dev server as Minibooks runs it: builds, watches and serves, with partial builds after
 * a save of one page, and what Eleventy 3.1 does not do itself (see `serveEleventy`).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import type { EleventyConfig } from "./config-types.js";
import { type Middleware, refuseClimbing, wholeBookFiles } from "./dev-middleware.js";
import { devServerParts, pageSaves, writeAlso } from "./partial-builds.js";
import {
  aroundEveryWrite,
  forgetTemplates,
  keepPathForms,
  listInputFiles,
  quietConfigurationTimings,
  reportErrors,
  serveAt,
  templateFiles,
  watcherOf,
} from "./private-members.js";
import type { RunOptions } from "./run-eleventy.js";
import { heldDuringBuilds, namePathsFromWorkingFolder, watchingEverything } from "./watcher.js";

/** What the dev server needs: folders, where to listen, and who hears how each build ended. */
export interface ServeOptions extends RunOptions {
  port: number;
  host: string;
  /**
   * Called once per failed build with what Eleventy caught, instead of Eleventy's own report, and
   * the URLs of the pages shown as they were at their last good save.
   */
  report: (error: unknown, kept: readonly string[]) => void;
  /** Called once per build that wrote the site with no problem. */
  built?: () => void;
  /** Called with what went wrong in a build that goes on (a file that could not be copied). */
  warn?: (error: unknown) => void;
  /** Handlers of the dev server's own requests, asked before the site's files (once the first build is over). */
  middleware?: readonly Middleware[];
}

/** A running Eleventy dev server. */
export interface ServingEleventy {
  /** The port it listens on (the one asked for, or the one the system gave for 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Builds, watches and serves with Eleventy's dev server, with what Eleventy 3.1 does not do: it
 * listens on `host` only (Eleventy's server listens on every interface), a busy port is an error
 * instead of a silent move to the next, a deleted or renamed page rebuilds the site (Eleventy
 * forgets the file but does not build again), the deleted page's output going with it, a first
 * build that fails leaves the server running, and a failed build leaves nothing behind for the next.
 */
export async function serveEleventy({
  input,
  output,
  configPath,
  port,
  host,
  report,
  built = () => undefined,
  warn = () => undefined,
  middleware = [],
}: ServeOptions): Promise<ServingEleventy> {
  // Folders relative to the working folder, as Eleventy's own command gives them: its watcher then
  // names deleted files as its file list holds them, and leaves the output folder alone.
  const relative = (folder: string) => path.relative(process.cwd(), folder) || ".";
  keepPathForms();
  const written = new Map<string, string>();
  // The server listens while the first build runs and answers once that build is over, its pages
  // written and its problems known (or it failed): never with a page missing or left over from an
  // earlier run, nor before the problems it shows.
  let firstBuilt = () => {};
  const firstBuild = new Promise<void>((resolve) => {
    firstBuilt = resolve;
  });
  const untilBuilt: Middleware = (_request, _response, next) => firstBuild.then(next);
  // The plugin's part in the dev server, once the config (the plugin included) has been read.
  let configured: EleventyConfig | undefined;
  const parts = () => devServerParts(configured);
  // After a save of one content page, Eleventy's incremental build renders that page and the plugin
  // names the pages that show what changed; any other change renders every page.
  let partial = false;
  // Whether the build that runs has written its pages (Eleventy's `eleventy.after`), and whether the
  // next one starts afresh because the last one failed before that.
  let pagesWritten = false;
  let afresh = false;
  const events = heldDuringBuilds();
  const eleventy = new Eleventy(relative(input), relative(output), {
    configPath,
    runMode: "serve",
    quietMode: true,
    config: (config) => {
      quietConfigurationTimings(config);
      configured = config;
      config.setServerOptions({
        portReassignmentRetryCount: 0,
        messageOnStart: () => false,
        middleware: [
          untilBuilt,
          refuseClimbing,
          ...middleware,
          wholeBookFiles(output, (urlPath) => parts()?.wholeBookFile(urlPath)),
        ],
      });
      config.on("eleventy.after", ({ results }) => {
        pagesWritten = true;
        for (const { inputPath, outputPath } of results)
          if (outputPath) written.set(path.resolve(inputPath), outputPath);
      });
      config.on("eleventy.beforeWatch", (queue) => {
        // Saves made from now until the build is over wait for it (see heldDuringBuilds).
        events.hold();
        const changed = parts() && !afresh ? pageSaves(queue, input) : undefined;
        if (afresh) forgetTemplates(eleventy);
        afresh = false;
        partial = changed !== undefined;
        eleventy.setIncrementalBuild(partial);
        parts()?.starting(changed);
      });
      config.on("eleventy.contentMap", () => {
        const builds = parts();
        if (partial && builds) writeAlso(templateFiles(eleventy), builds.pages());
      });
    },
  });
  reportErrors(eleventy, {
    warn: (error) => warn(error),
    // A build that fails before it writes (Eleventy's own restart, say) must not keep the saves made
    // meanwhile from the next one.
    error: (error) => {
      report(error, parts()?.kept() ?? []);
      events.release();
    },
  });

  await eleventy.init();
  const listening = await serveAt(eleventy, host, port);

  // Every build says how it ended. One that fails before its pages are written may leave Eleventy's
  // templates half made (a template's renderer never set up): the next build makes them anew and
  // renders every page. The first build's failure is reported and the server goes on serving.
  let first = true;
  aroundEveryWrite(eleventy, async (write) => {
    pagesWritten = false;
    try {
      const result = await write();
      built();
      return result;
    } catch (error) {
      if (!pagesWritten) afresh = true;
      if (!first) throw error;
      // Watching starts from the list of files the build would have made: one that stopped before
      // Eleventy listed them (a file the content may not hold, say) lists them now.
      await listInputFiles(eleventy);
      return undefined;
    } finally {
      first = false;
      firstBuilt();
      events.release();
    }
  });
  let rebuild: (file: string) => Promise<void>;
  try {
    rebuild = await eleventy.watch();
  } catch (error) {
    firstBuilt();
    await eleventy.stopWatch();
    throw error;
  }
  const watcher = watcherOf(eleventy);
  namePathsFromWorkingFolder(watcher);
  events.watch(watcher);
  const removed = async (file: string) => {
    const stale = written.get(path.resolve(file));
    written.delete(path.resolve(file));
    if (stale) await rm(path.resolve(stale), { force: true });
    await rebuild(file);
  };
  watcher.on("unlink", removed);
  watcher.on("unlinkDir", removed);

  // Saves are seen once the watcher has looked at every file: the server says it serves only then.
  await watchingEverything(watcher, [
    path.join(input, "index.md"),
    path.join(input, "pages"),
    path.join(input, "images"),
    path.resolve(eleventy.directories.includes),
  ]);
  return { port: listening, close: () => eleventy.stopWatch() };
}
