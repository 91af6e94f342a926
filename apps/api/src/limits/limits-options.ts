/** Limits on what one request may ask of the server. */
export interface LimitsOptions {
  /** Deepest selection nesting; default 12. */
  readonly maxDepth: number;
  /** Most aliased fields in one document; default 20. */
  readonly maxAliases: number;
  /** Most lexical tokens in one document (parser limit); default 5000. */
  readonly maxTokens: number;
  /** Highest estimated cost of one operation (lists cost `first` × their items); default 5000. */
  readonly maxCost: number;
  /** Largest request body; default 100 kB. */
  readonly maxBodyBytes: number;
  /** Requests one user may make per window; default 300. */
  readonly rateLimitPerWindow: number;
  /** The rate limit's window in ms; default 60 000. */
  readonly rateLimitWindowMs: number;
}

export const DEFAULT_LIMITS: LimitsOptions = {
  maxDepth: 12,
  maxAliases: 20,
  maxTokens: 5000,
  maxCost: 5000,
  maxBodyBytes: 100 * 1024,
  rateLimitPerWindow: 300,
  rateLimitWindowMs: 60_000,
};
