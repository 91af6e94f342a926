import { PERMISSIONS, QUERY_NAMES, type QueryName } from '@vouch/application';
import { ROLES } from '@vouch/domain';
import { buildApiSchema } from '../src';
import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { mustQuery } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

/** One small operation per query of the facade. */
const QUERY_DOCUMENTS: Record<QueryName, string> = {
  program: '{ program { coverageTargets { edges { node { product } } } } }',
  account: '{ account(accountId: "x") { accountId } }',
  advocate: '{ advocate(advocateId: "x") { advocateId } }',
  searchAdvocates: '{ searchAdvocates(first: 1) { edges { cursor } } }',
  selfServePool: '{ selfServePool(kind: REFERENCE_CALL, first: 1) { edges { cursor } } }',
  availability: '{ availability(advocateId: "x", kind: REFERENCE_CALL) { available } }',
  matchCandidates: '{ matchCandidates(requestId: "x", first: 1) { available { advocateId } } }',
  nomination: '{ nomination(nominationId: "x") { status } }',
  request: '{ request(requestId: "x") { status } }',
  requests: '{ requests(first: 1) { edges { cursor } } }',
  callInvitation: '{ callInvitation(requestId: "x", advocateId: "x") { ics } }',
  content: '{ content(contentId: "x") { status } }',
  auditTrail: '{ auditTrail(subject: { kind: advocate, id: "x" }, first: 1) { edges { cursor } } }',
  subjectAsOf: '{ subjectAsOf(kind: advocate, id: "x", at: "2026-11-23T09:00:00Z") { aggregate } }',
  verifyIntegrity: '{ verifyIntegrity { ok } }',
  programMetrics: '{ programMetrics { slaBreaches } }',
  programAssessment: '{ programAssessment { grade } }',
  launchCoveragePlan:
    '{ launchCoveragePlan(launch: { name: "L", products: ["P"], launchDate: "2027-01-01T00:00:00Z", cells: [{ segment: "SMB", region: "NA", expectedOpportunities: 1 }] }) { totalGap } }',
  contentUsage: '{ contentUsage { published } }',
  executiveDigest: '{ executiveDigest(from: "2026-01-01T00:00:00Z") { consentsExpiringAhead } }',
  nominatorLeaderboard: '{ nominatorLeaderboard(first: 1) { edges { cursor } } }',
  tenantAuditTrail: '{ tenantAuditTrail(first: 1) { edges { cursor } } }',
  signedDigest: '{ signedDigest { sequence } }',
  integrityVerification: '{ integrityVerification(id: "x") { status } }',
};

const enrol = (url: string, token: string, advocateId: string, accountId: string) =>
  mustMutate(url, token, 'enrolAdvocate', {
    commandId: newCommandId(),
    advocateId,
    accountId,
    name: `Person ${advocateId}`,
    email: `${advocateId}@example.com`,
    title: 'Head of Planning',
    seniority: 'DIRECTOR',
    products: ['Planner'],
    useCases: ['planning'],
    languages: ['en'],
  });

const registerAccount = (url: string, token: string, accountId: string) =>
  mustMutate(url, token, 'registerAccount', {
    commandId: newCommandId(),
    accountId,
    name: 'Globex',
    industry: 'Retail',
    segment: 'MID_MARKET',
    region: 'NA',
    products: ['Planner'],
    ownerId: 'olga',
  });

