import { addDays } from '@vouch/domain';
import { activeAdvocateOfAcme } from './support/consenting-advocate';
import { codesOf, newCommandId as id } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { mustQuery } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'request-modes';
const NOW = '2026-11-23T09:00:00.000Z';

// Issue 16 over HTTP: request modes, the owner's self-serve pool, content use with a cap and an
// expiry — and the hostile uses: a take from outside the pool, a pre-approval of an account the
// caller does not own, a use of an expired asset, a use for someone else's request.
describe('request modes, the self-serve pool and content use over HTTP', () => {
  let t: TestServer;
  let pm: string;
  let olga: string;
  let otto: string;
  let sam: string;
  let rita: string;

  const eventsOf = async (type: string) =>
    (await t.store.readAll(TENANT))
      .filter((e) => e.type === type)
      .map((e) => e.data as Record<string, unknown>);

  const submit = (token: string, requestId: string, kind: string, channel = 'PRIVATE') =>
    mustMutate(t.url, token, 'submitReferenceRequest', {
      commandId: id(),
      requestId,
      department: 'SALES',
      kind,
      advocatesNeeded: 1,
      opportunity: {
        opportunityId: `opp-${requestId}`,
        stage: 'EVALUATION',
        amount: { amount: 90000, currency: 'EUR' },
        industry: 'Manufacturing',
        region: 'EMEA',
        products: ['Planner'],
      },
      criteria: { territory: 'EMEA', channel },
      dueBy: addDays(NOW, 10),
    });
  const take = (token: string, requestId: string, advocateId = 'ines') =>
    mutate(t.url, token, 'takeFromSelfServePool', { commandId: id(), requestId, advocateId });
  const preApprove = (token: string) =>
    mutate(t.url, token, 'preApproveSelfServe', {
      commandId: id(),
      advocateId: 'ines',
      preApprovalId: 'pool-1',
      kinds: ['REFERENCE_CALL'],
      validUntil: addDays(NOW, 30),
    });
  const publishQuote = async (contentId: string, limits: Record<string, unknown>) => {
    await mustMutate(t.url, pm, 'draftContent', {
      commandId: id(),
      contentId,
      kind: 'QUOTE',
      title: 'Planning in minutes',
      accountId: 'acme',
      holders: [{ holder: 'ADVOCATE', holderId: 'ines' }],
      territory: 'EMEA',
      channel: 'WEB',
    });
    await mustMutate(t.url, pm, 'approveContent', { commandId: id(), contentId, evidence: 'sign-off DOC-1' });
    await mustMutate(t.url, pm, 'publishContent', { commandId: id(), contentId, ...limits });
  };
  const useContent = (token: string, contentId: string, requestId: string) =>
    mutate(t.url, token, 'useContent', {
      commandId: id(),
      contentId,
      where: 'Globex deck, slide 3',
      requestId,
    });

  beforeAll(async () => {
    t = await startTestServer();
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    olga = await tokenFor(TENANT, 'olga', ['ACCOUNT_OWNER']);
    otto = await tokenFor(TENANT, 'otto', ['ACCOUNT_OWNER']);
    sam = await tokenFor(TENANT, 'sam', ['REQUESTER']);
    rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
    await activeAdvocateOfAcme(t, pm);
    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'c-1',
        kinds: ['REFERENCE_CALL', 'QUOTE'],
        territories: ['EMEA'],
        channels: ['PRIVATE', 'WEB'],
        validFrom: NOW,
        maxUses: 3,
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW,
        noticeVersion: 'v1',
      },
    });
    await submit(sam, 'req-call', 'REFERENCE_CALL');
    await submit(sam, 'req-quote', 'QUOTE', 'WEB');
  }, 60_000);
  afterAll(() => t.close());

  it('by default (owner-approved) a rep cannot self-serve: REQUEST_MODE_NOT_ALLOWED, nothing reserved', async () => {
    expect(codesOf(await take(sam, 'req-call'))).toEqual(['REQUEST_MODE_NOT_ALLOWED']);
    expect(await eventsOf('EngagementReserved')).toEqual([]);
  });

  it('the program sets the modes: reference calls self-serve, quotes auto-complete', async () => {
    await mustMutate(t.url, pm, 'setRequestModePolicy', {
      commandId: id(),
      defaultMode: 'OWNER_APPROVED',
      kindModes: [
        { kind: 'REFERENCE_CALL', mode: 'SELF_SERVE' },
        { kind: 'QUOTE', mode: 'AUTO_COMPLETE' },
      ],
    });
    expect(
      codesOf(
        await mutate(t.url, sam, 'setRequestModePolicy', { commandId: id(), defaultMode: 'SELF_SERVE' }),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('hostile: a take of an advocate not in the pool is refused (OWNER_APPROVAL_REQUIRED), nothing reserved', async () => {
    expect(codesOf(await take(sam, 'req-call'))).toEqual(['OWNER_APPROVAL_REQUIRED']);
    expect(await eventsOf('EngagementReserved')).toEqual([]);
  });

  it("hostile: an owner pre-approving another owner's advocate meets an advocate that does not exist", async () => {
    const response = await preApprove(otto);
    expect(codesOf(response)).toEqual(['NOT_FOUND']);
    expect(await eventsOf('SelfServePreApproved')).toEqual([]);
    // Nor may a program manager speak for the owner here.
    expect(codesOf(await preApprove(pm))).toEqual(['FORBIDDEN']);
  });

  it('the account owner pre-approves; the rep takes the advocate with no per-ask approval; the owner is named', async () => {
    await preApprove(olga).then((r) => expect(r.body.errors).toBeUndefined());
    const response = await take(sam, 'req-call');
    expect(response.body.errors).toBeUndefined();
    expect(await eventsOf('EngagementReserved')).toEqual([
      expect.objectContaining({
        engagementId: 'req-call.ines',
        consentId: 'c-1',
        ownerClearance: { kind: 'SELF_SERVE', by: 'olga', reason: 'self-serve pre-approval pool-1' },
      }),
    ]);
    expect(await eventsOf('AdvocateTakenFromPool')).toEqual([
      expect.objectContaining({ requestId: 'req-call', advocateId: 'ines', ownerId: 'olga', takenBy: 'sam' }),
    ]);
  });

  it('reps see the pool (anonymised); the owner sees the take on the request, cleared by their pre-approval', async () => {
    const pool = await mustQuery<{ selfServePool: { edges: { node: Record<string, unknown> }[] } }>(
      t.url,
      sam,
      '{ selfServePool(kind: REFERENCE_CALL, first: 10) { edges { node { advocateId view } } } }',
    );
    expect(pool.selfServePool.edges.map((e) => e.node)).toEqual([{ advocateId: 'ines', view: 'ANONYMISED' }]);
    const none = await mustQuery<{ selfServePool: { edges: unknown[] } }>(
      t.url,
      sam,
      '{ selfServePool(kind: SITE_VISIT, first: 10) { edges { cursor } } }',
    );
    expect(none.selfServePool.edges).toEqual([]);
    const seen = await mustQuery<{ request: { candidates: Record<string, unknown>[] } }>(
      t.url,
      olga,
      '{ request(requestId: "req-call") { candidates { advocateId status clearance clearedBy } } }',
    );
    expect(seen.request.candidates).toEqual([
      { advocateId: 'ines', status: 'ASKED', clearance: 'SELF_SERVE', clearedBy: 'olga' },
    ]);
  });

  it("hostile: a rep taking for someone else's request meets a request that does not exist", async () => {
    await submit(sam, 'req-call-2', 'REFERENCE_CALL');
    expect(codesOf(await take(rita, 'req-call-2'))).toEqual(['NOT_FOUND']);
    expect((await eventsOf('EngagementReserved')).map((e) => e.engagementId)).toEqual(['req-call.ines']);
  });

  it('auto-complete: the rep uses a quote for their request; the use counts on the asset and on the consent', async () => {
    await publishQuote('q-1', { maxUses: 1, expiresAt: addDays(NOW, 20) });
    const input = {
      commandId: id(),
      contentId: 'q-1',
      where: 'Globex deck, slide 3',
      requestId: 'req-quote',
    };
    const response = await mutate(t.url, sam, 'useContent', input);
    expect(response.body.errors).toBeUndefined();
    // Invariant 8: the same command id again answers the first result and records nothing more.
    const again = await mutate(t.url, sam, 'useContent', input);
    expect(again.body.data?.useContent).toMatchObject({ duplicate: true });
    expect(await eventsOf('ConsentUseRecorded')).toEqual([
      expect.objectContaining({
        advocateId: 'ines',
        consentId: 'c-1',
        contentId: 'q-1',
        requestId: 'req-quote',
      }),
    ]);
    expect(await eventsOf('ContentUsed')).toEqual([
      expect.objectContaining({
        contentId: 'q-1',
        usedBy: 'sam',
        where: 'Globex deck, slide 3',
        useNumber: 1,
      }),
    ]);
    const asset = await mustQuery<{ content: Record<string, unknown> }>(
      t.url,
      sam,
      '{ content(contentId: "q-1") { uses maxUses expiresAt } }',
    );
    expect(asset.content).toEqual({ uses: 1, maxUses: 1, expiresAt: addDays(NOW, 20) });
  });

  it('hostile: using an asset beyond its cap is refused (CONTENT_USE_LIMIT_REACHED), nothing counted', async () => {
    expect(codesOf(await useContent(sam, 'q-1', 'req-quote'))).toEqual(['CONTENT_USE_LIMIT_REACHED']);
    expect(await eventsOf('ConsentUseRecorded')).toHaveLength(1);
  });

  it("hostile: a rep using content for someone else's request meets content that does not exist", async () => {
    await publishQuote('q-2', {});
    expect(codesOf(await useContent(rita, 'q-2', 'req-quote'))).toEqual(['NOT_FOUND']);
    expect(await eventsOf('ContentUsed')).toHaveLength(1);
  });

  it('hostile: using an expired asset is refused (CONTENT_EXPIRED), nothing counted', async () => {
    await publishQuote('q-3', { expiresAt: addDays(NOW, 2) });
    t.setNow(addDays(NOW, 3));
    try {
      expect(codesOf(await useContent(sam, 'q-3', 'req-quote'))).toEqual(['CONTENT_EXPIRED']);
      expect(await eventsOf('ConsentUseRecorded')).toHaveLength(1);
    } finally {
      t.setNow(NOW);
    }
  });

  it('PM_FULFILLED: the program manager asks a shortlisted candidate without the owner; the owner still sees it', async () => {
    await mustMutate(t.url, pm, 'setRequestModePolicy', {
      commandId: id(),
      defaultMode: 'OWNER_APPROVED',
      kindModes: [
        { kind: 'QUOTE', mode: 'AUTO_COMPLETE' },
        { kind: 'SITE_VISIT', mode: 'PM_FULFILLED' },
      ],
    });
    await submit(sam, 'req-visit', 'SITE_VISIT');
    await mustMutate(t.url, pm, 'grantConsent', {
      commandId: id(),
      advocateId: 'ines',
      consent: {
        consentId: 'c-visit',
        kinds: ['SITE_VISIT'],
        territories: ['EMEA'],
        channels: ['PRIVATE'],
        validFrom: NOW,
        collectionMethod: 'E_SIGNATURE',
        collectedAt: NOW,
        noticeVersion: 'v1',
      },
    });
    await mustMutate(t.url, pm, 'triageRequest', {
      commandId: id(),
      requestId: 'req-visit',
      priority: 'HIGH',
    });
    await mustMutate(t.url, pm, 'shortlistCandidates', {
      commandId: id(),
      requestId: 'req-visit',
      candidates: [{ advocateId: 'ines', accountId: 'acme', ownerId: 'olga', score: 1, breakdown: [] }],
    });
    const asked = await mutate(t.url, pm, 'askAdvocate', {
      commandId: id(),
      requestId: 'req-visit',
      advocateId: 'ines',
      fatigueOverrideReason: 'The self-serve call is the same week.',
    });
    expect(asked.body.errors).toBeUndefined();
    expect(
      (await eventsOf('EngagementReserved')).find((e) => e.engagementId === 'req-visit.ines'),
    ).toMatchObject({
      ownerClearance: { kind: 'PM_FULFILLED', by: 'pat' },
    });
    const seen = await mustQuery<{ request: { candidates: Record<string, unknown>[] } }>(
      t.url,
      olga,
      '{ request(requestId: "req-visit") { candidates { advocateId status } } }',
    );
    expect(seen.request.candidates).toEqual([{ advocateId: 'ines', status: 'ASKED' }]);
  });

  it('a rep may not record a use of content under a mode other than auto-complete (REQUEST_MODE_NOT_ALLOWED)', async () => {
    expect(codesOf(await useContent(sam, 'q-2', 'req-call'))).toEqual(['REQUEST_MODE_NOT_ALLOWED']);
  });
});
