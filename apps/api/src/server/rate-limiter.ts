/** The verdict on one request. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Seconds until a request would be allowed again (0 when allowed). */
  readonly retryAfterSeconds: number;
}

/** One rate limit: charges a request to `key` and says whether it may pass. */
export interface RateLimit {
  take(key: string): RateDecision | Promise<RateDecision>;
}

/**
 * Makes the API's rate limits: `limit` requests per `windowMs` for each key, under a name
 * (`user`, `address`). The default keeps them in memory per instance; a factory over a
 * shared database makes several instances enforce one limit together.
 */
export type RateLimitFactory = (name: 'user' | 'address', limit: number, windowMs: number) => RateLimit;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key (per tenant and user): `limit` requests per `windowMs`, refilled
 * continuously, so bursts up to `limit` pass and a steady stream is held to the rate.
 * In memory, per instance: behind a load balancer each instance enforces it alone.
 */
export class RateLimiter implements RateLimit {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = limit / windowMs;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, updatedAt: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.prune(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)),
    };
  }

  /** Forgets keys whose bucket has refilled: they are as good as new. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedAt >= this.windowMs) this.buckets.delete(key);
    }
  }
}
