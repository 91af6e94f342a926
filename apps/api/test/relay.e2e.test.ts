import type { Role } from '@vouch/domain';
import { toGlobalId, type NodeTypeName } from '../src/schema/node/global-id';
import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { mustQuery } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'relay';
const OTHER_TENANT = 'relay-other';
const id = () => newCommandId('relay');

/** Each Node type: its own query, the fields compared, and the domain id of the object made below. */
const NODE_CASES: Record<NodeTypeName, { domainId: string; query: string; fragment: string }> = {
  Advocate: {
    domainId: 'ines',
    query: 'advocate(advocateId: $domainId)',
    fragment: 'fragment F on Advocate { id advocateId view company contact { name } accountOwnerId }',
  },
  Account: {
    domainId: 'acme',
    query: 'account(accountId: $domainId)',
    fragment: 'fragment F on Account { id accountId name ownerId }',
  },
  ReferenceRequest: {
    domainId: 'req-rita',
    query: 'request(requestId: $domainId)',
    fragment: 'fragment F on ReferenceRequest { id requestId status requestedBy }',
  },
  Nomination: {
    domainId: 'nom-1',
    query: 'nomination(nominationId: $domainId)',
    fragment: 'fragment F on Nomination { id nominationId status }',
  },
  ContentAsset: {
    domainId: 'cs-1',
    query: 'content(contentId: $domainId)',
    fragment: 'fragment F on ContentAsset { id contentId status }',
  },
  Program: {
    domainId: 'program',
    query: 'program',
    fragment: 'fragment F on Program { id policies { nomination { minAccountHealth } } }',
  },
};

/** The callers compared: every role, and for the relationship-bound roles one related and one not. */
const CALLERS: readonly { user: string; roles: Role[] }[] = [
  { user: 'pat', roles: ['PROGRAM_MANAGER'] },
  { user: 'audrey', roles: ['AUDITOR'] },
  { user: 'adam', roles: ['ADMIN'] },
  { user: 'olga', roles: ['ACCOUNT_OWNER'] },
  { user: 'oscar', roles: ['ACCOUNT_OWNER'] },
  { user: 'rita', roles: ['REQUESTER'] },
  { user: 'rex', roles: ['REQUESTER'] },
];

const submitRequest = (url: string, token: string, requestId: string, dueBy = '2026-12-20T00:00:00.000Z') =>
  mustMutate(url, token, 'submitReferenceRequest', {
    commandId: id(),
    requestId,
    department: 'SALES',
    kind: 'REFERENCE_CALL',
    advocatesNeeded: 1,
    opportunity: {
      opportunityId: `opp-${requestId}`,
      stage: 'EVALUATION',
      amount: { amount: 1000, currency: 'USD' },
      industry: 'Retail',
      region: 'NA',
      products: ['Planner'],
    },
    criteria: { territory: 'NA', channel: 'PRIVATE' },
    dueBy,
  });

const registerAccount = (url: string, token: string, accountId: string, industry = 'Manufacturing') =>
  mustMutate(url, token, 'registerAccount', {
    commandId: id(),
    accountId,
    name: `${accountId} GmbH`,
    industry,
    segment: 'ENTERPRISE',
    region: 'EMEA',
    products: ['Planner'],
    ownerId: 'olga',
  });

