/** How long to wait before retry `attempt` (1 = after the first failure). */
export interface BackoffPolicy {
  /** Default 500 ms. */
  readonly baseMs?: number;
  /** Default 5 minutes. */
  readonly maxMs?: number;
}

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so
 * receivers recovering from an outage are not hit by every sender at the same instant.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = {},
  random: () => number = Math.random,
): number {
  const base = policy.baseMs ?? 500;
  const cap = policy.maxMs ?? 300_000;
  const exponential = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
