import { addDays, advocateDecider, type AdvocateState } from '@vouch/domain';
import { TenantReadModels, stateAsOf } from '../src';
import { admin, cmd, owner, pm, rep, otherRep, standardStory, StoryWorld } from './support/story-world';

function modelsOf(world: StoryWorld): TenantReadModels {
  const models = new TenantReadModels();
  for (const event of world.log) models.apply(event);
  return models;
}

describe('the read models of a reference program, along one story', () => {
  const world = standardStory();
  const models = modelsOf(world);
  const now = world.now;
  // Ines's last call was a day ago: a week later the program's rest days have passed.
  const later = addDays(now, 7);

  it('shows advocates in full to the program and anonymised to requesters until they accept', () => {
    const full = models.advocate(pm, 'ines', now);
    expect(full).toMatchObject({
      view: 'FULL',
      company: 'Acme GmbH',
      seniority: 'DIRECTOR',
      contact: { name: 'Ines Weber', title: 'Head of Operations' },
      accountOwnerId: owner.userId,
      acceptedRequesters: [rep.userId],
    });
    // sam-sales's request was accepted by Ines; rita-sales's was not.
    expect(models.advocate(rep, 'ines', now)?.view).toBe('FULL');
    const anonymised = models.advocate(otherRep, 'ines', now);
    expect(anonymised).toMatchObject({ view: 'ANONYMISED', company: 'Acme GmbH', seniority: 'DIRECTOR' });
    expect(JSON.stringify(anonymised)).not.toMatch(/Ines Weber|Head of Operations|ines@example/);
    expect(models.advocate(owner, 'bob', now)?.view).toBe('FULL'); // owner of Globex too
    expect(models.hasAccepted('ines', rep.userId)).toBe(true);
  });

  it('says whether an advocate is available, and every reason when not', () => {
    const resting = models.availability('ines', 'REFERENCE_CALL', now);
    expect(resting.reasons).toEqual([
      expect.objectContaining({ code: 'FATIGUED', until: resting.nextAvailableAt }),
    ]);
    const ines = models.availability('ines', 'REFERENCE_CALL', later, {
      territory: 'EMEA',
      channel: 'PRIVATE',
    });
    expect(ines).toMatchObject({ available: true, consentId: 'consent-1', consentVersion: 1 });
    expect(ines.consentExpiresAt).toBeDefined();
    expect(ines.usesInWindow.length).toBeGreaterThan(0);

    const bob = models.availability('bob', 'REFERENCE_CALL', now);
    expect(bob.available).toBe(false);
    expect(bob.reasons).toContainEqual(
      expect.objectContaining({ code: 'CONSENT', gap: 'NO_CONSENT', words: 'there is no consent on record' }),
    );
    const outside = models.availability('ines', 'REFERENCE_CALL', now, {
      territory: 'NA',
      channel: 'PRIVATE',
    });
    expect(outside.reasons).toContainEqual(expect.objectContaining({ code: 'CONSENT', gap: 'OUT_OF_SCOPE' }));
    const expired = models.availability('ines', 'REFERENCE_CALL', addDays(now, 400));
    expect(expired.reasons).toContainEqual(expect.objectContaining({ code: 'CONSENT', gap: 'EXPIRED' }));
    expect(models.availability('nobody', 'QUOTE', now).reasons[0]?.code).toBe('NOT_ENROLLED');
  });

  it('searches by attributes, account facts, text and availability, a page at a time', () => {
    const ids = (c: { edges: readonly { node: string }[] }) => c.edges.map((e) => e.node);
    const noTitles = { includeTitles: false };
    expect(ids(models.searchAdvocates({ industries: ['manufacturing'] }, noTitles))).toEqual(['ines']);
    expect(ids(models.searchAdvocates({ languages: ['en'] }, noTitles))).toEqual(['bob', 'ines']);
    expect(ids(models.searchAdvocates({ minSeniority: 'VP' }, noTitles))).toEqual(['bob']);
    expect(
      ids(models.searchAdvocates({ products: ['Tracker', 'Planner'], segments: ['ENTERPRISE'] }, noTitles)),
    ).toEqual(['bob', 'ines']);
    expect(ids(models.searchAdvocates({ text: 'globex' }, noTitles))).toEqual(['bob']);
    expect(ids(models.searchAdvocates({ text: 'lean' }, noTitles))).toEqual(['ines']);
    // Titles are searched only for callers allowed to see them.
    expect(ids(models.searchAdvocates({ text: 'operations' }, noTitles))).toEqual([]);
    expect(ids(models.searchAdvocates({ text: 'operations' }, { includeTitles: true }))).toEqual(['ines']);
    expect(
      ids(models.searchAdvocates({ availableFor: { kind: 'REFERENCE_CALL', at: later } }, noTitles)),
    ).toEqual(['ines']);

    const page1 = models.searchAdvocates({}, noTitles, { first: 1 });
    expect(ids(page1)).toEqual(['bob']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = models.searchAdvocates({}, noTitles, { first: 1, after: page1.pageInfo.endCursor });
    expect(ids(page2)).toEqual(['ines']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(() => models.searchAdvocates({}, noTitles, { first: 101 })).toThrow(RangeError);
  });

  it('matches a request: ranked available candidates with the score breakdown, the rest with reasons', () => {
    expect(models.matchRequest('req-2', now)!.unavailable.map((c) => c.advocateId)).toEqual(['ines', 'bob']);
    const matches = models.matchRequest('req-2', later)!;
    expect(matches.available.map((c) => c.advocateId)).toEqual(['ines']);
    expect(matches.available[0]).toMatchObject({
      accountId: 'acme',
      ownerId: owner.userId,
      consentId: 'consent-1',
    });
    expect(matches.available[0]!.score.breakdown.map((b) => b.criterion)).toContain('industry');
    expect(matches.unavailable).toEqual([
      expect.objectContaining({
        advocateId: 'bob',
        reasons: [expect.objectContaining({ gap: 'NO_CONSENT' })],
      }),
    ]);
    // Advocates already candidates of the request are left out.
    expect(models.matchRequest('req-1', now)!.available).toEqual([]);
    expect(models.matchRequest('unknown', now)).toBeUndefined();
  });

  it('lists requests by requester, status and due date, with SLA and fulfilment time', () => {
    const req1 = models.request('req-1', now)!;
    expect(req1.request.status).toBe('CLOSED');
    expect(req1.fulfilledAt).toBe('2026-11-23T09:00:00.000Z');
    expect(req1.sla.state).toBe('MET');
    expect(req1.request.candidates.ines?.status).toBe('COMPLETED');
    expect(req1.outcomeAmount).toEqual({ amount: 240000, currency: 'EUR' });

    const bySam = models.listRequests({ requestedBy: rep.userId }, now);
    expect(bySam.edges.map((e) => e.node.request.requestId)).toEqual(['req-1']);
    const open = models.listRequests({ statuses: ['TRIAGED'] }, now);
    expect(open.edges.map((e) => e.node.request.requestId)).toEqual(['req-2']);
    // Ordered by due date: req-2 (due 3 days after its submission) before req-1 (due in 14).
    expect(models.listRequests({}, now).edges.map((e) => e.node.request.requestId)).toEqual([
      'req-2',
      'req-1',
    ]);
    expect(models.listRequests({ dueBefore: addDays(now, 5) }, now).edges).toHaveLength(1);
    expect(models.request('req-2', addDays(now, 5))!.sla.state).toBe('BREACHED');
  });

  it('keeps an audit history per subject in plain words, with the consent each use relied on', () => {
    const reserve = models.auditHistory('advocate', 'ines').find((e) => e.type === 'EngagementReserved')!;
    expect(reserve.sentence).toBe(
      'pat-pm reserved advocate ines for REFERENCE_CALL for request req-1 under consent consent-1 v1 (owner approval by olga-ae)',
    );
    expect(reserve).toMatchObject({
      actor: { userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] },
      consents: [{ consentId: 'consent-1', version: 1 }],
    });
    expect(reserve.checkpoint).toMatch(/^\d{16}$/);

    const consentTypes = models.auditHistory('consent', 'consent-1').map((e) => e.type);
    expect(consentTypes).toEqual([
      'ConsentGranted',
      'EngagementReserved',
      'EngagementScheduled',
      'EngagementCompleted',
    ]);
    const requestTypes = models.auditHistory('request', 'req-1').map((e) => e.type);
    expect(requestTypes).toContain('EngagementCompleted');
    expect(requestTypes[0]).toBe('ReferenceRequestSubmitted');
    expect(models.auditHistory('nomination', 'nom-ines').map((e) => e.type)).toEqual([
      'NominationSubmitted',
      'NominationApproved',
    ]);
    expect(models.auditHistory('account', 'acme')[0]?.sentence).toBe(
      'pat-pm registered account acme (Manufacturing, EMEA) owned by olga-ae',
    );
    expect(models.auditHistory('program', 'program')).toHaveLength(2);
    // Never personal data in the sentences.
    const all = JSON.stringify(
      ['advocate', 'nomination', 'request'].map((k) => models.auditHistory(k as never, 'ines')),
    );
    expect(all).not.toMatch(/Ines Weber|Head of Operations|@example\.com/);
  });

  it('measures the program', () => {
    const m = models.metrics(now);
    expect(m.funnel).toEqual({ CLOSED: 1, TRIAGED: 1 });
    expect(m.timeToFulfilHours).toEqual({ count: 1, median: 0, p90: 0 });
    expect(m.acceptanceRate).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(m.influencedPipeline).toEqual({ EUR: 250000 });
    expect(m.influencedRevenue).toEqual({ EUR: 240000 });
    expect(m.winRate.withReferences).toEqual({ numerator: 1, denominator: 1, rate: 1 });
    expect(m.winRate.withoutReferences).toEqual({ numerator: 0, denominator: 0 });
    expect(m.usageConcentration).toMatchObject({
      advocates: 2,
      completedUses: 1,
      topDecileShare: 1,
      gini: 0.5,
    });
    expect(m.nominationsByNominator).toEqual({
      'olga-ae': { submitted: 2, approved: 2, rejected: 0, withdrawn: 0 },
    });
    expect(m.profiles).toEqual({ stale: [], due: [] });
    expect(models.metrics(addDays(now, 200)).profiles.due).toEqual(['ines', 'bob']);
    expect(models.metrics(addDays(now, 340)).consentsExpiringSoon).toEqual([
      expect.objectContaining({ holder: 'ADVOCATE', holderId: 'ines', consentId: 'consent-1', version: 1 }),
    ]);
    const cell = m.coverage.find((c) => c.product === 'Planner')!;
    expect(cell).toMatchObject({
      industry: 'Manufacturing',
      region: 'EMEA',
      target: 3,
      supply: 1,
      demand: 2,
      gap: 2,
    });
  });

  it('follows withdrawal and erasure: reasons change, contact disappears, history stays', () => {
    const w = standardStory();
    w.advocate(
      'ines',
      cmd('WithdrawConsent', { consentId: 'consent-1', kinds: ['REFERENCE_CALL'], reason: 'No more calls.' }),
    );
    w.advocate('ines', cmd('RequestErasure', { reason: 'GDPR Art. 17' }), admin);
    const m = modelsOf(w);
    expect(m.availability('ines', 'REFERENCE_CALL', w.now).reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['ERASED', 'CONSENT']),
    );
    const full = m.fullAdvocate('ines', w.now)!;
    expect(full.contact).toBeUndefined();
    expect(full.status).toBe('ERASED');
    expect(m.searchAdvocates({ text: 'operations' }, { includeTitles: true }).edges).toEqual([]);
    expect(m.auditHistory('consent', 'consent-1').map((e) => e.type)).toContain('ConsentWithdrawn');
    expect(m.metrics(w.now).usageConcentration.completedUses).toBe(1);
  });
});

