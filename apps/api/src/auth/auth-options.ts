import type { JSONWebKeySet } from 'jose';

/**
 * How bearer tokens are verified. Give a shared secret (HS256), public keys (RS256/ES256), or
 * both. The defaults are safe: 5 s of clock tolerance, tokens living at most 24 h, `iat`
 * required and never in the future.
 */
export interface AuthOptions {
  /** Shared secret for HS256 tokens, at least 32 bytes. */
  readonly hs256Secret?: string | Uint8Array;
  /** Public keys for RS256/ES256 tokens, as a JWKS document. */
  readonly jwks?: JSONWebKeySet;
  /** Path of a JWKS file to read the public keys from (alternative to `jwks`). */
  readonly jwksFile?: string;
  /** Required `iss`, when set. */
  readonly issuer?: string;
  /** Required `aud`, when set. */
  readonly audience?: string;
  /** Clock skew tolerated on `exp`/`nbf`/`iat`, in seconds: 0 to 60, default 5. */
  readonly clockToleranceSeconds?: number;
  /** The longest a token may live (`exp` − `iat`), in seconds: at most 7 days, default 24 h. */
  readonly maxTokenLifetimeSeconds?: number;
  /** Claim names; defaults: user `sub`, tenant `tenant`, roles `roles`. */
  readonly claims?: { readonly user?: string; readonly tenant?: string; readonly roles?: string };
}

/** The token policy's defaults and bounds, in seconds. */
export const TOKEN_POLICY = {
  clockTolerance: { default: 5, max: 60 },
  maxLifetime: { default: 24 * 3600, max: 7 * 24 * 3600 },
} as const;
