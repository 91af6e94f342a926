import { ConfigError } from '../src/config/config-error';
import { webhookConfig } from '../src/config/webhook-config';

const KEY = 'k'.repeat(16) + 'e'.repeat(16);

describe('webhook configuration from the environment', () => {
  it('is off without VOUCH_WEBHOOK_KEY', () => {
    expect(webhookConfig({})).toBeUndefined();
  });

  it('allows loopback and hosts only when the operator says so', () => {
    expect(webhookConfig({ VOUCH_WEBHOOK_KEY: KEY })).toEqual({
      operatorKey: KEY,
      destinations: { allowLoopback: false, allowHosts: [] },
      maxAttempts: 8,
    });
    expect(
      webhookConfig({
        VOUCH_WEBHOOK_KEY: KEY,
        VOUCH_WEBHOOK_ALLOW_LOOPBACK: '1',
        VOUCH_WEBHOOK_ALLOW_HOSTS: ' CRM.internal, hooks.corp ',
        VOUCH_WEBHOOK_MAX_ATTEMPTS: '3',
      }),
    ).toEqual({
      operatorKey: KEY,
      destinations: { allowLoopback: true, allowHosts: ['crm.internal', 'hooks.corp'] },
      maxAttempts: 3,
    });
  });

  it.each([
    [{ VOUCH_WEBHOOK_KEY: 'short' }, 'at least 32'],
    [{ VOUCH_WEBHOOK_KEY: KEY, VOUCH_WEBHOOK_ALLOW_LOOPBACK: 'yes' }, 'must be 0 or 1'],
    [{ VOUCH_WEBHOOK_KEY: KEY, VOUCH_WEBHOOK_MAX_ATTEMPTS: '0' }, '1-100'],
    [{ VOUCH_WEBHOOK_ALLOW_LOOPBACK: '1' }, 'VOUCH_WEBHOOK_KEY is not'],
  ])('refuses %j', (env, message) => {
    expect(() => webhookConfig(env)).toThrow(ConfigError);
    expect(() => webhookConfig(env)).toThrow(message);
  });
});