describe('stateAsOf', () => {
  it('folds a stream as recorded by a time and as effective at that time', () => {
    const world = new StoryWorld();
    world.setPolicies();
    world.registerAccount('acme', 'Acme GmbH', 'Manufacturing', 'EMEA', ['Planner']);
    world.nominateAndEnrol('ines', 'acme', {
      name: 'Ines',
      title: 'Ops',
      seniority: 'DIRECTOR',
      products: [],
      useCases: [],
      languages: ['de'],
    });
    const enrolledAt = world.now;
    world.advance(10);
    // Recorded 5 days after it happened in the world.
    world.recordedLagMs = 5 * 86_400_000;
    world.advocate('ines', cmd('RestAdvocate', { until: addDays(world.now, 30), reason: 'Busy quarter' }));
    const stream = world.log.filter((e) => e.streamId === 'advocate-ines');
    const t = addDays(enrolledAt, 12);
    const asOf = stateAsOf<AdvocateState>(stream, t);
    expect(asOf.aggregate).toBe('Advocate');
    expect(asOf.effective.status).toBe('RESTING');
    expect(asOf.recorded.status).toBe('ACTIVE');
    expect(stateAsOf<AdvocateState>(stream, addDays(enrolledAt, 20)).recorded).toEqual(
      world.state(advocateDecider, 'advocate-ines'),
    );
    expect(() => stateAsOf([], t)).toThrow(RangeError);
  });
});
