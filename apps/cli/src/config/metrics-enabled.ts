import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/** VOUCH_METRICS: `on` (default) serves Prometheus metrics on GET /metrics, `off` does not. */
export function metricsEnabled(env: Env): boolean {
  const text = env.VOUCH_METRICS?.trim().toLowerCase();
  if (text === undefined || text === '' || text === 'on') return true;
  if (text === 'off') return false;
  throw new ConfigError([`VOUCH_METRICS must be on or off (got "${env.VOUCH_METRICS}").`]);
}