const enrol = (url: string, token: string, advocateId: string, accountId: string) =>
  mustMutate(url, token, 'enrolAdvocate', {
    commandId: id(),
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

interface Page {
  edges: { cursor: string; node: { advocateId: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount: number | null;
}

describe('Relay over HTTP', () => {
  let t: TestServer;
  let pm: string;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000 } });
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    const olga = await tokenFor(TENANT, 'olga', ['ACCOUNT_OWNER']);
    const rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
    await registerAccount(t.url, pm, 'acme');
    await mustMutate(t.url, pm, 'recordAccountHealth', {
      commandId: id(),
      accountId: 'acme',
      healthScore: 90,
    });
    await mustMutate(t.url, olga, 'submitNomination', {
      commandId: id(),
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'nina',
      name: 'Nina Nominee',
      email: 'nina@acme.example',
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10.',
    });
    await enrol(t.url, pm, 'ines', 'acme');
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
    await submitRequest(t.url, rita, 'req-rita');
  });
  afterAll(() => t.close());

  describe('Global Object Identification', () => {
    it.each(
      CALLERS.flatMap((caller) =>
        Object.keys(NODE_CASES).map((type): [(typeof CALLERS)[number], NodeTypeName] => [
          caller,
          type as NodeTypeName,
        ]),
      ),
    )('node(id:) answers %j about a %s exactly as its own query does', async (caller, type) => {
      const token = await tokenFor(TENANT, caller.user, caller.roles);
      const { domainId, query, fragment } = NODE_CASES[type];
      const variables = { domainId, id: toGlobalId(type, domainId) };
      const usesDomainId = query.includes('$domainId');
      const own = await graphql(
        t.url,
        `query${usesDomainId ? '($domainId: ID!)' : ''} { it: ${query} { ...F } } ${fragment}`,
        usesDomainId ? { domainId } : {},
        token,
      );
      const viaNode = await graphql(
        t.url,
        `
          query ($id: ID!) {
            it: node(id: $id) {
              ...F
            }
          }
          ${fragment}
        `,
        { id: variables.id },
        token,
      );
      expect(viaNode.body.data).toEqual(own.body.data);
      expect(codesOf(viaNode)).toEqual(codesOf(own));
    });

    it('makes every object of a Node type visible to someone, so the comparison above compares something', async () => {
      for (const [type, { domainId }] of Object.entries(NODE_CASES)) {
        const found = await mustQuery(t.url, pm, 'query($id: ID!) { node(id: $id) { __typename id } }', {
          id: toGlobalId(type as NodeTypeName, domainId),
        });
        expect(found.node).toEqual({ __typename: type, id: toGlobalId(type as NodeTypeName, domainId) });
      }
    });

    it('hides a request from a requester who did not ask for it, as the request query does', async () => {
      const rex = await tokenFor(TENANT, 'rex', ['REQUESTER']);
      const rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
      const request = { id: toGlobalId('ReferenceRequest', 'req-rita') };
      const NODE = 'query($id: ID!) { node(id: $id) { id ... on ReferenceRequest { requestId } } }';
      expect((await mustQuery(t.url, rex, NODE, request)).node).toBeNull();
      expect((await mustQuery(t.url, rita, NODE, request)).node).toEqual({
        ...request,
        requestId: 'req-rita',
      });
    });

    it('gives a requester the anonymised advocate, as the advocate query does', async () => {
      const rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
      const found = await mustQuery(
        t.url,
        rita,
        'query($id: ID!) { node(id: $id) { ... on Advocate { advocateId view contact { name } } } }',
        { id: toGlobalId('Advocate', 'ines') },
      );
      expect(found.node).toEqual({ advocateId: 'ines', view: 'ANONYMISED', contact: null });
    });

    it("finds nothing of another tenant: a global id holds no tenant, the caller's token decides", async () => {
      const stranger = await tokenFor(OTHER_TENANT, 'pat', ['PROGRAM_MANAGER']);
      const found = await mustQuery(t.url, stranger, 'query($id: ID!) { node(id: $id) { id } }', {
        id: toGlobalId('Advocate', 'ines'),
      });
      expect(found.node).toBeNull();
    });

    it('refuses an id that is not a global id of this API as BAD_USER_INPUT', async () => {
      for (const bad of [
        'ines',
        Buffer.from('Secret:ines').toString('base64url'),
        'SW52b2ljZTp4',
        '=',
        'x'.repeat(800),
      ]) {
        const response = await graphql(t.url, 'query($id: ID!) { node(id: $id) { id } }', { id: bad }, pm);
        expect(response.body.data).toEqual({ node: null });
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('answers nodes(ids:) item by item: found, hidden and malformed side by side', async () => {
      const rex = await tokenFor(TENANT, 'rex', ['REQUESTER']);
      const response = await graphql(
        t.url,
        'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }',
        {
          ids: [
            toGlobalId('Advocate', 'ines'),
            toGlobalId('ReferenceRequest', 'req-rita'),
            'not-an-id',
            toGlobalId('Account', 'acme'),
          ],
        },
        rex,
      );
      expect(response.body.data).toEqual({
        nodes: [{ __typename: 'Advocate', id: toGlobalId('Advocate', 'ines') }, null, null, null],
      });
      // The malformed id and the account (which requesters may not read) each say why, at their own index.
      expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['nodes', 2], 'BAD_USER_INPUT'],
        [['nodes', 3], 'FORBIDDEN'],
      ]);
      const tooMany = await graphql(
        t.url,
        'query($ids: [ID!]!) { nodes(ids: $ids) { id } }',
        {
          ids: Array.from({ length: 101 }, () => toGlobalId('Advocate', 'ines')),
        },
        pm,
      );
      expect(codesOf(tooMany)).toEqual(['BAD_USER_INPUT']);
    });

    it('gives the same global id wherever an object appears (a mutation payload, a connection)', async () => {
      const payload = await mustQuery(
        t.url,
        pm,
        'mutation($input: RecordAccountHealthInput!) { recordAccountHealth(input: $input) { account { id accountId } } }',
        { input: { commandId: id(), accountId: 'acme', healthScore: 80 } },
      );
      expect(payload.recordAccountHealth.account).toEqual({
        id: toGlobalId('Account', 'acme'),
        accountId: 'acme',
      });
      const search = await mustQuery(t.url, pm, '{ searchAdvocates { edges { node { id advocateId } } } }');
      expect(search.searchAdvocates.edges).toContainEqual({
        node: { id: toGlobalId('Advocate', 'ines'), advocateId: 'ines' },
      });
    });
  });

  describe('Cursor Connections', () => {
    const PAGING_TENANT = 'relay-paging';
    let token: string;
    const ids = Array.from({ length: 25 }, (_, i) => `adv-${String(i).padStart(2, '0')}`);
    const SEARCH = `query($first: Int, $after: String, $last: Int, $before: String, $filter: AdvocateSearchInput) {
      searchAdvocates(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
        edges { cursor node { advocateId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount
      }
    }`;
    const search = async (variables: Record<string, unknown>): Promise<Page> =>
      (await mustQuery(t.url, token, SEARCH, variables)).searchAdvocates;

    beforeAll(async () => {
      token = await tokenFor(PAGING_TENANT, 'pat', ['PROGRAM_MANAGER']);
      await registerAccount(t.url, token, 'globex', 'Retail');
      await registerAccount(t.url, token, 'initech', 'Software');
      // Every third advocate works at a retailer: a narrow filter, which the search drives by its index.
      await Promise.all(
        ids.map((advocateId, i) => enrol(t.url, token, advocateId, i % 3 === 0 ? 'globex' : 'initech')),
      );
    });

    it('reads the first 20 when neither first nor last is given', async () => {
      const page = await search({});
      expect(page.edges.map((edge) => edge.node.advocateId)).toEqual(ids.slice(0, 20));
      expect(page.pageInfo).toEqual({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: page.edges[0]!.cursor,
        endCursor: page.edges[19]!.cursor,
      });
    });

    it.each([
      ['every advocate (a walk of the sorted index)', undefined, ids],
      [
        'retail advocates (driven by the industry index)',
        { industries: ['Retail'] },
        ids.filter((_, i) => i % 3 === 0),
      ],
    ])(
      'pages %s forward and backward, each page saying what lies on both sides',
      async (_label, filter, expected) => {
        const forward: string[] = [];
        const previous: boolean[] = [];
        let after: string | null = null;
        do {
          const page: Page = await search({ first: 4, after, filter });
          forward.push(...page.edges.map((edge) => edge.node.advocateId));
          previous.push(page.pageInfo.hasPreviousPage);
          expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
          expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        expect(forward).toEqual(expected);
        expect(previous).toEqual(previous.map((_, index) => index > 0));

        const backward: string[] = [];
        const next: boolean[] = [];
        let before: string | null = null;
        do {
          const page: Page = await search({ last: 4, before, filter });
          backward.unshift(...page.edges.map((edge) => edge.node.advocateId));
          next.push(page.pageInfo.hasNextPage);
          before = page.pageInfo.hasPreviousPage ? page.pageInfo.startCursor : null;
        } while (before);
        expect(backward).toEqual(expected);
        expect(next).toEqual(next.map((_, index) => index > 0));
      },
    );

    it('reads between two cursors', async () => {
      const all = await search({ first: 25 });
      const cursorOf = (advocateId: string) =>
        all.edges.find((edge) => edge.node.advocateId === advocateId)!.cursor;
      const page = await search({ first: 10, after: cursorOf('adv-03'), before: cursorOf('adv-07') });
      expect(page.edges.map((edge) => edge.node.advocateId)).toEqual(['adv-04', 'adv-05', 'adv-06']);
      expect(page.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    });

    it('refuses first with last, and sizes out of 1..100, as BAD_USER_INPUT', async () => {
      for (const variables of [{ first: 2, last: 2 }, { last: 0 }, { last: 101 }]) {
        const response = await graphql(t.url, SEARCH, variables, token);
        expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.body.data).toBeNull();
      }
    });

    it('pages requests and audit trails backward too', async () => {
      for (const n of [1, 2, 3])
        await submitRequest(t.url, token, `paged-${n}`, `2026-12-0${n}T00:00:00.000Z`);
      const REQUESTS =
        'query($before: String) { requests(last: 2, before: $before) { edges { node { requestId } } pageInfo { hasPreviousPage hasNextPage startCursor } } }';
      const end = (await mustQuery(t.url, token, REQUESTS)).requests;
      expect(end.edges.map((edge: { node: { requestId: string } }) => edge.node.requestId)).toEqual([
        'paged-2',
        'paged-3',
      ]);
      expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      const start = (await mustQuery(t.url, token, REQUESTS, { before: end.pageInfo.startCursor })).requests;
      expect(start.edges.map((edge: { node: { requestId: string } }) => edge.node.requestId)).toEqual([
        'paged-1',
      ]);
      expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });

      await mustMutate(t.url, token, 'activateAdvocate', { commandId: id(), advocateId: 'adv-00' });
      const AUDIT =
        '{ auditTrail(subject: { kind: advocate, id: "adv-00" }, last: 1) { edges { node { type } } pageInfo { hasPreviousPage hasNextPage } totalCount } }';
      expect((await mustQuery(t.url, token, AUDIT)).auditTrail).toEqual({
        edges: [{ node: { type: 'AdvocateActivated' } }],
        pageInfo: { hasPreviousPage: true, hasNextPage: false },
        totalCount: 2,
      });
    });
  });

  it("pages the lists that grow inside an object too: the program's wishlist, backward", async () => {
    const tenantToken = await tokenFor('relay-wishes', 'pat', ['PROGRAM_MANAGER']);
    for (const n of [1, 2, 3]) {
      await mustMutate(t.url, tenantToken, 'addToWishlist', {
        commandId: id(),
        wishId: `wish-${n}`,
        accountName: `Wished ${n}`,
        industry: 'Retail',
        segment: 'SMB',
        region: 'NA',
        products: ['Planner'],
        reason: 'A household name.',
      });
    }
    const WISHES = `query($before: String) { program { wishlist(last: 2, before: $before) {
      edges { node { wishId } } pageInfo { hasPreviousPage hasNextPage startCursor } totalCount } } }`;
    const end = (await mustQuery(t.url, tenantToken, WISHES)).program.wishlist;
    expect(end.edges).toEqual([{ node: { wishId: 'wish-2' } }, { node: { wishId: 'wish-3' } }]);
    expect(end.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(end.totalCount).toBe(3);
    const start = (await mustQuery(t.url, tenantToken, WISHES, { before: end.pageInfo.startCursor })).program
      .wishlist;
    expect(start.edges).toEqual([{ node: { wishId: 'wish-1' } }]);
    expect(start.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    const stranger = await graphql(t.url, WISHES, { before: 'bm90LWEtd2lzaA' }, tenantToken);
    expect(codesOf(stranger)).toEqual(['BAD_USER_INPUT']);
  });

  it("offers the tenant's trail forward only, as it streams the log, and the facade refuses reading it backward", async () => {
    const auditor = await tokenFor(TENANT, 'audrey', ['AUDITOR']);
    const forward = await mustQuery(
      t.url,
      auditor,
      '{ tenantAuditTrail(first: 2) { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }',
    );
    expect(forward.tenantAuditTrail.edges).toHaveLength(2);
    expect(forward.tenantAuditTrail.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false });
    const backward = await graphql(t.url, '{ tenantAuditTrail(last: 2) { edges { cursor } } }', {}, auditor);
    expect(codesOf(backward)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    await expect(
      t.vouch.queries.tenantAuditTrail(
        { tenantId: TENANT, userId: 'audrey', roles: ['AUDITOR'] },
        {},
        { last: 2 },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  describe('several mutations in one document', () => {
    it('keeps the result of a mutation that ran when a later one is refused, each with its own error', async () => {
      const response = await graphql(
        t.url,
        `
          mutation ($first: RegisterAccountInput!, $second: ArchiveAccountInput!) {
            first: registerAccount(input: $first) {
              aggregateId
              eventTypes
              account {
                id
                name
              }
            }
            second: archiveAccount(input: $second) {
              aggregateId
            }
          }
        `,
        {
          first: {
            commandId: id(),
            accountId: 'written-first',
            name: 'Written First',
            industry: 'Retail',
            segment: 'SMB',
            region: 'NA',
            products: ['Planner'],
            ownerId: 'olga',
          },
          second: { commandId: id(), accountId: 'never-registered', reason: 'Gone.' },
        },
        pm,
      );
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({
        first: {
          aggregateId: 'written-first',
          eventTypes: ['AccountRegistered'],
          account: { id: toGlobalId('Account', 'written-first'), name: 'Written First' },
        },
        second: null,
      });
      expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['second'], 'NOT_FOUND'],
      ]);
      // The first mutation's write happened, as its payload says.
      const account = await mustQuery(t.url, pm, '{ account(accountId: "written-first") { status } }');
      expect(account.account).toEqual({ status: 'ACTIVE' });
    });
  });
});
