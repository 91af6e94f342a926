// unique_violation (two appends of one event id to different streams), serialization
// failure and deadlock: the append is replanned from what is now committed.
const RETRYABLE = new Set(['23505', '40001', '40P01']);

/** Whether the database refused for a race it detected, so replanning from a fresh read may succeed. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && RETRYABLE.has(code);
}
