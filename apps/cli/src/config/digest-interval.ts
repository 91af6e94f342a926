import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** VOUCH_DIGEST_INTERVAL (minutes, 0 = only after erasures and on demand) in milliseconds; default one hour. */
export function digestInterval(env: Env): number {
  const text = env.VOUCH_DIGEST_INTERVAL?.trim();
  if (text === undefined || text === '') return 3_600_000;
  if (!/^\d+$/.test(text) || Number(text) > 10_080) {
    throw new ConfigError([`VOUCH_DIGEST_INTERVAL must be minutes from 0 to 10080 (got "${text}").`]);
  }
  return Number(text) * 60_000;
}
