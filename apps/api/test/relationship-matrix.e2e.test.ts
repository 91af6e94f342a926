import { COMMAND_ROUTES, PERMISSIONS, streamIdOf, type CommandType } from '@vouch/application';
import { ROLES, type Role } from '@vouch/domain';
import {
  TENANT,
  addWish,
  populateWorld,
  world,
  type Someone,
} from '../../../packages/application/test/support/relationship-world';
import { graphql, newCommandId, type GraphQLResponse } from './support/graphql-client';
import { mutate } from './support/mutations';
import { sampleInput } from './support/sample-input';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const camel = (type: string) => type.charAt(0).toLowerCase() + type.slice(1);
const COMMANDS = Object.keys(COMMAND_ROUTES) as CommandType[];
const RELATIONSHIPS = ['own', 'someone else’s', 'none'] as const;
type Relation = (typeof RELATIONSHIPS)[number];
type Verdict = 'allowed' | 'forbidden' | 'hidden';

const PEOPLE: Partial<Record<Role, [Someone, Someone]>> = {
  ACCOUNT_OWNER: ['olga', 'otto'],
  REQUESTER: ['rita', 'sam'],
};
const ownerOf = (someone: Someone): 'olga' | 'otto' =>
  someone === 'olga' || someone === 'rita' ? 'olga' : 'otto';
const ID_FIELD = {
  Program: undefined,
  Account: 'accountId',
  Advocate: 'advocateId',
  Nomination: 'nominationId',
  ReferenceRequest: 'requestId',
  ContentAsset: 'contentId',
} as const;

let fresh = 0;

/** A mutation's input aimed at `someone`'s thing, the same aimed at an id that does not exist, and the stream it would change. */
function aimedAt(type: CommandType, someone: Someone) {
  const route = COMMAND_ROUTES[type];
  const owner = ownerOf(someone);
  const n = ++fresh;
  const input: Record<string, unknown> = {
    ...sampleInput(camel(type), `http-${n}`),
    commandId: newCommandId(type),
  };
  const idField = ID_FIELD[route.aggregate];
  let id: string;
  let ghostField: string | undefined = idField;
  if (type === 'RemoveFromWishlist') {
    id = world.wish[someone];
    ghostField = 'wishId';
  } else if (type === 'ReassignAccountOwner') {
    // Reassigned to the same owner: the matrix keeps its relationships for the cases after it.
    id = world.account[owner];
    input.ownerId = owner;
  } else if (type === 'RegisterAccount') {
    id = `http-account-${n}`;
    input.ownerId = owner;
  } else if (type === 'SubmitNomination') {
    input.accountId = world.account[owner];
    id = world.account[owner];
    ghostField = 'accountId';
  } else if (type === 'RecordEngagementFeedback') {
    const [engagementId, advocateId] = world.engagement[someone];
    input.engagementId = engagementId;
    id = advocateId;
  } else if (type === 'UseContent') {
    // A content use is the requester's through the request it names.
    input.requestId = world.request[someone];
    id = 'content-1';
  } else if (type === 'ApproveAsk' || type === 'DeclineAsk') {
    const [requestId, advocateId] = world.askFor[owner];
    input.advocateId = advocateId;
    id = requestId;
  } else if (route.createsWith) id = `http-new-${n}`;
  else if (route.aggregate === 'Account') id = world.account[owner];
  else if (route.aggregate === 'Advocate') id = world.advocate[owner];
  else if (route.aggregate === 'Nomination') id = world.nomination[owner];
  else if (route.aggregate === 'ReferenceRequest') id = world.request[someone];
  else if (route.aggregate === 'ContentAsset') id = 'content-1';
  else id = 'program';
  if (ghostField !== undefined && input[ghostField] === undefined)
    throw new Error(`${type} has no ${ghostField}`);
  if (type !== 'SubmitNomination' && type !== 'RemoveFromWishlist' && idField !== undefined)
    input[idField] = id;
  if (type === 'RemoveFromWishlist') input.wishId = id;
  const ghost = ghostField ? { ...input, commandId: newCommandId(type), [ghostField]: 'ghost' } : undefined;
  const streamId =
    route.aggregate === 'Program'
      ? 'program'
      : streamIdOf(route.aggregate, type === 'SubmitNomination' ? String(input.nominationId) : id);
  return { input, ghost, id, streamId };
}

type Errors = GraphQLResponse<unknown>['body']['errors'];
/** The first error as a client meets it, with the id it is about replaced, so two can be compared. */
const shape = (errors: Errors, id: string) =>
  JSON.stringify({ message: errors?.[0]?.message, extensions: errors?.[0]?.extensions })
    .split('ghost')
    .join(id);

