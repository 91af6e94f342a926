import { readFileSync } from 'node:fs';
import type { Principal } from '@vouch/application';
import { ROLES, type Role } from '@vouch/domain';
import { createLocalJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { TOKEN_POLICY, type AuthOptions } from './auth-options';
import { AuthenticationError } from './authentication-error';

/** Who a verified token names, and until when it may be used. */
export interface Session {
  readonly principal: Principal;
  /** When the token expires (its `exp`); a session ends then, even a WebSocket one. */
  readonly expiresAt?: Date;
}

/** Turns a bearer token into the session it opens, or throws AuthenticationError. */
export type TokenVerifier = (token: string) => Promise<Session>;

const SYMMETRIC = ['HS256'];
const ASYMMETRIC = ['RS256', 'ES256'];
const MAX_TOKEN_LENGTH = 8192;
const MAX_ID_LENGTH = 256;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH ? value : undefined;

/** A whole number of seconds within bounds, or the default; a wrong setting fails at start. */
function seconds(name: string, value: number | undefined, bounds: { default: number; max: number }): number {
  if (value === undefined) return bounds.default;
  if (!Number.isInteger(value) || value < 0 || value > bounds.max)
    throw new Error(`${name} must be a whole number of seconds from 0 to ${bounds.max} (got ${value}).`);
  return value;
}

/**
 * A verifier over the configured keys. Only HS256 (with the secret) and RS256/ES256 (with
 * the public keys) are accepted: `alg: none` and any other algorithm are refused, as are
 * expired or not-yet-valid tokens, tokens of another issuer or audience, tokens without
 * `iat` or issued in the future, and tokens that live longer than the policy allows.
 */
export function createTokenVerifier(options: AuthOptions): TokenVerifier {
  const secret =
    typeof options.hs256Secret === 'string'
      ? new TextEncoder().encode(options.hs256Secret)
      : options.hs256Secret;
  if (secret !== undefined && secret.byteLength < 32) {
    throw new Error('The HS256 secret must be at least 32 bytes long.');
  }
  const jwks =
    options.jwks ?? (options.jwksFile ? JSON.parse(readFileSync(options.jwksFile, 'utf8')) : undefined);
  const publicKeys: JWTVerifyGetKey | undefined = jwks ? createLocalJWKSet(jwks) : undefined;
  if (!secret && !publicKeys)
    throw new Error('Configure an HS256 secret or public keys (JWKS) to verify tokens.');

  const claims = { user: 'sub', tenant: 'tenant', roles: 'roles', ...options.claims };
  const tolerance = seconds(
    'clockToleranceSeconds',
    options.clockToleranceSeconds,
    TOKEN_POLICY.clockTolerance,
  );
  const maxLifetime = seconds(
    'maxTokenLifetimeSeconds',
    options.maxTokenLifetimeSeconds,
    TOKEN_POLICY.maxLifetime,
  );
  const common = {
    clockTolerance: tolerance,
    requiredClaims: ['exp', 'iat'],
    // jose refuses an `iat` older than this, and one in the future (beyond the tolerance).
    maxTokenAge: maxLifetime,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
  };

  const verify = async (token: string): Promise<JWTPayload> => {
    const header = decodeAlgorithm(token);
    if (secret && SYMMETRIC.includes(header)) {
      return (await jwtVerify(token, secret, { ...common, algorithms: SYMMETRIC })).payload;
    }
    if (publicKeys && ASYMMETRIC.includes(header)) {
      return (await jwtVerify(token, publicKeys, { ...common, algorithms: ASYMMETRIC })).payload;
    }
    throw new AuthenticationError('The token is signed with an algorithm this server does not accept.');
  };

  return async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthenticationError('The token is too long.');
    let payload: JWTPayload;
    try {
      payload = await verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError('The token is invalid or expired.');
    }
    // A token minted to live for years (exp in 3000) is refused even while it is young.
    if ((payload.exp ?? Infinity) - (payload.iat ?? -Infinity) > maxLifetime)
      throw new AuthenticationError('The token lives longer than this server allows.');
    const userId = text(payload[claims.user]);
    const tenantId = text(payload[claims.tenant]);
    if (!userId || !tenantId) throw new AuthenticationError('The token names no user or no tenant.');
    const claimed = payload[claims.roles];
    const roles = (Array.isArray(claimed) ? claimed : []).filter((role): role is Role =>
      (ROLES as readonly unknown[]).includes(role),
    );
    return {
      principal: { tenantId, userId, roles: [...new Set(roles)] },
      ...(payload.exp !== undefined ? { expiresAt: new Date(payload.exp * 1000) } : {}),
    };
  };
}

function decodeAlgorithm(token: string): string {
  const [encodedHeader] = token.split('.');
  try {
    const header: unknown = JSON.parse(Buffer.from(encodedHeader ?? '', 'base64url').toString('utf8'));
    if (header && typeof header === 'object' && 'alg' in header && typeof header.alg === 'string')
      return header.alg;
  } catch {
    // falls through: not a JWT
  }
  throw new AuthenticationError('The token is not a signed JWT.');
}
