import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { AuthOptions } from '@vouch/api';
import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the public keys that verify RS256/ES256 tokens come from, and the claims they must carry. */
export interface AuthConfig {
  /** A JWKS document served over HTTP(S) (an identity provider's `jwks_uri`), read at start. */
  readonly jwksUrl?: string;
  /** A JWKS document on disk. */
  readonly jwksFile?: string;
  /** One PEM public key (SPKI): RSA for RS256, P-256 for ES256. */
  readonly publicKeyFile?: string;
  /** The `kid` tokens signed with the public key file carry, if they carry one. */
  readonly keyId?: string;
  /** Required `iss`. */
  readonly issuer?: string;
  /** Required `aud`. */
  readonly audience?: string;
}

export interface AuthFlags {
  readonly jwksUrl?: string;
  readonly jwksFile?: string;
  readonly jwtPublicKeyFile?: string;
  readonly jwtKeyId?: string;
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string;
}

/** Whether the configuration names public keys (then HS256 is accepted only with an explicit secret). */
export const hasPublicKeys = (config: AuthConfig): boolean =>
  Boolean(config.jwksUrl ?? config.jwksFile ?? config.publicKeyFile);

/**
 * Validates the token-verification settings from flags and the environment (flags win):
 * at most one key source, an http(s) JWKS URL, key files that exist. Throws ConfigError
 * listing every wrong value.
 */
export function resolveAuthConfig(flags: AuthFlags, env: Env): AuthConfig {
  const issues: string[] = [];
  const pick = (flag: string | undefined, flagName: string, envName: string) => {
    const value = (flag ?? env[envName])?.trim();
    return value ? { value, name: flag !== undefined ? flagName : envName } : undefined;
  };
  const jwksUrl = pick(flags.jwksUrl, '--jwks-url', 'VOUCH_JWKS_URL');
  const jwksFile = pick(flags.jwksFile, '--jwks-file', 'VOUCH_JWKS_FILE');
  const publicKeyFile = pick(flags.jwtPublicKeyFile, '--jwt-public-key-file', 'VOUCH_JWT_PUBLIC_KEY_FILE');
  const keyId = pick(flags.jwtKeyId, '--jwt-key-id', 'VOUCH_JWT_KEY_ID');
  const issuer = pick(flags.jwtIssuer, '--jwt-issuer', 'VOUCH_JWT_ISSUER');
  const audience = pick(flags.jwtAudience, '--jwt-audience', 'VOUCH_JWT_AUDIENCE');

  const sources = [jwksUrl, jwksFile, publicKeyFile].filter(Boolean);
  if (sources.length > 1) {
    issues.push(`Give one source of public keys, not ${sources.map((s) => s!.name).join(' and ')}.`);
  }
  if (jwksUrl && !/^https?:\/\/[^\s/]+/.test(jwksUrl.value)) {
    issues.push(`${jwksUrl.name} must be an http(s) URL (got "${jwksUrl.value}").`);
  }
  for (const file of [jwksFile, publicKeyFile]) {
    if (file && !existsSync(file.value)) issues.push(`${file.name}: no such file ${file.value}.`);
  }
  if (keyId && !publicKeyFile)
    issues.push(`${keyId.name} names the key of --jwt-public-key-file; give that too.`);
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    ...(jwksUrl ? { jwksUrl: jwksUrl.value } : {}),
    ...(jwksFile ? { jwksFile: jwksFile.value } : {}),
    ...(publicKeyFile ? { publicKeyFile: publicKeyFile.value } : {}),
    ...(keyId ? { keyId: keyId.value } : {}),
    ...(issuer ? { issuer: issuer.value } : {}),
    ...(audience ? { audience: audience.value } : {}),
  };
}

interface JsonWebKeySet {
  keys: Record<string, unknown>[];
}

const isKeySet = (value: unknown): value is JsonWebKeySet =>
  Array.isArray((value as { keys?: unknown } | null)?.keys) && (value as JsonWebKeySet).keys.length > 0;

/** A PEM public key as a one-key JWKS, with the algorithm its type implies. */
function keySetOfPem(file: string, keyId: string | undefined): JsonWebKeySet {
  let key;
  try {
    key = createPublicKey(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError([`${file} is not a PEM public key.`]);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const alg =
    key.asymmetricKeyType === 'rsa'
      ? 'RS256'
      : key.asymmetricKeyType === 'ec' && curve === 'prime256v1'
        ? 'ES256'
        : undefined;
  if (!alg) throw new ConfigError([`${file} must hold an RSA (RS256) or P-256 (ES256) public key.`]);
  return { keys: [{ ...key.export({ format: 'jwk' }), alg, use: 'sig', ...(keyId ? { kid: keyId } : {}) }] };
}

/**
 * The API's AuthOptions: the public keys (a JWKS read from its URL or file, or the PEM key),
 * issuer and audience, and the HS256 secret when one is given. A JWKS URL is read once at
 * start: after the provider rotates its keys, restart the server.
 */
export async function loadAuthOptions(
  config: AuthConfig,
  hs256Secret: string | undefined,
): Promise<AuthOptions> {
  let jwks: JsonWebKeySet | undefined;
  if (config.jwksUrl) {
    let body: unknown;
    try {
      const response = await fetch(config.jwksUrl, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new ConfigError([`Could not read the JWKS at ${config.jwksUrl}: ${(error as Error).message}.`]);
    }
    if (!isKeySet(body)) throw new ConfigError([`${config.jwksUrl} did not answer a JWKS with keys.`]);
    jwks = body;
  } else if (config.jwksFile) {
    let body: unknown;
    try {
      body = JSON.parse(readFileSync(config.jwksFile, 'utf8'));
    } catch {
      throw new ConfigError([`${config.jwksFile} is not JSON.`]);
    }
    if (!isKeySet(body)) throw new ConfigError([`${config.jwksFile} is not a JWKS with keys.`]);
    jwks = body;
  } else if (config.publicKeyFile) {
    jwks = keySetOfPem(config.publicKeyFile, config.keyId);
  }
  return {
    ...(hs256Secret ? { hs256Secret } : {}),
    ...(jwks ? { jwks: jwks as unknown as NonNullable<AuthOptions['jwks']> } : {}),
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
}