describe('role × relationship × every mutation over HTTP (invariant 11)', () => {
  let t: TestServer;
  let root: string;
  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 100_000 } });
    await populateWorld(t.vouch);
    root = await tokenFor(TENANT, 'root', [...ROLES]);
  });
  afterAll(() => t.close());
  const version = async (streamId: string) =>
    (await t.store.readStream(TENANT, streamId, { limit: 100_000 })).length;

  function expected(type: CommandType, role: Role, relation: Relation): Verdict {
    const grant = PERMISSIONS[type][role];
    if (grant === undefined) return 'forbidden';
    if (grant.includes('ANY') || relation === 'own') return 'allowed';
    return type === 'RegisterAccount' ? 'forbidden' : 'hidden';
  }

  const cases = COMMANDS.flatMap((type) =>
    ROLES.flatMap((role) => RELATIONSHIPS.map((relation) => [type, role, relation] as const)),
  );

  it.each(cases)('%s as %s on %s', async (type, role, relation) => {
    const [mine, theirs] = PEOPLE[role] ?? ['olga', 'otto'];
    const token = await tokenFor(TENANT, relation === 'none' ? 'nobody' : mine, [role]);
    const subject = relation === 'someone else’s' ? theirs : mine;
    // A wish taken back earlier in the matrix is put back, so each case meets the same world.
    if (type === 'RemoveFromWishlist') await addWish(t.vouch, subject);
    const target = aimedAt(type, subject);
    const before = await version(target.streamId);
    const response = await mutate(t.url, token, camel(type), target.input);
    expect(response.status).toBe(200);
    const error = response.body.errors?.[0];
    let verdict: Verdict = 'allowed';
    if (
      error?.extensions?.code === 'FORBIDDEN' &&
      (error.extensions.details as { operation?: string } | undefined)?.operation === type
    )
      verdict = 'forbidden';
    else if (error?.extensions?.code === 'NOT_FOUND' && target.ghost) {
      const missing = await mutate(t.url, root, camel(type), target.ghost);
      if (shape(response.body.errors, target.id) === shape(missing.body.errors, target.id))
        verdict = 'hidden';
    }
    expect(verdict).toBe(expected(type, role, relation));
    if (verdict !== 'allowed') expect(await version(target.streamId)).toBe(before);
  });
});

const ACCOUNT = `query($id: ID!) { account(accountId: $id) { accountId ownerId } }`;
const NOMINATION = `query($id: ID!) { nomination(nominationId: $id) { nominationId } }`;
const REQUEST = `query($id: ID!) { request(requestId: $id) { requestId } }`;
const REQUESTS = `{ requests(first: 100) { edges { node { requestId } } } }`;
const ADVOCATE = `query($id: ID!) { advocate(advocateId: $id) { __typename ... on Advocate { contact { email } } } }`;

describe('role × relationship × the queries that depend on it, over HTTP', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 100_000 } });
    await populateWorld(t.vouch);
  });
  afterAll(() => t.close());

  const ask = async (user: string, role: Role, query: string, id?: string) =>
    (
      await graphql<Record<string, unknown>>(
        t.url,
        query,
        id === undefined ? {} : { id },
        await tokenFor(TENANT, user, [role]),
      )
    ).body;

  it.each([
    ['ACCOUNT_OWNER', 'olga', 'otto'],
    ['REQUESTER', 'rita', 'sam'],
  ] as const)(
    'a %s sees their own and nothing of someone else’s, exactly as if it did not exist',
    async (role, mine, theirs) => {
      const cases: [string, (someone: Someone) => string, string][] = [
        [ACCOUNT, (s) => world.account[ownerOf(s)], 'account'],
        [NOMINATION, (s) => world.nomination[ownerOf(s)], 'nomination'],
        [REQUEST, (s) => world.request[s], 'request'],
      ];
      for (const [query, idOf, field] of cases) {
        const grant = PERMISSIONS[field as 'account'][role];
        const own = await ask(mine, role, query, idOf(mine));
        const other = await ask(mine, role, query, idOf(theirs));
        const none = await ask('nobody', role, query, idOf(mine));
        const missing = await ask(mine, role, query, 'ghost');
        if (grant === undefined) {
          expect(own.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          continue;
        }
        expect(own.data?.[field]).not.toBeNull();
        for (const hidden of [other, none]) expect(hidden).toEqual(missing);
        expect(missing).toEqual({ data: { [field]: null } });
      }
      const listed = (await ask(mine, role, REQUESTS)).data?.requests as {
        edges: { node: { requestId: string } }[];
      };
      const ids = listed.edges.map((edge) => edge.node.requestId);
      expect(ids).toContain(world.request[mine]);
      expect(ids).not.toContain(world.request[theirs]);
    },
  );

  it("an account owner sees their advocate's contact, and another owner's advocate anonymised", async () => {
    const own = await ask('olga', 'ACCOUNT_OWNER', ADVOCATE, world.advocate.olga);
    expect(own.data?.advocate).toEqual({
      __typename: 'Advocate',
      contact: { email: 'adv-olga@example.com' },
    });
    const other = await ask('olga', 'ACCOUNT_OWNER', ADVOCATE, world.advocate.otto);
    expect(JSON.stringify(other)).not.toContain('adv-otto@example.com');
  });
});

