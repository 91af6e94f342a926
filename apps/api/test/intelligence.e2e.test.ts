import { codesOf, graphql, newCommandId } from './support/graphql-client';
import { mustMutate } from './support/mutations';
import { mustQuery } from './support/program-story';
import { startTestServer, type TestServer } from './support/test-server';
import { tokenFor } from './support/tokens';

const TENANT = 'intelligence';

const ASSESSMENT = `query($at: DateTime) { programAssessment(at: $at) { at score grade
  elements { element score grade evidence findings } } }`;

const request = (requestId: string, department: string, amount: number) => ({
  commandId: newCommandId(),
  requestId,
  department,
  kind: 'CASE_STUDY',
  advocatesNeeded: 1,
  opportunity: {
    opportunityId: `opp-${requestId}`,
    stage: 'EVALUATION',
    amount: { amount, currency: 'EUR' },
    industry: 'Healthcare',
    region: 'EMEA',
    products: ['Planner'],
  },
  criteria: { territory: 'EMEA', channel: 'PRIVATE' },
  dueBy: '2026-12-20T00:00:00.000Z',
});

describe('program intelligence over HTTP', () => {
  let t: TestServer;
  let pm: string;

  beforeAll(async () => {
    t = await startTestServer({ limits: { rateLimitPerWindow: 10_000 } });
    pm = await tokenFor(TENANT, 'pat', ['PROGRAM_MANAGER']);
    await mustMutate(t.url, pm, 'registerAccount', {
      commandId: newCommandId(),
      accountId: 'acme',
      name: 'Acme GmbH',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga',
    });
    await mustMutate(t.url, pm, 'submitReferenceRequest', request('r1', 'SALES', 1000));
    t.setNow('2026-11-24T10:00:00.000Z');
    await mustMutate(t.url, pm, 'submitReferenceRequest', request('r2', 'MARKETING', 2000));
  });
  afterAll(() => t.close());

  it('assesses the program from its events, with the evidence and the seeds’ pitfalls', async () => {
    const { programAssessment } = await mustQuery(t.url, pm, ASSESSMENT);
    const byElement = Object.fromEntries(
      programAssessment.elements.map((e: { element: string }) => [e.element, e]),
    );
    expect(programAssessment.elements).toHaveLength(11);
    expect(byElement.HORIZONTAL_INTEGRATION).toMatchObject({
      score: 0.333,
      grade: 'WEAK',
      evidence: ['departments: 2 (MARKETING, SALES) asked in the last 365 days.'],
    });
    expect(byElement.PROGRAM_VISION.findings[0]).toMatch(/^No link to growth strategy/);
    // The first request is a day old and was never triaged: late.
    expect(byElement.STAFF_COMPOSITION.evidence).toEqual([
      'triage: 0 of 1 requests triaged within 24 h in the last 365 days.',
    ]);
    expect(byElement.CONTENT_STRATEGY.evidence[0]).toBe(
      'content: 0 assets published; 2 requests asked for content that did not exist.',
    );
  });

  it('shows the program as it stood at a past instant', async () => {
    const { programAssessment } = await mustQuery(t.url, pm, ASSESSMENT, { at: '2026-11-23T12:00:00.000Z' });
    const integration = programAssessment.elements.find(
      (e: { element: string }) => e.element === 'HORIZONTAL_INTEGRATION',
    );
    expect(integration.evidence).toEqual(['departments: 1 (SALES) asked in the last 365 days.']);
  });

  it('plans a launch and lists missing content', async () => {
    const { launchCoveragePlan, contentUsage } = await mustQuery(
      t.url,
      pm,
      `{ launchCoveragePlan(launch: { name: "Planner 2", products: ["Planner"], launchDate: "2027-02-01T00:00:00Z",
           cells: [{ segment: "ENTERPRISE", region: "EMEA", expectedOpportunities: 4 }] }) {
           totalNeeded totalGap lines { kind referencesNeeded advocatesAvailable gap ratesFrom recruitFrom { source ref } explanation } }
         contentUsage { published missing { kind industry requests } assets(first: 5) { edges { node { contentId } } } } }`,
    );
    expect(launchCoveragePlan.lines).toEqual([
      expect.objectContaining({ kind: 'CASE_STUDY', referencesNeeded: 4, advocatesAvailable: 0, gap: 4 }),
    ]);
    expect(contentUsage.missing).toEqual([{ kind: 'CASE_STUDY', industry: 'Healthcare', requests: 2 }]);
  });

  it('refuses a launch without cells as bad input, changing nothing', async () => {
    const response = await graphql(
      t.url,
      '{ launchCoveragePlan(launch: { name: "x", products: ["Planner"], launchDate: "2027-02-01T00:00:00Z", cells: [] }) { totalGap } }',
      {},
      pm,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
  });

  it('gives the executive digest of a period', async () => {
    const { executiveDigest } = await mustQuery(
      t.url,
      pm,
      '{ executiveDigest(from: "2026-11-01T00:00:00Z") { from to consentsExpiringAhead usesBySlice { uses } assessment { grade } } }',
    );
    expect(executiveDigest).toMatchObject({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-24T10:00:00.000Z',
    });
  });

  it('keeps the program’s intelligence from a sales rep, but shows them the leaderboard', async () => {
    const rep = await tokenFor(TENANT, 'sam', ['REQUESTER']);
    for (const query of [
      '{ programAssessment { grade } }',
      '{ contentUsage { published } }',
      '{ executiveDigest(from: "2026-11-01T00:00:00Z") { to } }',
    ]) {
      expect(codesOf(await graphql(t.url, query, {}, rep))).toEqual(['FORBIDDEN']);
    }
    const board = await mustQuery(
      t.url,
      rep,
      '{ nominatorLeaderboard(first: 5) { edges { node { nominatorId } } } }',
    );
    expect(board.nominatorLeaderboard.edges).toEqual([]);
    const auditor = await tokenFor(TENANT, 'aud', ['AUDITOR']);
    expect(
      (await mustQuery(t.url, auditor, '{ programAssessment { grade } }')).programAssessment.grade,
    ).toBeDefined();
  });

  it('sees only its own tenant', async () => {
    const other = await tokenFor('another-tenant', 'pat', ['PROGRAM_MANAGER']);
    const { contentUsage } = await mustQuery(t.url, other, '{ contentUsage { missing { requests } } }');
    expect(contentUsage.missing).toEqual([]);
  });
});
