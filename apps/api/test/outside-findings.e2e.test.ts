import { addDays } from '@vouch/domain';
import { consentingAdvocate, registerAccount, submitRequest } from './support/consenting-advocate';
import { graphql, newCommandId as id } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { mustQuery } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'acme-corp';
const NOW = '2026-11-23T09:00:00.000Z';

/**
 * Issue 14's bugs as a user met them from outside, each over HTTP against a real server:
 * the answer they got, and the one they should have had.
 */
describe('answers a user met from outside (issue 14)', () => {
  let t: TestServer;
  let pm: string;
  let owner: string;
  let rep: string;
  let admin: string;

  beforeEach(async () => {
    t = await startTestServer();
    await t.vouch.start([TENANT]);
    pm = await tokenFor(TENANT, 'pat-pm', ['PROGRAM_MANAGER']);
    owner = await tokenFor(TENANT, 'olga-ae', ['ACCOUNT_OWNER']);
    rep = await tokenFor(TENANT, 'sam-sales', ['REQUESTER']);
    admin = await tokenFor(TENANT, 'ada-admin', ['ADMIN']);
    await registerAccount(t, owner, 'acme');
  });
  afterEach(() => t?.close());

  it('answers a replayed command with its first result, not the stream as it is now', async () => {
    const input = { commandId: 'health-once', accountId: 'acme', healthScore: 75 };
    const first = await mustMutate(t.url, owner, 'recordAccountHealth', input);
    await mustMutate(t.url, owner, 'recordAccountHealth', {
      commandId: id(),
      accountId: 'acme',
      healthScore: 80,
    });
    await mustMutate(t.url, owner, 'recordAccountHealth', {
      commandId: id(),
      accountId: 'acme',
      healthScore: 85,
    });

    const replay = await mustMutate(t.url, owner, 'recordAccountHealth', input);

    expect(replay).toEqual({ ...first, duplicate: true });
    expect(await t.store.streamVersion(TENANT, 'account-acme')).toBe(first.version + 2);
  });

  it('gives no next available date when a withdrawn consent, not time, stands in the way', async () => {
    await consentingAdvocate(t, { pm, owner }, 'ines', 'acme', NOW);
    await submitRequest(t, rep, 'req-1', NOW);
    await mustMutate(t.url, pm, 'withdrawConsent', {
      commandId: id(),
      advocateId: 'ines',
      withdrawal: { consentId: 'consent-ines', reason: 'Changed her mind.' },
    });

    const { availability } = await mustQuery(
      t.url,
      pm,
      '{ availability(advocateId: "ines", kind: REFERENCE_CALL) { available reasons { code gap } nextAvailableAt } }',
    );
    expect(availability).toEqual({
      available: false,
      reasons: [{ code: 'CONSENT', gap: 'WITHDRAWN' }],
      nextAvailableAt: null,
    });
    const { matchCandidates } = await mustQuery(
      t.url,
      pm,
      '{ matchCandidates(requestId: "req-1") { available { advocateId } unavailable { advocateId reasons { code } nextAvailableAt } } }',
    );
    expect(matchCandidates).toEqual({
      available: [],
      unavailable: [{ advocateId: 'ines', reasons: [{ code: 'CONSENT' }], nextAvailableAt: null }],
    });
  });

  it('still gives the next available date when only rest stands in the way', async () => {
    await consentingAdvocate(t, { pm, owner }, 'ines', 'acme', NOW);
    const until = addDays(NOW, 20);
    await mustMutate(t.url, pm, 'restAdvocate', {
      commandId: id(),
      advocateId: 'ines',
      until,
      reason: 'Busy quarter.',
    });

    const { availability } = await mustQuery(
      t.url,
      pm,
      '{ availability(advocateId: "ines", kind: REFERENCE_CALL) { available reasons { code } nextAvailableAt } }',
    );
    expect(availability).toEqual({
      available: false,
      reasons: [{ code: 'RESTING' }],
      nextAvailableAt: until,
    });
  });

  it('names the id of an advocate that was never enrolled', async () => {
    const response = await mutate(t.url, pm, 'activateAdvocate', {
      commandId: id(),
      advocateId: 'nobody-42',
    });

    const [error] = response.body.errors ?? [];
    expect(error?.extensions?.code).toBe('NOT_FOUND');
    expect(error?.message).toContain('nobody-42');
    expect(error?.message).not.toContain('(not enrolled)');
  });

  it("answers an admin's erasure without an error on the advocate it may not read", async () => {
    await consentingAdvocate(t, { pm, owner }, 'ines', 'acme', NOW);

    const response = await graphql<{
      requestErasure: { duplicate: boolean; eventTypes: string[]; advocate: unknown };
    }>(
      t.url,
      'mutation($input: AdvocateReasonInput!) { requestErasure(input: $input) { duplicate eventTypes advocate { view } } }',
      { input: { commandId: id(), advocateId: 'ines', reason: 'GDPR Art. 17 request.' } },
      admin,
    );

    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.requestErasure).toMatchObject({ duplicate: false, advocate: null });
    expect(response.body.data?.requestErasure.eventTypes).toContain('AdvocateErased');
  });

  it('says which advocates it left out because they are already candidates of the request', async () => {
    await registerAccount(t, owner, 'globex');
    await consentingAdvocate(t, { pm, owner }, 'ines', 'acme', NOW);
    await consentingAdvocate(t, { pm, owner }, 'otto', 'globex', NOW);
    await submitRequest(t, rep, 'req-1', NOW);
    await mustMutate(t.url, pm, 'triageRequest', { commandId: id(), requestId: 'req-1', priority: 'HIGH' });
    await mustMutate(t.url, pm, 'shortlistCandidates', {
      commandId: id(),
      requestId: 'req-1',
      candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga-ae', score: 50, breakdown: [] }],
    });

    const { matchCandidates } = await mustQuery(
      t.url,
      pm,
      '{ matchCandidates(requestId: "req-1") { available { advocateId } unavailable { advocateId } alreadyCandidates } }',
    );
    expect(matchCandidates).toEqual({
      available: [{ advocateId: 'otto' }],
      unavailable: [],
      alreadyCandidates: ['ines'],
    });
  });

  it('counts at an instant only the requests submitted by then, even when the server clock is behind the log', async () => {
    // A store seeded through a later day (`vouch seed --until` ahead of today) read by a
    // server whose clock is earlier: `at` is after the server's now, yet before req-late.
    await submitRequest(t, rep, 'req-early', NOW);
    t.setNow(addDays(NOW, 5));
    await submitRequest(t, rep, 'req-late', addDays(NOW, 5));
    t.setNow(addDays(NOW, 1));

    const query = 'query($at: DateTime) { programMetrics(at: $at) { funnel { status requests } } }';
    const then = (await mustQuery(t.url, pm, query, { at: addDays(NOW, 2) })).programMetrics;
    const later = (await mustQuery(t.url, pm, query, { at: addDays(NOW, 6) })).programMetrics;

    expect(then.funnel).toEqual([{ status: 'SUBMITTED', requests: 1 }]);
    expect(later.funnel).toEqual([{ status: 'SUBMITTED', requests: 2 }]);
  });
});