describe('the attempts of issue 11, over HTTP: refused without revealing that anything exists', () => {
  let t: TestServer;
  let mallory: string;
  let rita: string;
  let root: string;
  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 100_000 } });
    await populateWorld(t.vouch);
    mallory = await tokenFor(TENANT, 'mallory', ['ACCOUNT_OWNER']); // owns no account
    rita = await tokenFor(TENANT, 'rita', ['REQUESTER']);
    root = await tokenFor(TENANT, 'root', [...ROLES]);
  });
  afterAll(() => t.close());

  /** NOT_FOUND, worded exactly as for an id that does not exist, and the stream's version unchanged. */
  async function expectHidden(
    token: string,
    mutation: string,
    input: Record<string, unknown>,
    idField: string,
    streamId: string,
  ) {
    const before = (await t.store.readStream(TENANT, streamId, { limit: 10_000 })).length;
    const seen = await mutate(t.url, token, mutation, { ...input, commandId: newCommandId(mutation) });
    const missing = await mutate(t.url, root, mutation, {
      ...input,
      commandId: newCommandId(mutation),
      [idField]: 'ghost',
    });
    expect(seen.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(shape(seen.body.errors, String(input[idField]))).toBe(
      shape(missing.body.errors, String(input[idField])),
    );
    expect(seen.body.data?.[mutation] ?? null).toBeNull();
    expect((await t.store.readStream(TENANT, streamId, { limit: 10_000 })).length).toBe(before);
  }

  const advocateId = world.advocate.otto;
  const onAdvocate = streamIdOf('Advocate', advocateId);
  const onAccount = streamIdOf('Account', world.account.otto);

  it("an owner of no account cannot set another owner's advocate's email to attacker@evil.example; an auditor reads the real one", async () => {
    await expectHidden(
      mallory,
      'updateAdvocateContact',
      { advocateId, name: 'Evil', email: 'attacker@evil.example', title: 'CEO' },
      'advocateId',
      onAdvocate,
    );
    const auditor = await tokenFor(TENANT, 'aud', ['AUDITOR']);
    const read = await graphql<Record<string, unknown>>(t.url, ADVOCATE, { id: advocateId }, auditor);
    expect(read.body.data?.advocate).toEqual({
      __typename: 'Advocate',
      contact: { email: 'adv-otto@example.com' },
    });
  });

  it('… cannot mark them DO_NOT_CONTACT', () =>
    expectHidden(mallory, 'markDoNotContact', { advocateId, reason: 'spite' }, 'advocateId', onAdvocate));

  it('… cannot rest them', () =>
    expectHidden(
      mallory,
      'restAdvocate',
      { advocateId, until: '2027-01-01T00:00:00.000Z', reason: 'x' },
      'advocateId',
      onAdvocate,
    ));

  it('… cannot change their preferences', () =>
    expectHidden(
      mallory,
      'setAdvocatePreferences',
      { advocateId, maxEngagementsPerWindow: 0 },
      'advocateId',
      onAdvocate,
    ));

  it('… cannot record health on an account that is not theirs', () =>
    expectHidden(
      mallory,
      'recordAccountHealth',
      { accountId: world.account.otto, healthScore: 1 },
      'accountId',
      onAccount,
    ));

  it('… cannot change the profile of an account that is not theirs', () =>
    expectHidden(
      mallory,
      'updateAccountProfile',
      {
        accountId: world.account.otto,
        name: 'Pwned',
        industry: 'x',
        segment: 'SMB',
        region: 'x',
        products: [],
      },
      'accountId',
      onAccount,
    ));

  it("a requester cannot rate an engagement of another requester's request", async () => {
    const [engagementId, advocate] = world.engagement.sam;
    await expectHidden(
      rita,
      'recordEngagementFeedback',
      { advocateId: advocate, engagementId, rating: 1 },
      'advocateId',
      streamIdOf('Advocate', advocate),
    );
    await expectHidden(
      rita,
      'recordRequestFeedback',
      { requestId: world.request.sam, advocateId: 'adv-otto', rating: 1 },
      'requestId',
      streamIdOf('ReferenceRequest', world.request.sam),
    );
  });

  it("cancelRequest on another requester's request is NOT_FOUND, as request(id) is null", async () => {
    await expectHidden(
      rita,
      'cancelRequest',
      { requestId: world.request.sam, reason: 'mine now' },
      'requestId',
      streamIdOf('ReferenceRequest', world.request.sam),
    );
    const read = await graphql<Record<string, unknown>>(t.url, REQUEST, { id: world.request.sam }, rita);
    expect(read.body).toEqual({ data: { request: null } });
  });
});
