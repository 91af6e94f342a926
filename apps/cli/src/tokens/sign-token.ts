import { ROLES, type Role } from '@vouch/domain/roles';
import type { SignJWT as SignJwtClass } from 'jose';
import { ConfigError } from '../config/config-error';

// Cold start: jose's main entry loads every algorithm (83 modules, ~2 x the time); its
// `jwt/sign` subpath only what signing needs. TypeScript's node10 resolution cannot see
// subpath exports, so the subpath is required with jose's own type.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SignJWT } = require('jose/jwt/sign') as { SignJWT: typeof SignJwtClass };

/** What a development token says: who, in which tenant, with which roles. */
export interface TokenClaims {
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
  /** Lifetime in seconds; default 12 hours. */
  readonly expiresInSeconds?: number;
  /** `iss` and `aud`, for an API that requires them. */
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * Signs an HS256 JWT the API's default verifier accepts: `sub` the user, `tenant` the
 * tenant, `roles` the roles, with `iat` and `exp`.
 */
export async function signToken(claims: TokenClaims, secret: string, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    tenant: claims.tenantId,
    roles: [...claims.roles],
    ...(claims.issuer !== undefined ? { iss: claims.issuer } : {}),
    ...(claims.audience !== undefined ? { aud: claims.audience } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (claims.expiresInSeconds ?? 12 * 3600))
    .sign(new TextEncoder().encode(secret));
}

/** Parses `PROGRAM_MANAGER,ACCOUNT_OWNER` (any case, commas or spaces); throws ConfigError naming unknown roles. */
export function parseRoles(text: string): Role[] {
  const names = text
    .split(/[\s,]+/)
    .map((r) => r.trim().toUpperCase())
    .filter((r) => r !== '');
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (names.length === 0 || unknown.length > 0) {
    throw new ConfigError([
      `--roles must list one or more of ${ROLES.join(', ')}${unknown.length > 0 ? ` (unknown: ${unknown.join(', ')})` : ''}.`,
    ]);
  }
  return [...new Set(names)] as Role[];
}

/** Parses a lifetime like `90m`, `12h` or plain seconds, at most `maxSeconds` (the API refuses longer-lived tokens). */
export function parseLifetime(text: string, maxSeconds = 24 * 3600): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  const seconds = match
    ? Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's']
    : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0 || seconds > maxSeconds) {
    throw new ConfigError([
      `--expires-in must be a duration like 90m or 12h, at most ${maxSeconds} seconds, the longest the API accepts (got "${text}").`,
    ]);
  }
  return seconds;
}
