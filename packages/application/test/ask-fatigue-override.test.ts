import { addDays, type Instant } from '@vouch/domain';
import { InMemoryEventStore } from '@vouch/event-store';
import { createVouch, type Principal, type Vouch } from '../src';

const TENANT = 'acme-corp';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const owner: Principal = { tenantId: TENANT, userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
const rep: Principal = { tenantId: TENANT, userId: 'sam-sales', roles: ['REQUESTER'] };

// Issue 14: a program manager's fatigue override travels with the ask, as it does with scheduling.
describe('asking an over-used advocate through the facade', () => {
  const now: Instant = '2026-11-23T09:00:00.000Z';
  let store: InMemoryEventStore;
  let vouch: Vouch;
  let ids = 0;
  const id = () => `c-${++ids}`;
  const reservations = async () =>
    (await store.readStream(TENANT, 'advocate-ines')).filter((e) => e.type === 'EngagementReserved');

  /** A triaged request with ines shortlisted and her owner's approval of the ask. */
  async function clearedRequest(requestId: string): Promise<void> {
    await vouch.execute(rep, {
      type: 'SubmitReferenceRequest',
      commandId: id(),
      data: {
        requestId,
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: `opp-${requestId}`,
          stage: 'EVALUATION',
          amount: { amount: 50000, currency: 'EUR' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: ['Planner'],
        },
        criteria: { territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: addDays(now, 10),
      },
    });
    await vouch.execute(pm, {
      type: 'TriageRequest',
      commandId: id(),
      aggregateId: requestId,
      data: { priority: 'HIGH' },
    });
    const candidate = { advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 90, breakdown: [] };
    await vouch.execute(pm, {
      type: 'ShortlistCandidates',
      commandId: id(),
      aggregateId: requestId,
      data: { candidates: [candidate] },
    });
    await vouch.execute(owner, {
      type: 'ApproveAsk',
      commandId: id(),
      aggregateId: requestId,
      data: { advocateId: 'ines' },
    });
  }

  beforeAll(async () => {
    store = new InMemoryEventStore({ clock: () => now });
    vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
    await vouch.start([TENANT]);
    await vouch.execute(pm, {
      type: 'SetFatiguePolicy',
      commandId: id(),
      data: { windowDays: 90, maxPerWindow: 1, maxPerKindPerWindow: {}, minRestDays: 0 },
    });
    await vouch.execute(owner, {
      type: 'RegisterAccount',
      commandId: id(),
      data: {
        accountId: 'acme',
        name: 'Acme GmbH',
        industry: 'Manufacturing',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga-ae',
      },
    });
    await vouch.execute(pm, {
      type: 'EnrolAdvocate',
      commandId: id(),
      data: {
        advocateId: 'ines',
        accountId: 'acme',
        name: 'Ines Weber',
        email: 'ines@acme.example',
        title: 'Head of Operations',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['de'],
      },
    });
    await vouch.execute(pm, { type: 'ActivateAdvocate', commandId: id(), aggregateId: 'ines', data: {} });
    await vouch.execute(pm, {
      type: 'GrantConsent',
      commandId: id(),
      aggregateId: 'ines',
      data: {
        consentId: 'consent-1',
        kinds: ['REFERENCE_CALL'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: now,
        validUntil: addDays(now, 365),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: now,
        noticeVersion: 'v3',
      },
    });
    await clearedRequest('req-1');
    await vouch.execute(pm, {
      type: 'AskAdvocate',
      commandId: id(),
      aggregateId: 'req-1',
      data: { advocateId: 'ines', engagementId: 'ignored' },
    });
    await clearedRequest('req-2');
  });
  afterAll(async () => {
    await vouch.stop();
    await store.close();
  });

  it('refuses a second ask in the window without an override, and reserves nothing', async () => {
    await expect(
      vouch.execute(pm, {
        type: 'AskAdvocate',
        commandId: id(),
        aggregateId: 'req-2',
        data: { advocateId: 'ines', engagementId: 'ignored' },
      }),
    ).rejects.toMatchObject({ code: 'FATIGUE_LIMIT' });
    expect(await reservations()).toHaveLength(1);
  });

  it("records the program manager's override, with the reason and the breaches, on the reservation", async () => {
    await vouch.execute(pm, {
      type: 'AskAdvocate',
      commandId: id(),
      aggregateId: 'req-2',
      data: {
        advocateId: 'ines',
        engagementId: 'ignored',
        fatigueOverrideReason: 'Strategic deal, she offered',
      },
    });
    const [, second] = await reservations();
    expect(second?.data).toMatchObject({
      requestId: 'req-2',
      fatigueOverride: {
        by: 'pat-pm',
        reason: 'Strategic deal, she offered',
        breaches: [expect.any(String)],
      },
    });
    expect((await store.readStream(TENANT, 'request-req-2')).map((e) => e.type)).toContain('AdvocateAsked');
  });
});
