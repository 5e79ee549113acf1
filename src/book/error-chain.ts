/**
 * An error and the errors it wraps: a build's failure reaches the commands wrapped by Eleventy
 * (`originalError`) and by standard causes (`cause`), the problem itself innermost.
 */

/** An error and those it wraps, outermost first: each one's `originalError`, or else its `cause`. */
export function errorChain(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let e = error; e instanceof Error && !chain.includes(e); e = wrapped(e)) chain.push(e);
  return chain;
}

/** The messages of an error and of the errors it wraps, outermost first. */
export function errorMessages(error: unknown): string[] {
  return errorChain(error).map((e) => e.message);
}

function wrapped(error: Error): unknown {
  return ("originalError" in error ? error.originalError : undefined) ?? error.cause;
}
