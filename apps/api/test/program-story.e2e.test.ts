import { addDays } from '@vouch/domain';
import { newCommandId as id } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'acme-corp';

/** Polls until the assertion holds: process managers react asynchronously. */
async function eventually(assertion: () => Promise<void>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

describe('the reference program story as GraphQL operations over HTTP', () => {
  let t: TestServer;
  let pm: string;
  let owner: string;
  let rep: string;
  const now = '2026-11-23T09:00:00.000Z';
  const types = async (streamId: string) =>
    (await t.store.readStream(TENANT, streamId, { limit: 10_000 })).map((event) => event.type);

  beforeAll(async () => {
    t = await startTestServer();
    await t.vouch.start([TENANT]);
    pm = await tokenFor(TENANT, 'pat-pm', ['PROGRAM_MANAGER']);
    owner = await tokenFor(TENANT, 'olga-ae', ['ACCOUNT_OWNER']);
    rep = await tokenFor(TENANT, 'sam-sales', ['REQUESTER']);
  });
  afterAll(() => t.close());

  it('goes from nomination to a won deal', async () => {
    await mustMutate(t.url, pm, 'setNominationPolicy', { commandId: id(), minAccountHealth: 70 });
    const account = await mustMutate(t.url, owner, 'registerAccount', {
      commandId: id(),
      accountId: 'acme',
      name: 'Acme GmbH',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga-ae',
    });
    expect(account).toMatchObject({ aggregateId: 'acme', version: 1, duplicate: false });
    expect(account.eventTypes).toEqual(['AccountRegistered']);
    await mustMutate(t.url, owner, 'recordAccountHealth', {
      commandId: id(),
      accountId: 'acme',
      healthScore: 88,
    });

    await mustMutate(t.url, owner, 'submitNomination', {
      commandId: id(),
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'ines',
      name: 'Ines Weber',
      email: 'ines@acme.example',
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10 and praised the rollout.',
    });
    await mustMutate(t.url, pm, 'approveNomination', { commandId: id(), nominationId: 'nom-1' });
    await eventually(async () => expect(await types('advocate-ines')).toContain('AdvocateEnrolled'));

    const activated = await mustMutate(t.url, pm, 'activateAdvocate', {
      commandId: 'activate-ines',
      advocateId: 'ines',
    });
    const again = await mustMutate(t.url, pm, 'activateAdvocate', {
      commandId: 'activate-ines',
      advocateId: 'ines',
    });
    expect(again).toMatchObject({
      duplicate: true,
      version: activated.version,
      eventTypes: activated.eventTypes,
    });

    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'consent-1',
        kinds: ['REFERENCE_CALL', 'CASE_STUDY'],
        territories: ['EMEA'],
        channels: ['PRIVATE', 'WEB'],
        validFrom: now,
        validUntil: addDays(now, 365),
        collectionMethod: 'E_SIGNATURE',
        collectedAt: now,
        noticeVersion: 'v3',
      },
    });

    await mustMutate(t.url, rep, 'submitReferenceRequest', {
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
      dueBy: addDays(now, 10),
    });
    await mustMutate(t.url, pm, 'triageRequest', { commandId: id(), requestId: 'req-1', priority: 'HIGH' });
    await mustMutate(t.url, pm, 'shortlistCandidates', {
      commandId: id(),
      requestId: 'req-1',
      candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 90, breakdown: [] }],
    });

    const premature = await mutate(t.url, pm, 'askAdvocate', {
      commandId: id(),
      requestId: 'req-1',
      advocateId: 'ines',
    });
    expect(premature.body.errors?.[0]?.extensions?.code).toBe('OWNER_APPROVAL_REQUIRED');
    expect(await types('advocate-ines')).not.toContain('EngagementReserved');

    await mustMutate(t.url, owner, 'approveAsk', { commandId: id(), requestId: 'req-1', advocateId: 'ines' });
    await mustMutate(t.url, pm, 'askAdvocate', { commandId: id(), requestId: 'req-1', advocateId: 'ines' });
    await mustMutate(t.url, pm, 'recordAdvocateResponse', {
      commandId: id(),
      requestId: 'req-1',
      advocateId: 'ines',
      accepted: true,
    });
    await eventually(async () => expect(await types('advocate-ines')).toContain('EngagementAccepted'));
    await mustMutate(t.url, pm, 'scheduleActivity', {
      commandId: id(),
      requestId: 'req-1',
      advocateId: 'ines',
      at: addDays(now, 3),
    });
    t.setNow(addDays(now, 4));
    await mustMutate(t.url, pm, 'completeActivity', {
      commandId: id(),
      requestId: 'req-1',
      advocateId: 'ines',
    });
    const outcome = await mustMutate(t.url, rep, 'recordOutcome', {
      commandId: id(),
      requestId: 'req-1',
      result: 'WON',
      amount: { amount: 110000, currency: 'EUR' },
    });
    expect(outcome.eventTypes).toContain('OutcomeRecorded');
    const completed = (await t.store.readStream(TENANT, 'advocate-ines')).find(
      (e) => e.type === 'EngagementCompleted',
    );
    expect(completed?.data).toMatchObject({ consentId: 'consent-1', consentVersion: 1 });
  });
});
