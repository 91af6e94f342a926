/** How often and how patiently a command is retried after losing a concurrency race. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 2, maxDelayMs: 100 };

/**
 * The pause before attempt `attempt` (1-based): exponential with full jitter, so writers
 * that collided do not collide again in lockstep.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}
