import { newCommandId } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { mustQuery, type Untyped } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'search-views';
const SEARCH = `query($f: AdvocateSearchInput, $after: String) {
  searchAdvocates(filter: $f, first: 2, after: $after) {
    edges { cursor node { advocateId view company seniority products contact { name email title } accountOwnerId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Search hands out views kept between requests: whoever asked first, each caller gets the view
 * their roles allow, never the one built for the caller before them.
 */
describe('searchAdvocates views over HTTP', () => {
  let t: TestServer;
  let pm: string;
  let rep: string;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000 } });
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    rep = await tokenFor(TENANT, 'sam', ['REQUESTER']);
    for (const [accountId, industry] of [
      ['acme', 'Manufacturing'],
      ['globex', 'Retail'],
    ]) {
      await mustMutate(t.url, pm, 'registerAccount', {
        commandId: newCommandId(),
        accountId,
        name: `${accountId} GmbH`,
        industry,
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga',
      });
    }
    // Enrolled out of id order; acme's are the ones the filter finds.
    for (const [advocateId, accountId] of [
      ['dora', 'acme'],
      ['bea', 'globex'],
      ['anna', 'acme'],
      ['cleo', 'acme'],
    ]) {
      await mustMutate(t.url, pm, 'enrolAdvocate', {
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
    }
  });
  afterAll(() => t.close());

  const page = async (token: string, after?: string): Promise<Untyped> =>
    (await mustQuery(t.url, token, SEARCH, { f: { industries: ['Manufacturing'] }, after })).searchAdvocates;

  it("gives a requester the anonymised page right after a program manager's full one, and back", async () => {
    const full = await page(pm);
    expect(full.edges.map((e: Untyped) => e.node)).toEqual([
      {
        advocateId: 'anna',
        view: 'FULL',
        company: 'acme GmbH',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        contact: { name: 'Person anna', email: 'anna@example.com', title: 'Head of Planning' },
        accountOwnerId: 'olga',
      },
      expect.objectContaining({
        advocateId: 'cleo',
        view: 'FULL',
        contact: expect.objectContaining({ name: 'Person cleo' }),
      }),
    ]);

    const anonymised = await page(rep);
    expect(anonymised.edges.map((e: Untyped) => e.node)).toEqual([
      {
        advocateId: 'anna',
        view: 'ANONYMISED',
        company: 'acme GmbH',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        contact: null,
        accountOwnerId: null,
      },
      expect.objectContaining({
        advocateId: 'cleo',
        view: 'ANONYMISED',
        contact: null,
        accountOwnerId: null,
      }),
    ]);
    expect(JSON.stringify(anonymised)).not.toMatch(/Person|example\.com|Head of Planning|olga/);
    // Same matches, same cursors: only the view differs.
    expect(anonymised.edges.map((e: Untyped) => e.cursor)).toEqual(full.edges.map((e: Untyped) => e.cursor));

    // The requester's cursor read by the program manager, and the other way round.
    const nextFull = await page(pm, anonymised.pageInfo.endCursor);
    expect(
      nextFull.edges.map((e: Untyped) => [e.node.advocateId, e.node.view, e.node.contact?.name]),
    ).toEqual([['dora', 'FULL', 'Person dora']]);
    expect(nextFull.pageInfo.hasNextPage).toBe(false);
    const nextAnonymised = await page(rep, full.pageInfo.endCursor);
    expect(
      nextAnonymised.edges.map((e: Untyped) => [e.node.advocateId, e.node.view, e.node.contact]),
    ).toEqual([['dora', 'ANONYMISED', null]]);

    // And the program manager again, after the requester: full once more.
    expect((await page(pm)).edges.map((e: Untyped) => e.node.view)).toEqual(['FULL', 'FULL']);
  });

  it('lets a requester find no one by words of the titles they may not see', async () => {
    const byTitle = { f: { text: 'planning head' } };
    const forRep = await mustQuery(t.url, rep, SEARCH, byTitle);
    expect(forRep.searchAdvocates.edges).toEqual([]);
    const forPm = await mustQuery(t.url, pm, SEARCH, byTitle);
    expect(forPm.searchAdvocates.edges.map((e: Untyped) => e.node.advocateId)).toEqual(['anna', 'bea']);
  });
});
