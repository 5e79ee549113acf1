/**
 * Every place Minibooks reaches past the documented API of a dependency: Eleventy 3.1's config
 * timings, writer, template map, path utilities, dev server, error handler and file list, chokidar's
 * events and options, and Node's HTTP server and responses as Eleventy's dev server uses them. Each
 * member relied on is listed in `RELIED_ON` and checked before it is touched;
 * tests/integration/private-members.test.ts checks every one on the installed versions.
 */
import type { Server, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type Eleventy from "@11ty/eleventy";
import { ELEVENTY_RANGE, type EleventyConfig } from "./config-types.js";
import { keptAnswers } from "./kept-answers.js";

/** What a member relied on is: a function of so many arguments, or a value of a `typeof` kind. */
type Kind = number | "object" | "boolean" | "string";

/** Each owner Minibooks reaches into, and the members it relies on there. */
export const RELIED_ON = {
  "Eleventy's config": { benchmarkManager: "object" },
  "Eleventy's config benchmarks": { get: 1 },
  "Eleventy's configuration timings": { setIsVerbose: 1 },
  Eleventy: { write: 0 },
  "Eleventy's writer": { _generateTemplate: 2, _templatePathCache: "object" },
  "Eleventy's writer, building": { templateMap: "object" },
  "Eleventy's template map": { map: "object" },
  "an entry of Eleventy's template map": { inputPath: "string", template: "object", _pages: "object" },
  "an Eleventy template": {
    isDryRun: "boolean",
    isRenderable: 0,
    setRenderableOverride: 1,
    setDryRunViaIncremental: 1,
    resetCaches: 1,
  },
  "an Eleventy template once rendered": { _cacheRenderedTransformsAndLayoutsPromise: "object" },
  "Eleventy's path utilities": { getWorkingDir: 0, normalize: 1, join: 0, absolutePath: 0, relativePath: 1 },
  "Eleventy's file list": { getFiles: 0 },
  "Eleventy's error handler": { warn: 2, error: 2, fatal: 2 },
  "Eleventy's dev server": { init: 0, initServerInstance: 0 },
  "Eleventy's dev server instance": { server: "object", ready: 0 },
  "chokidar's watcher": { emit: 1, getWatched: 0, options: "object" },
  "Node's HTTP server": { listen: 0, address: 0 },
  "Node's HTTP response": { end: 3 },
} satisfies Record<string, Record<string, Kind>>;

/** An owner of members Minibooks relies on, by the name `RELIED_ON` gives it. */
export type Owner = keyof typeof RELIED_ON;

/** The members of `owner` that `value` lacks, or holds as another kind, each as one line; none when all are there. */
export function missingMembers(value: unknown, owner: Owner): string[] {
  const members: Record<string, Kind> = RELIED_ON[owner];
  return Object.entries(members).flatMap(([name, kind]) => {
    const member = memberOf(value, name);
    const found = member === null ? "null" : typeof member;
    const wanted = typeof kind === "number" ? "function" : kind;
    if (found === wanted && (typeof kind !== "number" || (typeof member === "function" && member.length === kind)))
      return [];
    const expected = typeof kind === "number" ? `a function of ${kind} argument(s)` : `${article(kind)} ${kind}`;
    const shape = typeof member === "function" ? `a function of ${member.length} argument(s)` : found;
    return [`${owner}: ${name} is ${shape}, where Minibooks relies on ${expected}`];
  });
}

/** A member of `value` by name; undefined when `value` holds none, or reading it fails (a getter that throws). */
function memberOf(value: unknown, name: string): unknown {
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return undefined;
  try {
    return Reflect.get(value, name);
  } catch {
    return undefined;
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

/** Fails with the members missing, and what to do, when `value` lacks what Minibooks relies on. */
function need(value: unknown, owner: Owner): void {
  const missing = missingMembers(value, owner);
  if (missing.length === 0) return;
  throw new Error(
    `${missing.join("; ")}. An installed dependency changed a part Minibooks reaches into: install the versions ` +
      `package-lock.json names (Eleventy ${ELEVENTY_RANGE}), or update src/eleventy/private-members.ts.`,
  );
}

/** Eleventy's own parts, as far as Minibooks reaches them. */
interface EleventyParts {
  writer: TemplateWriter;
  eleventyFiles: { getFiles(): Promise<unknown> };
  eleventyServe: {
    init(): Promise<void>;
    initServerInstance(): Promise<void>;
    /** @11ty/eleventy-dev-server, whose `server` is the Node HTTP server. */
    server: { server: Server; ready(): Promise<void> };
  };
  errorHandler: Record<"warn" | "error" | "fatal", (error: unknown, message?: string) => void>;
  write(): Promise<unknown>;
  /** The file watcher (chokidar), once `watch()` resolved. */
  watcher?: Watcher;
}

/** Eleventy's writer: renders and writes each input file's pages. */
interface TemplateWriter {
  /** Renders and writes one input file's pages; the write step starts it for every file at once. */
  _generateTemplate(entry: TemplateMapEntry, to: unknown): Promise<unknown>;
  /** Each input file's template, kept from build to build. */
  _templatePathCache: Map<string, unknown>;
  templateMap: { map: TemplateMapEntry[] };
}

/** An input file of Eleventy's template map, its template and its pages. */
interface TemplateMapEntry {
  inputPath: string;
  template: Template;
  _pages?: { url: string | false; template: Template }[];
}

/** How Eleventy 3.1 marks a template to render and write, or to skip, in an incremental build. */
interface Template {
  isDryRun: boolean;
  isRenderable(): boolean;
  setRenderableOverride(override: undefined): void;
  setDryRunViaIncremental(dryRun: boolean): void;
  resetCaches(types: { render: boolean }): void;
  /** The page with its layouts and transforms, kept from its last render; its content is kept apart. */
  _cacheRenderedTransformsAndLayoutsPromise?: unknown;
}

/** chokidar's watcher, as far as Minibooks reads it. */
export interface Watcher {
  on(event: "unlink" | "unlinkDir", listener: (file: string) => void): void;
  emit(event: string, ...args: unknown[]): boolean;
  /** Each watched folder (relative to `options.cwd` when set) with the names watched in it. */
  getWatched(): Record<string, string[]>;
  readonly options: { cwd?: string };
}

function partsOf(eleventy: Eleventy): EleventyParts {
  // Eleventy's declarations (src/types/eleventy.d.ts) hold its public API only: these parts are
  // declared here, each checked where it is touched, and all by tests/integration/private-members.test.ts.
  return eleventy as unknown as EleventyParts;
}

/**
 * Keeps Eleventy's note that a part of its configuration took long ("[11ty] Benchmark ...") out of
 * the output: quiet mode silences every other such note, but this group is made before quiet mode
 * applies. Only a note is at stake, so a version without the group is left as it is.
 */
export function quietConfigurationTimings(eleventyConfig: EleventyConfig): void {
  const timings: unknown = Reflect.get(eleventyConfig, "benchmarkManager");
  if (missingMembers(timings, "Eleventy's config benchmarks").length > 0) return;
  // Each cast follows the check of the member it calls: Eleventy's config has no types to read.
  const group: unknown = (timings as { get(name: string): unknown }).get("Configuration");
  if (missingMembers(group, "Eleventy's configuration timings").length > 0) return;
  (group as { setIsVerbose(verbose: boolean): void }).setIsVerbose(false);
}

/**
 * Runs every start of an input file's render-and-write (the writer's `_generateTemplate`, which
 * the write step starts for every file at once) through `around`, which starts it when it will.
 */
export function aroundTemplateWrites(
  eleventy: Eleventy,
  around: (generate: () => Promise<unknown>) => Promise<unknown>,
  { forget = false }: { forget?: boolean } = {},
): void {
  const { writer } = partsOf(eleventy);
  need(writer, "Eleventy's writer");
  const generate = writer._generateTemplate.bind(writer);
  // Of the same arity as Eleventy's, which calls it with a template map entry and where to write.
  writer._generateTemplate = async (entry, to) => {
    const written = await around(() => generate(entry, to));
    if (forget) forgetWritten(entry, written);
    return written;
  };
}

/**
 * Lets go of the finished HTML Eleventy keeps of each page it has written, on its template and in
 * what its write returns, for a build that writes every page once and reads back only their URLs:
 * at 8000 chapters, a few hundred megabytes.
 */
function forgetWritten(entry: TemplateMapEntry, written: unknown): void {
  need(entry, "an entry of Eleventy's template map");
  for (const page of entry._pages ?? []) delete page.template._cacheRenderedTransformsAndLayoutsPromise;
  for (const result of [written].flat(2)) {
    if (typeof result === "object" && result !== null && "content" in result) Reflect.set(result, "content", undefined);
  }
}

/**
 * Drops Eleventy's templates kept from earlier builds (its writer keeps one per input file, with
 * what it read, its renderer and its rendered content), so the next build makes each anew.
 */
export function forgetTemplates(eleventy: Eleventy): void {
  const { writer } = partsOf(eleventy);
  need(writer, "Eleventy's writer");
  writer._templatePathCache.clear();
}

/** Lists the build's input files, as Eleventy does before it builds; watching starts from that list. */
export async function listInputFiles(eleventy: Eleventy): Promise<unknown> {
  const { eleventyFiles } = partsOf(eleventy);
  need(eleventyFiles, "Eleventy's file list");
  return eleventyFiles.getFiles();
}

/** A page of an input file in Eleventy's current build, with the switches of its incremental build. */
export interface TemplatePage {
  url: string | false;
  /** The page is rendered by its file's own template (not by a copy made for one paginated page). */
  ownTemplate: boolean;
  /** It is rendered and written in this build. */
  written(): boolean;
  /** Leaves the page out of its file's writing, once the file is switched on. */
  skip(): void;
  /** Renders and writes it: anew, or only its layouts again over its content as last rendered. */
  write(content: "anew" | "kept"): void;
}

/** An input file of Eleventy's current build, with the switches of its incremental build. */
export interface TemplateFile {
  inputPath: string;
  /** Its template renders and writes in this build. */
  written(): boolean;
  /** Switches its template on, to render and write the pages not skipped. */
  write(): void;
  pages: TemplatePage[];
}

/** The input files of Eleventy's current build, once its template map is made (`eleventy.contentMap`). */
export function templateFiles(eleventy: Eleventy): TemplateFile[] {
  const { writer } = partsOf(eleventy);
  need(writer, "Eleventy's writer, building");
  need(writer.templateMap, "Eleventy's template map");
  const written = (template: Template) => template.isRenderable() && !template.isDryRun;
  return writer.templateMap.map.map((entry) => {
    need(entry.template, "an Eleventy template");
    return {
      inputPath: entry.inputPath,
      written: () => written(entry.template),
      write: () => {
        entry.template.setRenderableOverride(undefined);
        entry.template.setDryRunViaIncremental(false);
      },
      pages: (entry._pages ?? []).map((page) => ({
        url: page.url,
        ownTemplate: page.template === entry.template,
        written: () => written(page.template),
        skip: () => {
          page.template.isRenderable = () => false;
        },
        write: (content) => {
          page.template.setDryRunViaIncremental(false);
          if (content === "kept") delete page.template._cacheRenderedTransformsAndLayoutsPromise;
          else page.template.resetCaches({ render: true });
        },
      })),
    };
  });
}

/** The path functions of Eleventy's utilities that a dev server's rebuild calls most. */
interface PathForms {
  getWorkingDir(): string;
  normalize(thePath: string): string;
  join(...paths: string[]): string;
  absolutePath(...paths: string[]): string;
  relativePath(absolutePath: string): string;
}

/** Marks Eleventy's path utilities once their answers are kept. */
const PATH_FORMS_KEPT = Symbol.for("minibooks: path forms kept");

/**
 * Keeps the answers of Eleventy's path functions. Each rebuild asks, for every template, whether
 * the saved file is one of its dependencies, and builds the order of the templates; both turn the
 * same paths into working-folder-relative, absolute and normalised forms many thousands of times,
 * about a tenth of a save's time at 1000 pages. The answers depend on the path and the working
 * folder only, so each is computed once per working folder. Eleventy's own copy of its utilities
 * is the one changed, and marked so that it is changed once.
 */
export function keepPathForms(): void {
  const fromEleventy = createRequire(import.meta.resolve("@11ty/eleventy"));
  const utilities: unknown = fromEleventy("@11ty/eleventy-utils");
  const forms: unknown =
    typeof utilities === "object" && utilities ? Reflect.get(utilities, "TemplatePath") : undefined;
  if (typeof forms === "function" && Reflect.get(forms, PATH_FORMS_KEPT)) return;
  need(forms, "Eleventy's path utilities");
  // Checked just above: the utilities are plain JavaScript, with no types to read.
  const TemplatePath = forms as PathForms & { [PATH_FORMS_KEPT]?: true };
  TemplatePath[PATH_FORMS_KEPT] = true;
  TemplatePath.getWorkingDir = keptAnswers(TemplatePath.getWorkingDir, true);
  TemplatePath.normalize = keptAnswers(TemplatePath.normalize, false);
  TemplatePath.join = keptAnswers(TemplatePath.join, false);
  TemplatePath.absolutePath = keptAnswers(TemplatePath.absolutePath, true);
  TemplatePath.relativePath = keptAnswers(TemplatePath.relativePath, true);
}

/** Hands Eleventy's warnings and failures to `report` instead of its own printed report. */
export function reportErrors(
  eleventy: Eleventy,
  report: { warn(error: unknown): void; error(error: unknown): void },
): void {
  const { errorHandler } = partsOf(eleventy);
  need(errorHandler, "Eleventy's error handler");
  errorHandler.warn = (error) => report.warn(error);
  errorHandler.error = errorHandler.fatal = (error) => report.error(error);
}

/**
 * Leaves out the report Eleventy writes of a failure or warning (which reads the whole message of
 * an error that lists a hundred thousand problems) for a build whose logger prints nothing and
 * whose caller reports what failed; a fatal failure still sets the exit code.
 */
export function leaveErrorsUnreported(eleventy: Eleventy): void {
  const { errorHandler } = partsOf(eleventy);
  need(errorHandler, "Eleventy's error handler");
  errorHandler.warn = () => undefined;
  errorHandler.error = () => undefined;
}

/** Runs each of Eleventy's writes of the site, the watcher's rebuilds among them, through `around`. */
export function aroundEveryWrite(
  eleventy: Eleventy,
  around: (write: () => Promise<unknown>) => Promise<unknown>,
): void {
  const parts = partsOf(eleventy);
  need(parts, "Eleventy");
  const write = parts.write.bind(eleventy);
  parts.write = () => around(write);
}

/**
 * Starts Eleventy's dev server on `host` and `port` only, and resolves to the port it listens on:
 * Eleventy's server listens on every interface, and takes port 0 for its default, 8080, where 0
 * asks the system for a free port.
 */
export async function serveAt(eleventy: Eleventy, host: string, port: number): Promise<number> {
  const { eleventyServe } = partsOf(eleventy);
  need(eleventyServe, "Eleventy's dev server");
  await eleventyServe.init();
  await eleventyServe.initServerInstance();
  need(eleventyServe.server, "Eleventy's dev server instance");
  const http = eleventyServe.server.server;
  need(http, "Node's HTTP server");
  const listen = http.listen.bind(http);
  // The dev server listens with an options object: the same, on our host and port. The cast gives
  // the one shape it calls the type of `listen`, whose overloads a single function cannot spell.
  http.listen = ((options: object) => listen({ ...options, host, port })) as typeof http.listen;
  await eleventy.serve(port);
  await eleventyServe.server.ready();
  const address = http.address();
  if (typeof address !== "object" || address === null)
    throw new Error(`The dev server listens at ${address}, not on a port.`);
  return address.port;
}

/** chokidar's watcher of a watching Eleventy, once `watch()` resolved. */
export function watcherOf(eleventy: Eleventy): Watcher {
  const { watcher } = partsOf(eleventy);
  need(watcher, "chokidar's watcher");
  // Checked just above, with `options` an object.
  return watcher as Watcher;
}

/**
 * Runs every event the watcher tells its listeners (Eleventy's among them) through `around`, which
 * hands it on (with `emit`, as it is or changed), holds it, or drops it.
 */
export function aroundWatcherEvents(
  watcher: Watcher,
  around: (emit: (event: string, ...args: unknown[]) => boolean, event: string, ...args: unknown[]) => boolean,
): void {
  need(watcher, "chokidar's watcher");
  const emit = watcher.emit.bind(watcher);
  watcher.emit = (event, ...args) => around(emit, event, ...args);
}

/** The folder a watcher was told to name files relative to (its `cwd`); undefined when it names them as found. */
export function watcherFolder(watcher: Watcher): string | undefined {
  need(watcher, "chokidar's watcher");
  return watcher.options.cwd;
}

/** Has `response` send what `change` makes of each body it is ended with (a string, a buffer or nothing). */
export function changeResponseBody(response: ServerResponse, change: (body: unknown) => unknown): void {
  need(response, "Node's HTTP response");
  // `end` is overloaded (body, encoding, callback in any of three shapes), which a single function
  // cannot spell: each call is handed on as it came, its body changed.
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.end = ((body?: unknown, ...rest: unknown[]) => end(change(body), ...rest)) as typeof response.end;
}