describe('the queries over HTTP', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000 } });
  });
  afterAll(() => t.close());

  it('has a query for every query of the facade', () => {
    const fields = Object.keys(buildApiSchema().getQueryType()?.getFields() ?? {});
    expect(fields).toEqual(expect.arrayContaining([...QUERY_NAMES]));
  });

  it.each(ROLES)('a %s may run exactly the queries the permission table gives the role', async (role) => {
    const token = await tokenFor(`query-matrix-${role}`, `user-${role}`, [role]);
    const verdicts = await Promise.all(
      QUERY_NAMES.map(async (name) => {
        const response = await graphql(t.url, QUERY_DOCUMENTS[name], {}, token);
        expect(response.status).toBe(200);
        const refusedByTable = (response.body.errors ?? []).some(
          (error) =>
            error.extensions?.code === 'FORBIDDEN' &&
            (error.extensions.details as { operation?: string } | undefined)?.operation === name,
        );
        return [name, !refusedByTable] as const;
      }),
    );
    expect(verdicts).toEqual(
      QUERY_NAMES.map((name) => [name, PERMISSIONS[name][role] !== undefined] as const),
    );
  });

  it('pages advocates and requests as Relay connections', async () => {
    const pm = await tokenFor('paging', 'pat', ['PROGRAM_MANAGER']);
    await registerAccount(t.url, pm, 'globex');
    const ids = Array.from({ length: 25 }, (_, i) => `adv-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((advocateId) => enrol(t.url, pm, advocateId, 'globex')));

    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    do {
      const page: {
        edges: { cursor: string; node: { advocateId: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      } = (
        await mustQuery(
          t.url,
          pm,
          'query($after: String) { searchAdvocates(first: 10, after: $after) { edges { cursor node { advocateId } } pageInfo { hasNextPage endCursor } } }',
          { after },
        )
      ).searchAdvocates;
      seen.push(...page.edges.map((edge) => edge.node.advocateId));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      pages.push(page.pageInfo.hasNextPage);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([true, true, false]);
    expect(seen).toEqual(ids);

    for (const n of [1, 2, 3]) {
      await mustMutate(t.url, pm, 'submitReferenceRequest', {
        commandId: newCommandId(),
        requestId: `page-req-${n}`,
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: `opp-${n}`,
          stage: 'EVALUATION',
          amount: { amount: 1000 * n, currency: 'USD' },
          industry: 'Retail',
          region: 'NA',
          products: ['Planner'],
        },
        criteria: { territory: 'NA', channel: 'PRIVATE' },
        dueBy: `2026-12-0${n}T00:00:00.000Z`,
      });
    }
    const REQUESTS =
      'query($after: String) { requests(first: 2, after: $after) { edges { node { requestId } } pageInfo { hasNextPage endCursor } } }';
    const first = (await mustQuery(t.url, pm, REQUESTS)).requests;
    expect(first.edges.map((e: { node: { requestId: string } }) => e.node.requestId)).toEqual([
      'page-req-1',
      'page-req-2',
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await mustQuery(t.url, pm, REQUESTS, { after: first.pageInfo.endCursor })).requests;
    expect(second).toMatchObject({
      edges: [{ node: { requestId: 'page-req-3' } }],
      pageInfo: { hasNextPage: false },
    });
  });

  it.each([0, 101, -1])(
    'refuses first: %i on every list as BAD_USER_INPUT, naming the argument',
    async (first) => {
      const pm = await tokenFor('paging', 'pat', ['PROGRAM_MANAGER', 'AUDITOR']);
      const lists = [
        'query($first: Int!) { searchAdvocates(first: $first) { edges { cursor } } }',
        'query($first: Int!) { requests(first: $first) { edges { cursor } } }',
        'query($first: Int!) { auditTrail(subject: { kind: advocate, id: "adv-00" }, first: $first) { edges { cursor } } }',
        'query($first: Int!) { matchCandidates(requestId: "page-req-1", first: $first) { available { advocateId } } }',
      ];
      for (const query of lists) {
        const response = await graphql(t.url, query, { first }, pm);
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.body.errors?.[0]?.extensions?.issues).toEqual([
          expect.objectContaining({ field: 'input.first' }),
        ]);
        expect(response.body.data).toBeNull();
      }
    },
  );

  it('refuses a cursor that is not of the list', async () => {
    const auditor = await tokenFor('paging', 'audrey', ['AUDITOR']);
    const response = await graphql(
      t.url,
      '{ auditTrail(subject: { kind: advocate, id: "adv-00" }, first: 1, after: "bm9wZQ") { edges { cursor } } }',
      {},
      auditor,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('prices lists by their page size', async () => {
    const pm = await tokenFor('paging', 'pat', ['PROGRAM_MANAGER']);
    const nested =
      '{ requests(first: 100) { edges { node { candidates { advocate { products useCases languages topics contact { name email phone title } } } } } } }';
    const tight = await startTestServer({ limits: { maxCost: 300 } });
    try {
      const response = await graphql(tight.url, nested, {}, pm);
      expect(codesOf(response)).toEqual(['QUERY_TOO_COMPLEX']);
    } finally {
      await tight.close();
    }
  });

  it('answers nothing of another tenant', async () => {
    const pmA = await tokenFor('tenant-a', 'olga', ['PROGRAM_MANAGER', 'AUDITOR']);
    const pmB = await tokenFor('tenant-b', 'mallory', ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN']);
    await registerAccount(t.url, pmA, 'shared-id');
    await enrol(t.url, pmA, 'secret-advocate', 'shared-id');
    expect(
      (await mustQuery(t.url, pmA, '{ advocate(advocateId: "secret-advocate") { view } }')).advocate,
    ).toEqual({
      view: 'FULL',
    });

    const answers = await mustQuery(
      t.url,
      pmB,
      `{
        advocate(advocateId: "secret-advocate") { advocateId }
        account(accountId: "shared-id") { accountId }
        searchAdvocates(first: 100) { edges { node { advocateId } } }
        auditTrail(subject: { kind: advocate, id: "secret-advocate" }, first: 10) { edges { cursor } totalCount }
        subjectAsOf(kind: advocate, id: "secret-advocate", at: "2027-01-01T00:00:00Z") { aggregate }
        availability(advocateId: "secret-advocate", kind: REFERENCE_CALL) { available reasons { code } }
        verifyIntegrity { eventsChecked streamsChecked }
      }`,
    );
    expect(answers).toEqual({
      advocate: null,
      account: null,
      searchAdvocates: { edges: [] },
      auditTrail: { edges: [], totalCount: 0 },
      subjectAsOf: null,
      availability: { available: false, reasons: [{ code: 'NOT_ENROLLED' }] },
      verifyIntegrity: { eventsChecked: 0, streamsChecked: 0 },
    });
  });
});
