import type { WebhookOptions } from '@vouch/application';
import { ConfigError } from './config-error';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Webhooks from the environment: VOUCH_WEBHOOK_KEY (≥ 32 characters; the secrets shown to
 * admins are derived from it, so it is configuration, never in the database) turns them on;
 * VOUCH_WEBHOOK_ALLOW_LOOPBACK=1 and VOUCH_WEBHOOK_ALLOW_HOSTS (comma-separated host names)
 * let the operator allow targets the SSRF guard refuses; VOUCH_WEBHOOK_MAX_ATTEMPTS (1-100,
 * default 8) sets when an event is dead-lettered. Undefined when no key is set.
 */
export function webhookConfig(env: Env): WebhookOptions | undefined {
  const key = env.VOUCH_WEBHOOK_KEY?.trim();
  const issues: string[] = [];
  if (!key) {
    for (const name of [
      'VOUCH_WEBHOOK_ALLOW_LOOPBACK',
      'VOUCH_WEBHOOK_ALLOW_HOSTS',
      'VOUCH_WEBHOOK_MAX_ATTEMPTS',
    ]) {
      if (env[name]?.trim()) issues.push(`${name} is set but VOUCH_WEBHOOK_KEY is not: webhooks are off.`);
    }
    if (issues.length > 0) throw new ConfigError(issues);
    return undefined;
  }
  if (key.length < 32) issues.push('VOUCH_WEBHOOK_KEY must be at least 32 characters.');
  const loopback = env.VOUCH_WEBHOOK_ALLOW_LOOPBACK?.trim() ?? '';
  if (!['', '0', '1'].includes(loopback)) issues.push('VOUCH_WEBHOOK_ALLOW_LOOPBACK must be 0 or 1.');
  const hosts = (env.VOUCH_WEBHOOK_ALLOW_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
  const attemptsText = env.VOUCH_WEBHOOK_MAX_ATTEMPTS?.trim();
  const maxAttempts = attemptsText ? Number(attemptsText) : 8;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    issues.push(`VOUCH_WEBHOOK_MAX_ATTEMPTS must be a whole number 1-100 (got "${attemptsText}").`);
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    operatorKey: key,
    destinations: { allowLoopback: loopback === '1', allowHosts: hosts },
    maxAttempts,
  };
}
