import { NOW, populateWorld, TENANT } from '../../../packages/application/test/support/relationship-world';
import { crmSignature, postRaw, slackHeaders, unixNow } from './support/inbound-signing';
import { startTestServer, type TestServer } from './support/test-server';

// Issue 17: a rep asks in chat ("/reference call healthcare EMEA for opp 123") and gets a normal
// request, under their own Vouch name and through the usual gates.
const SIGNING_SECRET = 'slack-signing-secret-0123456789abcdef';
const CRM_SECRET = 'crm-secret-for-chat-tests-0123456789';

describe('chat intake (slash command), on a real listening server', () => {
  let t: TestServer;
  const slashUrl = () => `${t.origin}/integrations/chat/${TENANT}/slash`;
  const form = (userId: string, text: string) =>
    new URLSearchParams({
      token: 'legacy-ignored',
      team_id: 'T0001',
      user_id: userId,
      user_name: 'someone',
      command: '/reference',
      text,
      response_url: 'https://hooks.slack.example/commands/1',
      trigger_id: '123.456',
    }).toString();
  const slash = (userId: string, text: string, secret = SIGNING_SECRET, timestamp?: number) => {
    const body = form(userId, text);
    return postRaw(slashUrl(), body, slackHeaders(secret, body, timestamp));
  };
  const countEvents = async () => (await t.store.readAll(TENANT, { limit: 1_000_000 })).length;

  beforeAll(async () => {
    t = await startTestServer({
      inbound: {
        crmSecrets: { [TENANT]: CRM_SECRET },
        parkedRetryMs: 0,
        chatCurrency: 'EUR',
        chat: {
          [TENANT]: {
            signingSecret: SIGNING_SECRET,
            users: {
              U_RITA: { userId: 'rita', roles: ['REQUESTER'] },
              U_AUDITOR: { userId: 'aud', roles: ['AUDITOR'] },
            },
          },
        },
      },
    });
    await populateWorld(t.vouch);
  });
  afterAll(() => t.close());

  it('opens a normal request as the mapped user and answers with its id and status', async () => {
    const answer = await slash('U_RITA', 'call healthcare EMEA for opp 123');
    expect(answer.status).toBe(200);
    const vouch = answer.json.vouch as { requestId: string; status: string };
    expect(vouch.status).toBe('SUBMITTED');
    expect(answer.json).toMatchObject({ response_type: 'ephemeral' });
    expect(answer.json.text).toContain(vouch.requestId);
    const [submitted] = await t.store.readStream(TENANT, `request-${vouch.requestId}`);
    expect(submitted?.metadata.actor.userId).toBe('rita');
    expect(submitted?.data).toMatchObject({
      requestedBy: 'rita',
      kind: 'REFERENCE_CALL',
      opportunity: {
        opportunityId: '123',
        industry: 'healthcare',
        region: 'EMEA',
        amount: { amount: 0, currency: 'EUR' },
      },
      criteria: { industries: ['healthcare'], regions: ['EMEA'], territory: 'EMEA' },
    });
  });

  it("takes the deal's stage and amount from the CRM when it has told Vouch about the opportunity", async () => {
    const event = JSON.stringify({
      type: 'opportunity.changed',
      eventId: 'evt-deal-77',
      occurredAt: NOW,
      opportunity: {
        id: 'opp-77',
        accountExternalId: 'acct-olga',
        stage: 'NEGOTIATION',
        amount: { amount: 250000, currency: 'USD' },
      },
    });
    const crm = await postRaw(`${t.origin}/integrations/crm/${TENANT}/events`, event, {
      'content-type': 'application/json',
      'vouch-signature': crmSignature(CRM_SECRET, event),
    });
    expect(crm.status).toBe(200);
    const answer = await slash('U_RITA', 'reference call fintech NA for opportunity opp-77');
    const { requestId } = answer.json.vouch as { requestId: string };
    const [submitted] = await t.store.readStream(TENANT, `request-${requestId}`);
    expect(submitted?.data).toMatchObject({
      opportunity: {
        opportunityId: 'opp-77',
        stage: 'NEGOTIATION',
        amount: { amount: 250000, currency: 'USD' },
      },
    });
  });

  it('answers text it cannot read with the usage, and writes nothing', async () => {
    const before = await countEvents();
    for (const text of [
      '',
      'help',
      'call healthcare for opp 1',
      'teleport healthcare EMEA for opp 1',
      'call EMEA for opp 1',
    ]) {
      const answer = await slash('U_RITA', text);
      expect(answer.json).toMatchObject({ vouch: { code: 'USAGE' } });
      expect(answer.json.text).toMatch(/^Usage: \/reference/);
    }
    expect(await countEvents()).toBe(before);
  });

  it('refuses an unmapped chat user rather than asking under someone else’s name', async () => {
    const before = await countEvents();
    const answer = await slash('U_STRANGER', 'call healthcare EMEA for opp 123');
    expect(answer.json).toMatchObject({ vouch: { code: 'UNMAPPED_CHAT_USER' } });
    expect(await countEvents()).toBe(before);
  });

  it('keeps the usual gates: a mapped auditor may not ask', async () => {
    const before = await countEvents();
    const answer = await slash('U_AUDITOR', 'call healthcare EMEA for opp 123');
    expect(answer.json).toMatchObject({ vouch: { code: 'FORBIDDEN' } });
    expect(await countEvents()).toBe(before);
  });

  it('refuses a wrong, stale or replayed signature and an unknown workspace with typed codes, writing nothing', async () => {
    const before = await countEvents();
    const code = (r: { json: Record<string, unknown> }) =>
      (r.json.errors as { extensions: { code: string } }[])[0]?.extensions.code;
    const wrong = await slash('U_RITA', 'call healthcare EMEA for opp 9', 'another-workspace-secret');
    expect([wrong.status, code(wrong)]).toEqual([401, 'BAD_SIGNATURE']);
    const stale = await slash('U_RITA', 'call healthcare EMEA for opp 9', SIGNING_SECRET, unixNow() - 301);
    expect([stale.status, code(stale)]).toEqual([401, 'STALE_TIMESTAMP']);
    const body = form('U_RITA', 'quote retail DACH for opp 10');
    const headers = slackHeaders(SIGNING_SECRET, body);
    const unknown = await postRaw(`${t.origin}/integrations/chat/nobody/slash`, body, headers);
    expect([unknown.status, code(unknown)]).toEqual([404, 'UNKNOWN_TENANT']);
    expect(await countEvents()).toBe(before);
    expect((await postRaw(slashUrl(), body, headers)).status).toBe(200);
    const afterFirst = await countEvents();
    const replay = await postRaw(slashUrl(), body, headers);
    expect([replay.status, code(replay)]).toEqual([409, 'REPLAYED']);
    expect(await countEvents()).toBe(afterFirst);
  });
});
