import { graphql, codesOf, newCommandId } from './support/graphql-client';
import { mustMutate, mutate } from './support/mutations';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'hygiene';
const MESSAGE = 'must not contain NUL characters or unpaired surrogates';

const nomination = (overrides: Record<string, unknown>) => ({
  commandId: newCommandId('nominate'),
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
  evidence: 'Gave us a 10.',
  ...overrides,
});

// Invariant 10 (what is stored is what was meant) and the GraphQL conventions (typed input errors)
describe('NUL characters and unpaired surrogates in text input over HTTP', () => {
  let t: TestServer;
  let owner: string;

  beforeAll(async () => {
    t = await startTestServer();
    owner = await tokenFor(TENANT, 'olga-ae', ['ACCOUNT_OWNER']);
    await mustMutate(t.url, owner, 'registerAccount', {
      commandId: newCommandId(),
      accountId: 'acme',
      name: 'Acme GmbH',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga-ae',
    });
    await mustMutate(t.url, owner, 'recordAccountHealth', {
      commandId: newCommandId(),
      accountId: 'acme',
      healthScore: 90,
    });
  });
  afterAll(() => t?.close());

  const eventCount = async () => (await t.store.readAll(TENANT, { limit: 10_000 })).length;

  it.each([
    ['a NUL in a name', { name: 'Ines\u0000Weber' }, ['input.name']],
    ['an unpaired high surrogate in the evidence', { evidence: 'Gave us a 10 \uD83D' }, ['input.evidence']],
    ['an unpaired low surrogate in a list item', { products: ['Planner', '\uDE42'] }, ['input.products[1]']],
    ['two bad fields at once', { name: '\u0000', title: 'x\uDC00' }, ['input.name', 'input.title']],
  ])(
    'refuses %s with BAD_USER_INPUT naming the field, and writes nothing',
    async (_what, overrides, fields) => {
      const before = await eventCount();
      const response = await mutate(t.url, owner, 'submitNomination', nomination(overrides));
      expect(response.status).toBe(400);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors?.[0]?.extensions?.issues).toEqual(
        fields.map((field) => ({ field, message: MESSAGE })),
      );
      // The message names fields, never the rejected text.
      expect(JSON.stringify(response.body)).not.toMatch(/Ines.Weber|Gave us/);
      expect(await eventCount()).toBe(before);
    },
  );

  it('refuses unclean text written into the document itself, in a query too', async () => {
    const response = await graphql(
      t.url,
      '{ advocate(advocateId: "ines\\u0000") { advocateId } }',
      {},
      owner,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.issues).toEqual([
      { field: 'advocateId', message: MESSAGE },
    ]);
    const literal = (name: string) =>
      graphql(
        t.url,
        `mutation { submitNomination(input: { commandId: "c-1", nominationId: "nom-2", accountId: "acme", candidateId: "zoe",
           name: "${name}", email: "zoe@acme.example", title: "CTO", seniority: DIRECTOR, products: ["Planner"],
           useCases: ["x"], languages: ["en"], evidenceKind: NPS_PROMOTER, evidence: "fine" }) { duplicate } }`,
        {},
        owner,
      );
    const before = await eventCount();
    const nul = await literal('Zo\\u0000');
    expect(codesOf(nul)).toEqual(['BAD_USER_INPUT']);
    expect(nul.body.errors?.[0]?.extensions?.issues).toEqual([{ field: 'input.name', message: MESSAGE }]);
    // The same text again: Apollo hands back the document it parsed, whose literals were walked once.
    const again = await literal('Zo\\u0000');
    expect(codesOf(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.body.errors?.[0]?.extensions?.issues).toEqual([{ field: 'input.name', message: MESSAGE }]);
    // GraphQL itself has no unpaired surrogate escape: such a document does not parse.
    expect(codesOf(await literal('Zo\\uD800'))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(await eventCount()).toBe(before);
  });

  it('accepts the same text well formed: accents, emoji and a proper surrogate pair', async () => {
    const payload = await mustMutate(
      t.url,
      owner,
      'submitNomination',
      nomination({ name: 'Inès Wéber 🙂', evidence: 'Gave us a 10 🎉' }),
    );
    expect(payload.eventTypes).toEqual(['NominationSubmitted']);
  });
});
