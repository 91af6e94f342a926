import type { Role } from '@vouch/domain';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type KeyLike } from 'jose';

/** The HS256 secret test servers verify with. */
export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

export interface TokenClaims {
  readonly sub?: string;
  readonly tenant?: string;
  readonly roles?: readonly (Role | string)[];
}

/** An HS256 token for the test secret; `expiresIn` accepts jose's time spans or a timestamp. */
export async function hs256Token(
  claims: TokenClaims,
  options: { expiresIn?: string | number; secret?: string } = {},
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

/** A token as a user of a tenant with roles. */
export const tokenFor = (tenant: string, user: string, roles: readonly Role[]): Promise<string> =>
  hs256Token({ sub: user, tenant, roles });

/** An asymmetric key pair with its public JWKS. */
export async function asymmetricKeys(
  alg: 'RS256' | 'ES256',
  kid: string,
): Promise<{ privateKey: KeyLike; jwks: JSONWebKeySet }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { privateKey, jwks: { keys: [jwk] } };
}

export async function signWith(
  alg: 'RS256' | 'ES256',
  kid: string,
  key: KeyLike,
  claims: TokenClaims,
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg, kid })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
}

/** An unsigned token (`alg: none`), which every verifier must refuse. */
export function unsignedToken(claims: TokenClaims): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...claims, exp: Math.floor(Date.now() / 1000) + 300 })}.`;
}
