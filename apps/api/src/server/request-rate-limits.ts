import type { Principal } from '@vouch/application';
import type { LimitsOptions } from '../limits/limits-options';
import { RateLimitError } from './rate-limit-error';
import { RateLimiter } from './rate-limiter';

/** The two rate limits of the API: per verified user, and per client address for the rest. */
export interface RequestRateLimits {
  readonly perUser: RateLimiter;
  readonly perAddress: RateLimiter;
  /**
   * Verifies the caller and charges the right bucket: the user's once the token verifies,
   * the client address's when it does not (no token, a bad one) — so a flood of requests
   * without valid credentials is held back too. Throws RateLimitError (429) or the
   * verifier's AuthenticationError (401).
   */
  authenticate(address: string, verify: () => Promise<Principal>): Promise<Principal>;
}

/** The per-user and per-address limiters over the configured limits. */
export function requestRateLimits(limits: LimitsOptions): RequestRateLimits {
  const perUser = new RateLimiter(limits.rateLimitPerWindow, limits.rateLimitWindowMs);
  const perAddress = new RateLimiter(limits.anonymousRateLimitPerWindow, limits.rateLimitWindowMs);
  return {
    perUser,
    perAddress,
    async authenticate(address, verify) {
      let principal: Principal;
      try {
        principal = await verify();
      } catch (error) {
        const decision = perAddress.take(address);
        if (!decision.allowed) throw new RateLimitError(decision.retryAfterSeconds);
        throw error;
      }
      const decision = perUser.take(userKey(principal));
      if (!decision.allowed) throw new RateLimitError(decision.retryAfterSeconds);
      return principal;
    },
  };
}

/** The per-user bucket's key: users are unique within their tenant only. */
export const userKey = (principal: Principal): string => `${principal.tenantId}\u0000${principal.userId}`;
