import type { Tracer } from '@opentelemetry/api';
import type { Vouch } from '@vouch/application';
import type { Logger } from 'pino';
import type { AuthOptions } from '../auth/auth-options';
import type { TokenVerifier } from '../auth/token-verifier';
import type { InboundOptions } from '../inbound/inbound-options';
import type { LimitsOptions } from '../limits/limits-options';
import type { RateLimitFactory } from './rate-limiter';
import type { VouchMetrics } from '../metrics/vouch-metrics';

/** How to build the API server. Only `vouch` and `auth` are required. */
export interface ApiServerOptions {
  /** The application facade over a store. The server does not start or stop it. */
  readonly vouch: Vouch;
  /** How bearer tokens are verified: key options, or a verifier of your own. */
  readonly auth: AuthOptions | TokenVerifier;
  /**
   * `development` shows GraphiQL, allows introspection and keeps error messages unmasked;
   * `production` (the default when NODE_ENV is not `development`) does none of that.
   */
  readonly environment?: 'development' | 'production';
  /** Override any of the limits. */
  readonly limits?: Partial<LimitsOptions>;
  /** Where the rate limits count requests; default in memory per instance (see `postgresRateLimits`). */
  readonly rateLimitStore?: RateLimitFactory;
  /** Where logs go; default pino to stdout. */
  readonly logger?: Logger;
  /** Serve GraphiQL on GET /graphql to browsers; default in development only. */
  readonly graphiql?: boolean;
  /** Allow introspection; default in development only. */
  readonly introspection?: boolean;
  /** Browser origins allowed to call the API cross-origin (`https://app.example.com`); default none. */
  readonly corsOrigins?: readonly string[];
  /**
   * Express's `trust proxy`: which proxies' X-Forwarded-For names the client (for the
   * per-address rate limit and logs). `false` (default) trusts none; a hop count, or addresses/CIDRs.
   */
  readonly trustProxy?: boolean | number | string | readonly string[];
  /** Count operations and commands into these metrics and serve them on GET /metrics; default none. */
  readonly metrics?: VouchMetrics;
  /** The inbound CRM endpoint and chat intake (`/integrations/...`); default off. */
  readonly inbound?: InboundOptions;
  /**
   * Trace every GraphQL request (the caller's `traceparent` continued) and every command with
   * this tracer (`startTracing(...).tracer`); default none: no spans.
   */
  readonly tracer?: Tracer;
  /** Serve subscriptions over WebSocket (graphql-ws) on the GraphQL path; default true. */
  readonly subscriptions?: boolean;
}
