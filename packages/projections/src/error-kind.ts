/**
 * An error's class name and stable code, if it has one: never its message, which may quote
 * saved content (a JSON parser's does) and so must not reach a log.
 */
export function errorKindOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}

/**
 * Where an error was thrown: the first frame of its stack in a file of code, not a built-in's
 * (`new Set (<anonymous>)`, `node:…`). A place, never a value.
 */
export function thrownAtOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  return error.stack
    ?.split('\n')
    .find((line) => /^\s+at /.test(line) && !/\(<anonymous>\)|\(node:|at node:/.test(line))
    ?.trim()
    .replace(/^at /, '');
}
