import { addDays } from '@vouch/domain';
import { activeAdvocateOfAcme } from '../../api/test/support/consenting-advocate';
import { newCommandId as id } from '../../api/test/support/graphql-client';
import { mustMutate } from '../../api/test/support/mutations';
import { eventually } from '../../api/test/support/program-story';
import { startTestServer, type TestServer } from '../../api/test/support/test-server';
import { tokenFor } from '../../api/test/support/tokens';
import { exampleTabs, type ExampleTab } from '../src/graphiql/example-operations';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const TENANT = 'tour';

// The tour's "Schedule a call" tabs, each operation run over HTTP as the tab's role, from an
// ask the advocate accepted to a completed call: what a newcomer clicking through would see.
describe('the "Schedule a call" tabs of the tour', () => {
  let t: TestServer;
  const tabs = Object.fromEntries(
    exampleTabs(
      {
        advocateId: 'ines',
        accountId: 'acme',
        ownerId: 'olga',
        consentId: 'c-1',
        withdrawKind: 'CASE_STUDY',
        territory: 'EMEA',
      },
      NOW,
    ).map((tab) => [tab.title, tab]),
  );
  const tokenOf = (tab: ExampleTab) =>
    tokenFor(TENANT, tab.role === 'REQUESTER' ? 'sam' : tab.role === 'ACCOUNT_OWNER' ? 'olga' : 'pat', [
      tab.role,
    ]);
  /** Runs one named operation of a tab, as the tab's role; answers its data. */
  const run = async (title: string, operationName: string) => {
    const tab = tabs[title]!;
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(tab)}` },
      body: JSON.stringify({ query: tab.query, variables: tab.variables, operationName }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect([operationName, body.errors]).toEqual([operationName, undefined]);
    return body.data ?? {};
  };

  beforeAll(async () => {
    t = await startTestServer();
    t.setNow(NOW.toISOString());
    const pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    await activeAdvocateOfAcme(t, pm);
    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'c-1',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: NOW.toISOString(),
        validUntil: addDays(NOW.toISOString(), 365),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW.toISOString(),
        noticeVersion: 'v1',
      },
    });
    await run('1 Request', 'RequestReference');
    await run('2 Triage', 'TriageRequest');
    await run('2 Triage', 'ShortlistCandidate');
    await run('3 Owner', 'ApproveAsk');
    await run('4 Fulfil', 'AskAdvocate');
    await run('4 Fulfil', 'AdvocateAccepts');
    await eventually(async () =>
      expect((await t.store.readStream(TENANT, 'advocate-ines')).map((e) => e.type)).toContain(
        'EngagementAccepted',
      ),
    );
  }, 60_000);
  afterAll(() => t.close());

  it('offer, see the slots, pick, get the invitation, confirm from both sides: the call is completed', async () => {
    await run('Schedule a call', 'Offer');
    const slots = (await run('Schedule a call: pick', 'Slots')) as {
      request: { candidates: { schedule: { offers: unknown[] } }[] };
    };
    expect(slots.request.candidates[0]?.schedule.offers).toHaveLength(1);
    await run('Schedule a call: pick', 'Pick');
    const invitation = (await run('Schedule a call: pick', 'Invitation')) as {
      callInvitation: { ics: string };
    };
    expect(invitation.callInvitation.ics).toContain('DTSTART:20261126T150000Z');
    t.setNow('2026-11-26T16:00:00.000Z');
    await run('Schedule a call: pick', 'ConfirmMine');
    await run('Schedule a call', 'ConfirmForAdvocate');
    const after = (await run('Schedule a call: pick', 'Slots')) as {
      request: { status: string; candidates: { status: string; schedule: { confirmations: string[] } }[] };
    };
    expect(after.request.candidates[0]).toMatchObject({
      status: 'COMPLETED',
      schedule: { confirmations: ['REQUESTER', 'ADVOCATE'] },
    });
  });
});
