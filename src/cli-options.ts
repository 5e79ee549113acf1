import { parseArgs, type ParseArgsConfig } from "node:util";

/** What node's `parseArgs` returns for a command's options. */
type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/**
 * Reads a command's arguments (`process.argv` after the command's name) with node's `parseArgs`.
 * `--help` or `-h` prints `usage` and exits 0; an unknown option, a missing value or an argument
 * the command does not take prints one line that says which, then `usage`, and exits 2.
 */
export function commandOptions<T extends ParseArgsConfig>(command: string, usage: string, config: T): Parsed<T> {
  const options = { ...config.options, help: { type: "boolean", short: "h" } } as const;
  let parsed: Parsed<T>;
  // parseArgs types its answer by the options it is given: those of T and `help`, read here as T's
  // (the casts), with `help` read on its own below.
  try {
    parsed = parseArgs({ args: process.argv.slice(2), ...config, options, strict: true }) as Parsed<T>;
  } catch (error) {
    console.error(`${command}: ${argumentError(error)}\n\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** What is wrong with the arguments, in one line: node's message names the option in quotes. */
function argumentError(error: unknown): string {
  // parseArgs throws errors with a code; anything else is told as it is.
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && "code" in error ? error.code : undefined;
  const named = /'([^']*)'/.exec(message)?.[1];
  // "-p, --port <value>": the long name.
  const option = named?.match(/--[\w-]+/)?.[0] ?? named?.split(" ")[0];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (message.includes("ambiguous")) {
        return `${option} needs a value; write a value that starts with a dash as ${option}=<value>.`;
      }
      return named?.includes("<value>") ? `${option} needs a value.` : `${option} takes no value.`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument "${named}".`;
    default:
      return message.split("\n")[0];
  }
}
