import { addDays } from '@vouch/domain';
import { graphql, newCommandId as id } from './graphql-client';
import { mustMutate, mutate } from './mutations';
import { startTestServer, type StoreFactory, type TestServer } from './test-server';
import { tokenFor } from './tokens';

const TENANT = 'acme-corp';

/** Polls until the assertion holds: process managers react asynchronously. */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
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

/** A response read deep by a test whose assertions check its shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the expectations type-check the data
export type Untyped = any;

/** Runs an operation and fails the test with the errors when it did not succeed. */
export async function mustQuery<Data = Record<string, Untyped>>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Data> {
  const response = await graphql<Data>(url, query, variables, token);
  if (!response.body.data || response.body.errors) {
    throw new Error(`Query failed (${response.status}): ${JSON.stringify(response.body.errors)}`);
  }
  return response.body.data;
}

const ADVOCATE = `query Advocate($id: ID!) {
  advocate(advocateId: $id) {
    view advocateId accountId company industry segment region status seniority products languages freshness
    contact { name email title } accountOwnerId acceptedRequesters { edges { node } }
  }
}`;

/**
 * The reference program story, from nomination to a won deal, as GraphQL operations over
 * HTTP against a real server on the given store — and every query of the facade on the way:
 * what each role reads at each step, anonymisation included.
 */
