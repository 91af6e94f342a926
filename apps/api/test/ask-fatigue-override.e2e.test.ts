import { codesOf, newCommandId as id } from './support/graphql-client';
import { activeAdvocateOfAcme } from './support/consenting-advocate';
import { mustMutate, mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'ask-override';
const NOW = '2026-11-23T09:00:00.000Z';

// Invariant 2 over HTTP: an ask is refused at the fatigue limit unless a program manager
// records an override with a reason — on askAdvocate, as on scheduleActivity.
describe('askAdvocate carries a fatigue override', () => {
  let t: TestServer;
  let pm: string;

  const engagementEvents = async () =>
    (await t.store.readAll(TENANT))
      .filter((event) => event.type === 'EngagementReserved')
      .map(
        (event) => event.data as { engagementId: string; fatigueOverride?: { by: string; reason: string } },
      );

  const ask = (extra: Record<string, unknown> = {}) =>
    mutate(t.url, pm, 'askAdvocate', { commandId: id(), requestId: 'req-1', advocateId: 'ines', ...extra });

  beforeAll(async () => {
    t = await startTestServer();
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    await activeAdvocateOfAcme(t, pm);
    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'c-1',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: NOW,
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW,
        noticeVersion: 'v1',
      },
    });
    await mustMutate(t.url, pm, 'setFatiguePolicy', {
      commandId: id(),
      windowDays: 90,
      maxPerWindow: 1,
      kindLimits: [],
      minRestDays: 0,
    });
    // One engagement already uses up the window.
    await mustMutate(t.url, pm, 'reserveEngagement', {
      commandId: id(),
      advocateId: 'ines',
      engagementId: 'earlier',
      kind: 'REFERENCE_CALL',
      territory: 'EMEA',
      channel: 'PRIVATE',
      ownerClearance: { kind: 'OWNER', by: 'olga' },
    });
    await mustMutate(t.url, pm, 'submitReferenceRequest', {
      commandId: id(),
      requestId: 'req-1',
      department: 'SALES',
      kind: 'REFERENCE_CALL',
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: 'opp-1',
        stage: 'EVALUATION',
        amount: { amount: 120000, currency: 'EUR' },
        industry: 'Manufacturing',
        region: 'EMEA',
        products: ['Planner'],
      },
      criteria: { territory: 'EMEA', channel: 'PRIVATE' },
      dueBy: '2026-12-03T09:00:00.000Z',
    });
    await mustMutate(t.url, pm, 'triageRequest', { commandId: id(), requestId: 'req-1', priority: 'HIGH' });
    await mustMutate(t.url, pm, 'shortlistCandidates', {
      commandId: id(),
      requestId: 'req-1',
      candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga', score: 1, breakdown: [] }],
    });
    await mustMutate(t.url, pm, 'overrideOwnerApproval', {
      commandId: id(),
      requestId: 'req-1',
      advocateId: 'ines',
      reason: 'Owner on leave; deal closes this week.',
    });
  }, 60_000);
  afterAll(() => t.close());

  it('refuses the ask with FATIGUE_LIMIT without an override, reserving nothing', async () => {
    expect(codesOf(await ask())).toEqual(['FATIGUE_LIMIT']);
    expect((await engagementEvents()).map((event) => event.engagementId)).toEqual(['earlier']);
  });

  it('asks with a recorded override: the reservation names who overrode and why', async () => {
    const response = await ask({ fatigueOverrideReason: 'Strategic deal; Ines offered herself.' });
    expect(response.body.errors).toBeUndefined();
    const reserved = (await engagementEvents()).find((event) => event.engagementId !== 'earlier');
    expect(reserved?.fatigueOverride).toMatchObject({
      by: 'pat',
      reason: 'Strategic deal; Ines offered herself.',
    });
  });
});
