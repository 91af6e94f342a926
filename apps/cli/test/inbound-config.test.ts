import { ConfigError } from '../src/config/config-error';
import { resolveInboundConfig } from '../src/config/inbound-config';

const SECRET = 'a-secret-of-enough-length';

describe('inbound integrations from the environment', () => {
  it('is off unless the CRM or chat is configured', () => {
    expect(resolveInboundConfig({})).toBeUndefined();
  });

  it('reads the CRM secrets, the chat workspaces and their user mapping', () => {
    expect(
      resolveInboundConfig({
        VOUCH_CRM_INBOUND_SECRETS: JSON.stringify({ 'acme-corp': SECRET }),
        VOUCH_CHAT_INTAKE: JSON.stringify({
          'acme-corp': { signingSecret: SECRET, users: { U1: { userId: 'sam', roles: ['REQUESTER'] } } },
        }),
        VOUCH_INBOUND_TOLERANCE_SECONDS: '120',
        VOUCH_CRM_PARKED_RETRY_MS: '0',
        VOUCH_CHAT_CURRENCY: 'EUR',
      }),
    ).toEqual({
      crmSecrets: { 'acme-corp': SECRET },
      chat: {
        'acme-corp': { signingSecret: SECRET, users: { U1: { userId: 'sam', roles: ['REQUESTER'] } } },
      },
      toleranceSeconds: 120,
      parkedRetryMs: 0,
      chatCurrency: 'EUR',
    });
  });

  it('refuses short secrets, unknown roles and malformed JSON, listing every issue', () => {
    let error: unknown;
    try {
      resolveInboundConfig({
        VOUCH_CRM_INBOUND_SECRETS: JSON.stringify({ 'acme-corp': 'short' }),
        VOUCH_CHAT_INTAKE: JSON.stringify({
          'acme-corp': { signingSecret: SECRET, users: { U1: { userId: 'sam', roles: ['KING'] } } },
        }),
        VOUCH_CRM_PARKED_RETRY_MS: 'soon',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toHaveLength(3);
    expect(() => resolveInboundConfig({ VOUCH_CHAT_INTAKE: '{not json' })).toThrow(ConfigError);
  });

  it("reads the meeting providers' secrets alone, and refuses a short one by its variable name", () => {
    expect(
      resolveInboundConfig({ VOUCH_MEETING_INBOUND_SECRETS: JSON.stringify({ 'acme-corp': SECRET }) }),
    ).toEqual({ meetingSecrets: { 'acme-corp': SECRET } });
    expect(() =>
      resolveInboundConfig({ VOUCH_MEETING_INBOUND_SECRETS: JSON.stringify({ 'acme-corp': 'short' }) }),
    ).toThrow(/VOUCH_MEETING_INBOUND_SECRETS: the secret of acme-corp must be at least 16 characters/);
  });
});
