/**
 * An error's class name and stable code, if it has one: never its message, which may quote
 * saved content (a JSON parser's does) and so must not reach a log.
 */
export function errorKindOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' ? `${error.name} ${code}` : error.name;
}
