import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** VOUCH_RATE_LIMIT: requests one authenticated user may make per minute (default the API's 300), or undefined. */
export function rateLimitPerMinute(env: Env): number | undefined {
  const text = env.VOUCH_RATE_LIMIT?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 1_000_000_000) {
    throw new ConfigError([
      `VOUCH_RATE_LIMIT must be a whole number of requests per user per minute from 1 (got "${env.VOUCH_RATE_LIMIT}").`,
    ]);
  }
  return value;
}