export function programStory(label: string, openStore?: StoreFactory): void {
  describe(`the reference program story over HTTP on ${label}`, () => {
    let t: TestServer;
    let pm: string;
    let owner: string;
    let rep: string;
    let auditor: string;
    const now = '2026-11-23T09:00:00.000Z';
    const types = async (streamId: string) =>
      (await t.store.readStream(TENANT, streamId, { limit: 10_000 })).map((event) => event.type);
    const advocateAs = async (token: string) =>
      (await mustQuery(t.url, token, ADVOCATE, { id: 'ines' })).advocate;

    beforeAll(async () => {
      t = await startTestServer(openStore ? { openStore } : {});
      await t.vouch.start([TENANT]);
      pm = await tokenFor(TENANT, 'pat-pm', ['PROGRAM_MANAGER']);
      owner = await tokenFor(TENANT, 'olga-ae', ['ACCOUNT_OWNER']);
      rep = await tokenFor(TENANT, 'sam-sales', ['REQUESTER']);
      auditor = await tokenFor(TENANT, 'audrey', ['AUDITOR']);
    });
    afterAll(() => t?.close());

    it('goes from nomination to a won deal, and every query tells the story', async () => {
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

      const program = await mustQuery(
        t.url,
        rep,
        '{ program { policies { nomination { minAccountHealth } fatigue { maxPerWindow maxPerKindPerWindow { kind max } } } coverageTargets { edges { node { product } } } } }',
      );
      expect(program.program.policies.nomination.minAccountHealth).toBe(70);
      expect(program.program.policies.fatigue.maxPerKindPerWindow).toEqual([
        { kind: 'REFERENCE_CALL', max: 3 },
      ]);
      const accountView = await mustQuery(
        t.url,
        owner,
        'query($id: ID!) { account(accountId: $id) { accountId status name segment products ownerId health { healthScore } consents { edges { node { consentId } } } } }',
        { id: 'acme' },
      );
      expect(accountView.account).toEqual({
        accountId: 'acme',
        status: 'ACTIVE',
        name: 'Acme GmbH',
        segment: 'ENTERPRISE',
        products: ['Planner'],
        ownerId: 'olga-ae',
        health: { healthScore: 88 },
        consents: { edges: [] },
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
      const nomination = await mustQuery(
        t.url,
        pm,
        '{ nomination(nominationId: "nom-1") { nominationId status accountId candidateId nominatedBy } }',
      );
      expect(nomination.nomination).toEqual({
        nominationId: 'nom-1',
        status: 'APPROVED',
        accountId: 'acme',
        candidateId: 'ines',
        nominatedBy: 'olga-ae',
      });
      await eventually(async () => expect(await types('advocate-ines')).toContain('AdvocateEnrolled'));

      // The mutation's payload reads the advocate back through the query, as its caller may see them.
      const activation = await mustQuery(
        t.url,
        pm,
        'mutation($input: AdvocateCommandInput!) { activateAdvocate(input: $input) { version duplicate advocate { status view } request { status } } }',
        { input: { commandId: 'activate-ines', advocateId: 'ines' } },
      );
      expect(activation.activateAdvocate).toMatchObject({
        duplicate: false,
        advocate: { status: 'ACTIVE', view: 'FULL' },
        request: null,
      });
      const again = await mustMutate(t.url, pm, 'activateAdvocate', {
        commandId: 'activate-ines',
        advocateId: 'ines',
      });
      expect(again).toMatchObject({ duplicate: true, version: activation.activateAdvocate.version });

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

      // The program sees Ines in full; a requester sees company, title level and attributes only.
      expect(await advocateAs(pm)).toMatchObject({
        view: 'FULL',
        contact: { name: 'Ines Weber', email: 'ines@acme.example', title: 'Head of Operations' },
        accountOwnerId: 'olga-ae',
      });
      expect(await advocateAs(owner)).toMatchObject({ view: 'FULL', contact: { name: 'Ines Weber' } });
      expect(await advocateAs(rep)).toEqual({
        view: 'ANONYMISED',
        advocateId: 'ines',
        accountId: 'acme',
        company: 'Acme GmbH',
        industry: 'Manufacturing',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        status: 'ACTIVE',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        languages: ['de'],
        freshness: 'FRESH',
        contact: null,
        accountOwnerId: null,
        acceptedRequesters: null,
      });
      const search = await mustQuery(
        t.url,
        rep,
        'query($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 5) { edges { cursor node { advocateId view contact { name } } } pageInfo { hasNextPage endCursor } } }',
        {
          f: {
            industries: ['Manufacturing'],
            availableFor: {
              kind: 'REFERENCE_CALL',
              at: addDays(now, 3),
              territory: 'EMEA',
              channel: 'PRIVATE',
            },
          },
        },
      );
      expect(search.searchAdvocates.edges.map((e: { node: unknown }) => e.node)).toEqual([
        { advocateId: 'ines', view: 'ANONYMISED', contact: null },
      ]);
      expect(search.searchAdvocates.pageInfo).toEqual({
        hasNextPage: false,
        endCursor: search.searchAdvocates.edges[0].cursor,
      });
      expect(JSON.stringify(search)).not.toContain('Ines');

      const AVAILABILITY = `query($kind: ActivityKind!, $territory: String, $channel: Channel) {
        availability(advocateId: "ines", kind: $kind, territory: $territory, channel: $channel) {
          available reasons { code words gap until } nextAvailableAt headroom consentId consentVersion consentExpiresAt
          usesInWindow { windowDays max kind source used remaining }
        }
      }`;
      const callable = await mustQuery(t.url, rep, AVAILABILITY, {
        kind: 'REFERENCE_CALL',
        territory: 'EMEA',
        channel: 'PRIVATE',
      });
      expect(callable.availability).toMatchObject({
        available: true,
        reasons: [],
        consentId: 'consent-1',
        consentVersion: 1,
        consentExpiresAt: addDays(now, 365),
      });
      expect(callable.availability.usesInWindow).toContainEqual({
        windowDays: 90,
        max: 3,
        kind: 'REFERENCE_CALL',
        source: 'PROGRAM',
        used: 0,
        remaining: 3,
      });
      const noVideo = await mustQuery(t.url, pm, AVAILABILITY, { kind: 'VIDEO' });
      expect(noVideo.availability.available).toBe(false);
      expect(noVideo.availability.reasons).toEqual([
        { code: 'CONSENT', gap: 'KIND_NOT_COVERED', words: expect.any(String), until: null },
      ]);

      await mustMutate(t.url, pm, 'draftContent', {
        commandId: id(),
        contentId: 'cs-1',
        kind: 'CASE_STUDY',
        title: 'How Acme plans',
        accountId: 'acme',
        holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
        territory: 'EMEA',
        channel: 'WEB',
      });
      const content = await mustQuery(
        t.url,
        rep,
        '{ content(contentId: "cs-1") { contentId status kind accountId holders { holder holderId } territory channel reliesOn { consentId } } }',
      );
      expect(content.content).toEqual({
        contentId: 'cs-1',
        status: 'DRAFT',
        kind: 'CASE_STUDY',
        accountId: 'acme',
        holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
        territory: 'EMEA',
        channel: 'WEB',
        reliesOn: [],
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
      const triage = await mustQuery(
        t.url,
        pm,
        'mutation($input: TriageRequestInput!) { triageRequest(input: $input) { request { requestId status priority sla { state } } } }',
        { input: { commandId: id(), requestId: 'req-1', priority: 'HIGH' } },
      );
      expect(triage.triageRequest.request).toEqual({
        requestId: 'req-1',
        status: 'TRIAGED',
        priority: 'HIGH',
        sla: { state: 'ON_TRACK' },
      });

      const MATCH = `query($first: Int) { matchCandidates(requestId: "req-1", first: $first) {
        available { advocateId accountId ownerId consentId score { total breakdown { criterion weight score explanation } } }
        unavailable { advocateId reasons { code } }
      } }`;
      const matches = (await mustQuery(t.url, rep, MATCH, { first: 5 })).matchCandidates;
      expect(matches.unavailable).toEqual([]);
      expect(matches.available).toHaveLength(1);
      const [best] = matches.available;
      expect(best).toMatchObject({
        advocateId: 'ines',
        accountId: 'acme',
        ownerId: 'olga-ae',
        consentId: 'consent-1',
      });
      expect(best.score.total).toBeGreaterThan(0);
      expect(best.score.breakdown).toContainEqual({
        criterion: 'industry',
        weight: 20,
        score: 1,
        explanation: expect.any(String),
      });
      const weights = best.score.breakdown.reduce((sum: number, c: { weight: number }) => sum + c.weight, 0);
      expect(weights).toBe(100);
      // Another requester may not even learn the request exists.
      const stranger = await tokenFor(TENANT, 'rita-sales', ['REQUESTER']);
      const hidden = await graphql(t.url, MATCH, { first: 5 }, stranger);
      expect(hidden.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(
        (await mustQuery(t.url, stranger, '{ request(requestId: "req-1") { status } }')).request,
      ).toBeNull();

      await mustMutate(t.url, pm, 'shortlistCandidates', {
        commandId: id(),
        requestId: 'req-1',
        candidates: [
          {
            advocateId: 'ines',
            accountId: 'acme',
            ownerId: 'olga-ae',
            score: best.score.total,
            breakdown: best.score.breakdown,
          },
        ],
      });

      const premature = await mutate(t.url, pm, 'askAdvocate', {
        commandId: id(),
        requestId: 'req-1',
        advocateId: 'ines',
      });
      expect(premature.body.errors?.[0]?.extensions?.code).toBe('OWNER_APPROVAL_REQUIRED');
      expect(await types('advocate-ines')).not.toContain('EngagementReserved');

      await mustMutate(t.url, owner, 'approveAsk', {
        commandId: id(),
        requestId: 'req-1',
        advocateId: 'ines',
      });
      await mustMutate(t.url, pm, 'askAdvocate', { commandId: id(), requestId: 'req-1', advocateId: 'ines' });
      // Asked is not accepted: the requester still sees no one by name.
      expect(await advocateAs(rep)).toMatchObject({ view: 'ANONYMISED', contact: null });

      await mustMutate(t.url, pm, 'recordAdvocateResponse', {
        commandId: id(),
        requestId: 'req-1',
        advocateId: 'ines',
        accepted: true,
      });
      await eventually(async () => expect(await types('advocate-ines')).toContain('EngagementAccepted'));
      // Ines accepted Sam's request: Sam now sees who she is.
      await eventually(async () =>
        expect(await advocateAs(rep)).toMatchObject({
          view: 'FULL',
          contact: { name: 'Ines Weber', email: 'ines@acme.example' },
          acceptedRequesters: { edges: [{ node: 'sam-sales' }] },
        }),
      );
      // …and no other requester does.
      expect(await advocateAs(stranger)).toMatchObject({ view: 'ANONYMISED', contact: null });

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

      const requests = await mustQuery(
        t.url,
        rep,
        '{ requests(first: 10, filter: { statuses: [CLOSED] }) { edges { node { requestId status requestedBy opportunity { amount { amount currency } } outcome outcomeAmount { amount currency } asked accepted completedActivities candidates { advocateId status advocate { view contact { name } } } } } pageInfo { hasNextPage } } }',
      );
      expect(requests.requests).toEqual({
        edges: [
          {
            node: {
              requestId: 'req-1',
              status: 'CLOSED',
              requestedBy: 'sam-sales',
              opportunity: { amount: { amount: 120000, currency: 'EUR' } },
              outcome: 'WON',
              outcomeAmount: { amount: 110000, currency: 'EUR' },
              asked: 1,
              accepted: 1,
              completedActivities: 1,
              candidates: [
                {
                  advocateId: 'ines',
                  status: 'COMPLETED',
                  advocate: { view: 'FULL', contact: { name: 'Ines Weber' } },
                },
              ],
            },
          },
        ],
        pageInfo: { hasNextPage: false },
      });
      expect((await mustQuery(t.url, stranger, '{ requests { edges { cursor } } }')).requests.edges).toEqual(
        [],
      );

      const metrics = (
        await mustQuery(
          t.url,
          pm,
          `{ programMetrics { funnel { status requests } timeToFulfilHours { count median p90 } slaBreaches
            acceptanceRate { numerator denominator rate } usageConcentration { advocates completedUses topDecileShare gini }
            influencedPipeline { amount currency } influencedRevenue { amount currency }
            winRate { withReferences { rate } withoutReferences { rate } }
            nominationsByNominator { edges { node { nominatedBy submitted approved rejected withdrawn } } }
            profiles { stale { edges { node } } due { edges { node } } } consentsExpiringSoon { edges { node { consentId } } }
            coverage { edges { node { industry region product supply demand target gap } } pageInfo { hasNextPage } } } }`,
        )
      ).programMetrics;
      expect(metrics).toMatchObject({
        funnel: [{ status: 'CLOSED', requests: 1 }],
        timeToFulfilHours: { count: 1 },
        slaBreaches: 0,
        acceptanceRate: { numerator: 1, denominator: 1, rate: 1 },
        usageConcentration: { advocates: 1, completedUses: 1 },
        influencedPipeline: [{ amount: 120000, currency: 'EUR' }],
        influencedRevenue: [{ amount: 110000, currency: 'EUR' }],
        winRate: { withReferences: { rate: 1 }, withoutReferences: { rate: null } },
        nominationsByNominator: {
          edges: [{ node: { nominatedBy: 'olga-ae', submitted: 1, approved: 1, rejected: 0, withdrawn: 0 } }],
        },
        profiles: { stale: { edges: [] }, due: { edges: [] } },
        consentsExpiringSoon: { edges: [] },
      });
      expect(metrics.coverage.pageInfo.hasNextPage).toBe(false);
      expect(metrics.coverage.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
        industry: 'Manufacturing',
        region: 'EMEA',
        product: 'Planner',
        supply: 1,
        demand: 1,
        target: null,
        gap: null,
      });

      // The auditor replays Ines's history a page at a time, and the consent's own.
      const AUDIT = `query($kind: AuditSubjectKind!, $id: ID!, $after: String) {
        auditTrail(subject: { kind: $kind, id: $id }, first: 4, after: $after) {
          edges { cursor node { checkpoint recordedAt effectiveAt actor { userId roles } type sentence consents { consentId version } } }
          pageInfo { hasNextPage endCursor } totalCount
        }
      }`;
      const entries: { type: string; sentence: string; consents: unknown[]; actor: { userId: string } }[] =
        [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: Untyped = (
          await mustQuery(t.url, auditor, AUDIT, { kind: 'advocate', id: 'ines', after })
        ).auditTrail;
        entries.push(...page.edges.map((edge: { node: (typeof entries)[number] }) => edge.node));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        expect(page.totalCount).toBeGreaterThan(4);
        pages += 1;
      } while (after);
      expect(pages).toBeGreaterThan(1);
      expect(entries.map((e) => e.type)).toEqual(
        expect.arrayContaining([
          'AdvocateEnrolled',
          'ConsentGranted',
          'EngagementReserved',
          'EngagementCompleted',
        ]),
      );
      expect(entries.find((e) => e.type === 'EngagementCompleted')?.consents).toEqual([
        { consentId: 'consent-1', version: 1 },
      ]);
      expect(entries.every((e) => e.sentence.length > 0 && !e.sentence.includes('Ines'))).toBe(true);
      const consentTrail = (
        await mustQuery(t.url, auditor, AUDIT, { kind: 'consent', id: 'consent-1', after: null })
      ).auditTrail;
      expect(consentTrail.edges[0].node.type).toBe('ConsentGranted');

      const asOf = (
        await mustQuery(
          t.url,
          auditor,
          `query($at: DateTime!) { subjectAsOf(kind: request, id: "req-1", at: $at) {
            aggregate at recorded { events state } effective { events state } } }`,
          { at: addDays(now, 4) },
        )
      ).subjectAsOf;
      expect(asOf.aggregate).toBe('ReferenceRequest');
      expect(asOf.recorded.events).toBeGreaterThan(5);
      expect(asOf.recorded.state).toMatchObject({ requestId: 'req-1', status: 'CLOSED', outcome: 'WON' });
      expect(asOf.effective.state).toMatchObject({ requestId: 'req-1' });
      const before = (
        await mustQuery(
          t.url,
          auditor,
          '{ subjectAsOf(kind: request, id: "req-1", at: "2026-01-01T00:00:00Z") { recorded { events } } }',
        )
      ).subjectAsOf;
      expect(before.recorded.events).toBe(0);
      expect(
        (
          await mustQuery(
            t.url,
            auditor,
            '{ subjectAsOf(kind: advocate, id: "nobody", at: "2026-12-01T00:00:00Z") { aggregate } }',
          )
        ).subjectAsOf,
      ).toBeNull();

      const integrity = (
        await mustQuery(
          t.url,
          auditor,
          '{ verifyIntegrity { ok streamsChecked eventsChecked firstBroken { streamId } digest { tenantId checkpoint streams merkleRoot issuedAt format } } }',
        )
      ).verifyIntegrity;
      expect(integrity).toMatchObject({ ok: true, firstBroken: null, digest: { tenantId: TENANT } });
      expect(integrity.eventsChecked).toBeGreaterThan(15);
      expect(integrity.digest.streams).toBe(integrity.streamsChecked);
      expect(integrity.digest.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
    });
  });
}
