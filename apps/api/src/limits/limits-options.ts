/** Limits on what one request may ask of the server. */
export interface LimitsOptions {
  /** Deepest selection nesting; default 12. Introspection's `__schema` is exempt in development only. */
  readonly maxDepth: number;
  /** Most aliased fields one operation selects, counted through every fragment spread; default 20. */
  readonly maxAliases: number;
  /** Most directives one operation carries, counted through every fragment spread; default 50. */
  readonly maxDirectives: number;
  /** Most lexical tokens in one document (parser limit); default 5000. */
  readonly maxTokens: number;
  /** Highest estimated cost of one operation (lists cost `first` × their items); default 5000. */
  readonly maxCost: number;
  /** Largest request body; default 100 kB. */
  readonly maxBodyBytes: number;
  /** Longest a query or mutation may run before its remaining fields are refused; default 10 000 ms. */
  readonly executionTimeoutMs: number;
  /** Requests one authenticated user may make per window; default 300. */
  readonly rateLimitPerWindow: number;
  /** Requests without a valid token one client address may make per window; default 60. */
  readonly anonymousRateLimitPerWindow: number;
  /** The rate limits' window in ms; default 60 000. */
  readonly rateLimitWindowMs: number;
}

export const DEFAULT_LIMITS: LimitsOptions = {
  maxDepth: 12,
  maxAliases: 20,
  maxDirectives: 50,
  maxTokens: 5000,
  maxCost: 5000,
  maxBodyBytes: 100 * 1024,
  executionTimeoutMs: 10_000,
  rateLimitPerWindow: 300,
  anonymousRateLimitPerWindow: 60,
  rateLimitWindowMs: 60_000,
};
