/** How many answers a function keeps before it starts again from none. */
const MOST_KEPT = 100_000;

/**
 * `compute` keeping its answers, by its arguments (paths): each is computed once, and once again
 * after the working folder changed when `byFolder` (the answer depends on it). Anything but strings
 * is left to `compute` itself.
 */
export function keptAnswers<Args extends string[]>(
  compute: (...args: Args) => string,
  byFolder: boolean,
): (...args: Args) => string {
  let kept = new Map<string, string>();
  let folder = process.cwd();
  return (...args: Args): string => {
    if (!args.every((arg) => typeof arg === "string")) return compute(...args);
    if ((byFolder && process.cwd() !== folder) || kept.size >= MOST_KEPT) {
      kept = new Map();
      folder = process.cwd();
    }
    const key = args.length === 1 ? args[0] : args.join("\0");
    let answer = kept.get(key);
    if (answer === undefined) {
      answer = compute(...args);
      kept.set(key, answer);
    }
    return answer;
  };
}
