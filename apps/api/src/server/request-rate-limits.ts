import type { Principal } from '@vouch/application';
import type { LimitsOptions } from '../limits/limits-options';
import { RateLimitError } from './rate-limit-error';
import { RateLimiter, type RateLimit, type RateLimitFactory } from './rate-limiter';

/** The two rate limits of the API: per verified user, and per client address for the rest. */
export interface RequestRateLimits {
  readonly perUser: RateLimit;
  readonly perAddress: RateLimit;
  /**
   * Verifies the caller and charges the right bucket: the user's once the token verifies,
   * the client address's when it does not (no token, a bad one) — so a flood of requests
   * without valid credentials is held back too. Throws RateLimitError (429) or the
   * verifier's AuthenticationError (401).
   */
  authenticate(address: string, verify: () => Promise<Principal>): Promise<Principal>;
}

/** In memory, per instance: behind a load balancer each instance enforces its limits alone. */
export const inMemoryRateLimits: RateLimitFactory = (_name, limit, windowMs) =>
  new RateLimiter(limit, windowMs);

/** The per-user and per-address limiters over the configured limits, kept where `store` keeps them. */
export function requestRateLimits(
  limits: LimitsOptions,
  store: RateLimitFactory = inMemoryRateLimits,
): RequestRateLimits {
  const perUser = store('user', limits.rateLimitPerWindow, limits.rateLimitWindowMs);
  const perAddress = store('address', limits.anonymousRateLimitPerWindow, limits.rateLimitWindowMs);
  return {
    perUser,
    perAddress,
    async authenticate(address, verify) {
      let principal: Principal;
      try {
        principal = await verify();
      } catch (error) {
        const decision = await perAddress.take(address);
        if (!decision.allowed) throw new RateLimitError(decision.retryAfterSeconds);
        throw error;
      }
      const decision = await perUser.take(userKey(principal));
      if (!decision.allowed) throw new RateLimitError(decision.retryAfterSeconds);
      return principal;
    },
  };
}

/** The per-user bucket's key: users are unique within their tenant only. */
export const userKey = (principal: Principal): string => `${principal.tenantId}\u0000${principal.userId}`;
