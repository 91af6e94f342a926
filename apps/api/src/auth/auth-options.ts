import type { JSONWebKeySet } from 'jose';

/** How bearer tokens are verified. Give a shared secret (HS256), public keys (RS256/ES256), or both. */
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
  /** Clock skew tolerated on `exp`/`nbf`, in seconds; default 30. */
  readonly clockToleranceSeconds?: number;
  /** Claim names; defaults: user `sub`, tenant `tenant`, roles `roles`. */
  readonly claims?: { readonly user?: string; readonly tenant?: string; readonly roles?: string };
}
