import { addDays, type Instant } from '@vouch/domain';
import { InMemoryEventStore } from '@vouch/event-store';
import { createVouch, type Principal, type Vouch } from '../src';
import { submitRequestCommand } from './support/submit-request-command';

const TENANT = 'as-of-co';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const rep: Principal = { tenantId: TENANT, userId: 'sam-sales', roles: ['REQUESTER'] };
const auditor: Principal = { tenantId: TENANT, userId: 'aud', roles: ['AUDITOR'] };

describe('"as of" is honest for the whole program', () => {
  let now: Instant = '2025-11-03T09:00:00.000Z';
  const store = new InMemoryEventStore({ clock: () => now });
  let vouch: Vouch;
  let ids = 0;
  const id = () => `c-${++ids}`;

  const submit = (requestId: string) =>
    vouch.execute(rep, {
      ...submitRequestCommand(requestId, {
        criteria: { territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: addDays(now, 30),
      }),
      commandId: id(),
    });

  beforeAll(async () => {
    vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
    await vouch.start([TENANT]);
    await vouch.execute(pm, {
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
    await submit('req-old');
    // A year later: one more request, and the consent withdrawn.
    now = '2026-11-30T09:00:00.000Z';
    await submit('req-today');
    await vouch.execute(pm, {
      type: 'WithdrawConsent',
      commandId: id(),
      aggregateId: 'ines',
      data: { consentId: 'consent-1', kinds: ['REFERENCE_CALL'], reason: 'No more calls' },
    });
  });
  afterAll(async () => {
    await vouch.stop();
    await store.close();
  });

  it('programMetrics(at) does not count a request recorded after `at`', async () => {
    const then = await vouch.queries.programMetrics(auditor, '2025-12-01T00:00:00.000Z');
    expect(then.funnel).toEqual({ SUBMITTED: 1 });
    expect(then.at).toBe('2025-12-01T00:00:00.000Z');
    const today = await vouch.queries.programMetrics(auditor);
    expect(today.funnel).toEqual({ SUBMITTED: 2 });
  });

  it('before the first event, the program had nothing', async () => {
    const before = await vouch.queries.programMetrics(auditor, '2025-01-01T00:00:00.000Z');
    expect(before.funnel).toEqual({});
    expect(before.usageConcentration.advocates).toBe(0);
  });

  it('availability at a past instant answers from the consents recorded by then', async () => {
    const then = await vouch.queries.availability(pm, {
      advocateId: 'ines',
      kind: 'REFERENCE_CALL',
      at: '2025-12-01T00:00:00.000Z',
    });
    expect(then.available).toBe(true);
    const today = await vouch.queries.availability(pm, { advocateId: 'ines', kind: 'REFERENCE_CALL' });
    expect(today.available).toBe(false);
  });
});
