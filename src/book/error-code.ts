/** The code Node gives an error (`ENOENT`, `EEXIST`, `ERR_PARSE_ARGS_UNKNOWN_OPTION`), or undefined for any other value. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

/** The first line of what was thrown: an error's message, or the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
