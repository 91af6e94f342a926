import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** How the API checks tokens beyond their signature, and what `vouch token` puts in them. */
export interface TokenPolicy {
  readonly issuer?: string;
  readonly audience?: string;
  readonly clockToleranceSeconds?: number;
  readonly maxTokenLifetimeSeconds?: number;
}

/** The longest a token may live unless VOUCH_JWT_MAX_LIFETIME_SECONDS says otherwise (the API's default). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

function wholeSeconds(env: Env, name: string, max: number, issues: string[]): number | undefined {
  const text = env[name];
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > max) {
    issues.push(`${name} must be a whole number of seconds from 0 to ${max} (got "${text}").`);
    return undefined;
  }
  return value;
}

/**
 * The token policy from the environment: VOUCH_JWT_ISSUER and VOUCH_JWT_AUDIENCE (required
 * in every token when set), VOUCH_JWT_CLOCK_TOLERANCE_SECONDS (0–60, default 5) and
 * VOUCH_JWT_MAX_LIFETIME_SECONDS (up to 7 days, default 24 h). Unset values keep the API's
 * safe defaults; wrong ones are a ConfigError.
 */
export function resolveTokenPolicy(env: Env): TokenPolicy {
  const issues: string[] = [];
  const clockToleranceSeconds = wholeSeconds(env, 'VOUCH_JWT_CLOCK_TOLERANCE_SECONDS', 60, issues);
  const maxTokenLifetimeSeconds = wholeSeconds(env, 'VOUCH_JWT_MAX_LIFETIME_SECONDS', 7 * 86_400, issues);
  if (issues.length > 0) throw new ConfigError(issues);
  const issuer = env.VOUCH_JWT_ISSUER?.trim();
  const audience = env.VOUCH_JWT_AUDIENCE?.trim();
  return {
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
    ...(clockToleranceSeconds !== undefined ? { clockToleranceSeconds } : {}),
    ...(maxTokenLifetimeSeconds !== undefined ? { maxTokenLifetimeSeconds } : {}),
  };
}
