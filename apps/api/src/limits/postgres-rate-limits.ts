import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateDecision, RateLimit, RateLimitFactory } from '../server/rate-limiter';

export interface PostgresRateLimitsOptions {
  /** A `pg` Pool on the database the instances share. */
  readonly pool: unknown;
  /** The schema the `rate_limits` table goes in; default the connection's search path. */
  readonly schema?: string;
  /**
   * Turns a key (tenant and user, or a client address) into what is stored: a keyed digest,
   * so that no user id or address is kept in plain text (invariant 10). Same on every instance.
   */
  readonly digest: (key: string) => string;
}

/**
 * Rate limits that every instance on one PostgreSQL database enforces together
 * (`rate-limiter-flexible`): `limit` requests per fixed window of `windowMs` per key,
 * counted in one table, so the limit does not grow with the number of instances.
 */
export function postgresRateLimits(options: PostgresRateLimitsOptions): RateLimitFactory {
  return (name, limit, windowMs) => {
    const ready = createLimiter(options, name, limit, windowMs);
    return {
      async take(key): Promise<RateDecision> {
        const limiter = await ready;
        try {
          await limiter.consume(options.digest(key), 1);
          return { allowed: true, retryAfterSeconds: 0 };
        } catch (refusal) {
          if (!(refusal instanceof RateLimiterRes)) throw refusal;
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
        }
      },
    } satisfies RateLimit;
  };
}

// The table is created on first use by whichever instance comes first; two instances
// creating it at the same moment can make one fail, so that one tries once more.
async function createLimiter(
  options: PostgresRateLimitsOptions,
  name: string,
  limit: number,
  windowMs: number,
  attempt = 1,
): Promise<RateLimiterPostgres> {
  try {
    return await new Promise<RateLimiterPostgres>((resolve, reject) => {
      const limiter: RateLimiterPostgres = new RateLimiterPostgres(
        {
          storeClient: options.pool,
          tableName: 'rate_limits',
          ...(options.schema ? { schemaName: options.schema } : {}),
          keyPrefix: name,
          points: limit,
          duration: Math.max(1, Math.round(windowMs / 1000)),
          clearExpiredByTimeout: true,
        },
        (error?: unknown) => (error ? reject(error) : resolve(limiter)),
      );
    });
  } catch (error) {
    if (attempt >= 3) throw error;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    return createLimiter(options, name, limit, windowMs, attempt + 1);
  }
}
