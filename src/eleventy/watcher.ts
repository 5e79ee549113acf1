/**
 * The dev server's file watcher (chokidar, through Eleventy): saves held while a build runs, files
 * named from the working folder, and the moment it watches every file.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { aroundWatcherEvents, type Watcher, watcherFolder } from "./private-members.js";

/** The file events a watcher hands on: those that say a file or folder was saved, added or removed. */
const FILE_EVENTS: ReadonlySet<string> = new Set(["add", "addDir", "change", "unlink", "unlinkDir"]);

/** Saves held while a build runs: `hold` as a build starts, `release` once it is over. */
export interface HeldSaves {
  hold(): void;
  release(): void;
  /** Starts holding the file events of `watcher` while a build runs. */
  watch(watcher: Watcher): void;
}

/**
 * Keeps the watcher's file events from Eleventy while a build runs, and hands them on, in order, once
 * it is over. Eleventy answers each event at once, even mid-build, by dropping the layouts and
 * templates it has cached; a build that is using one at that moment fails ("Cannot read properties
 * of undefined (reading 'engine')"), at random, when saves come faster than builds end. Held, the
 * saves of a build's time make the next build, as Eleventy's queue would have made them.
 */
export function heldDuringBuilds(): HeldSaves {
  let holding = false;
  const held: (() => void)[] = [];
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const event of held.splice(0)) event();
    },
    watch: (watcher) =>
      aroundWatcherEvents(watcher, (emit, event, ...args) => {
        if (!holding || !FILE_EVENTS.has(event)) return emit(event, ...args);
        held.push(() => emit(event, ...args));
        return true;
      }),
  };
}

/**
 * Resolves once the watcher watches each of `targets` (files, and folders with every file in them),
 * or after `limit` ms. chokidar says it is ready once it holds the folders it was given, before it
 * has looked inside them: a page saved in that moment would go unseen, and stay stale until saved
 * again. A folder's own watch (which sees new files) starts just after its files', hence one more
 * look once all are there.
 */
export async function watchingEverything(watcher: Watcher, targets: string[], limit = 10_000): Promise<void> {
  const expected = new Map<string, Set<string>>();
  const expect = (file: string) => {
    const folder = path.dirname(file);
    expected.set(folder, (expected.get(folder) ?? new Set()).add(path.basename(file)));
  };
  for (const target of targets) {
    const entries = await readdir(target, { recursive: true, withFileTypes: true }).catch(() => undefined);
    if (!entries) {
      const isFile = await stat(target)
        .then((found) => found.isFile())
        .catch(() => false);
      if (isFile) expect(target);
      continue;
    }
    expected.set(target, expected.get(target) ?? new Set());
    for (const entry of entries) {
      const file = path.join(entry.parentPath, entry.name);
      if (entry.isDirectory()) expected.set(file, expected.get(file) ?? new Set());
      else expect(file);
    }
  }
  const from = watcherFolder(watcher) ?? process.cwd();
  const watchesAll = () => {
    const watched = new Map(
      Object.entries(watcher.getWatched()).map(([folder, names]) => [path.resolve(from, folder), new Set(names)]),
    );
    return [...expected].every(([folder, names]) => {
      const seen = watched.get(folder);
      return seen !== undefined && [...names].every((name) => seen.has(name));
    });
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  for (const started = Date.now(); !watchesAll() && Date.now() - started < limit; ) await pause();
  await pause();
}

/**
 * When the layouts lie outside the working folder (a book kept apart from Minibooks' code), Eleventy
 * watches from a common parent folder and its watcher names files relative to that parent, which
 * Eleventy then reads as relative to the working folder: a new file is not found and a deleted one
 * not forgotten. Every event is told with the path relative to the working folder instead.
 */
export function namePathsFromWorkingFolder(watcher: Watcher): void {
  const from = watcherFolder(watcher);
  if (!from) return;
  aroundWatcherEvents(watcher, (emit, event, file, ...rest) =>
    emit(event, typeof file === "string" ? path.relative(process.cwd(), path.resolve(from, file)) : file, ...rest),
  );
}
