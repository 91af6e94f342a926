import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, type Vouch } from '@vouch/application';
import pino from 'pino';
import { createApiServer, type ApiServer } from '../../api/src';
import { graphql } from '../../api/test/support/graphql-client';
import { TEST_SECRET, tokenFor } from '../../api/test/support/tokens';
import { keepGenerated, resolveMasterKey } from '../src/config/secrets';
import { resolveStoreConfig } from '../src/config/store-config';
import { seedStore } from '../src/commands/seed';
import { intelligenceTabs } from '../src/graphiql/intelligence-operations';
import { openStore, type OpenStore } from '../src/stores/open-store';
import { memoryIo } from './support/memory-io';

// The tour's intelligence tabs, run over HTTP against the seeded demo program: the story the
// demo is meant to tell (weak elements, a launch with gaps, unused content, a digest).
const UNTIL = '2026-06-30';
const NOW = new Date(`${UNTIL}T18:00:00.000Z`);

describe('the intelligence tabs of the tour, on the demo program', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-tour-'));
  let opened: OpenStore;
  let vouch: Vouch;
  let server: ApiServer;
  let url: string;
  const tabs = Object.fromEntries(intelligenceTabs(NOW).map((tab) => [tab.title, tab]));
  const run = async (title: string) => {
    const tab = tabs[title]!;
    const token = await tokenFor('demo', tab.role === 'REQUESTER' ? 'sam.sales' : 'pat.pm', [tab.role]);
    const response = await graphql(url, tab.query, tab.variables, token);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };

  beforeAll(async () => {
    const store = resolveStoreConfig({ dataDir: dir }, {});
    const masterKey = resolveMasterKey({}, dir, { environment: 'development', generate: true });
    keepGenerated(masterKey, dir);
    await seedStore(
      { store, masterKey: masterKey.value, tenantId: 'demo', seed: 3, scale: 0.03, until: UNTIL },
      memoryIo(),
    );
    opened = await openStore(store, { masterKey: masterKey.value });
    vouch = createVouch({ store: opened.store, clock: () => NOW.toISOString(), dueWorkIntervalMs: 0 });
    await vouch.start(['demo']);
    server = await createApiServer({
      auth: { hs256Secret: TEST_SECRET },
      environment: 'production',
      logger: pino({ level: 'silent' }),
      vouch,
    });
    ({ url } = await server.listen({ port: 0, host: '127.0.0.1' }));
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    await vouch?.stop();
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Health: some elements weak, with the seeds’ pitfalls as findings', async () => {
    const { programAssessment, assessmentTrend } = await run('Health');
    const weak = programAssessment.elements.filter((e: { grade: string }) => e.grade === 'WEAK');
    expect(weak.map((e: { element: string }) => e.element)).toContain('CONTENT_STRATEGY');
    for (const e of weak) expect(e.findings).toHaveLength(1);
    expect(assessmentTrend).toHaveLength(5);
  });

  it('Launch plan: the Guard 3 launch has gaps, and says where to recruit', async () => {
    const { launchCoveragePlan } = await run('Launch plan');
    expect(launchCoveragePlan.totalGap).toBeGreaterThan(0);
    const apac = launchCoveragePlan.lines.filter(
      (l: { region: string; gap: number }) => l.region === 'APAC' && l.gap > 0,
    );
    expect(apac.length).toBeGreaterThan(0);
    const sources = apac.flatMap((l: { recruitFrom: { ref: string }[] }) => l.recruitFrom.map((s) => s.ref));
    expect(sources).toEqual(expect.arrayContaining(['Kaiyo Shield Holdings', 'Southern Cross Secure']));
  });

  it('Content use: the campaign quotes nobody asked for are flagged unused', async () => {
    const { contentUsage } = await run('Content use');
    expect(contentUsage.unusedPublished).toBeGreaterThan(0);
    const nodes = contentUsage.assets.edges.map(
      (e: { node: { contentId: string; unused: boolean } }) => e.node,
    );
    expect(nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contentId: 'campaign-quote-1', uses: 0, unused: true }),
      ]),
    );
  });

  it('Digest and Nominators: the quarter summed, and the leaderboard seen by a sales rep', async () => {
    const { executiveDigest } = await run('Digest');
    expect(executiveDigest.coverage.targets).toBe(24);
    expect(executiveDigest.usesBySlice.length).toBeGreaterThan(2);
    const { nominatorLeaderboard } = await run('Nominators');
    expect(nominatorLeaderboard.edges.length).toBeGreaterThan(0);
    expect(nominatorLeaderboard.edges[0].node.advocatesUsed).toBeGreaterThan(0);
  });
});
