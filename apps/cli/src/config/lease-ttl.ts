import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * VOUCH_LEASE_TTL (seconds, 1–600; default 10): how long a background lease outlives its
 * holder's last renewal, so how soon another instance takes over when the holder dies.
 */
export function leaseTtl(env: Env): number {
  const text = env.VOUCH_LEASE_TTL?.trim();
  if (text === undefined || text === '') return 10_000;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) < 1 || Number(text) > 600) {
    throw new ConfigError([`VOUCH_LEASE_TTL must be seconds from 1 to 600 (got "${text}").`]);
  }
  return Math.round(Number(text) * 1000);
}
