import { randomBytes } from 'node:crypto';
import { contractPersonalData, StepBudget } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../src';
import { usePostgresTestServer } from '../src/testing';
import { exited, linesOf, spawnScript, waitFor } from './support/child-process';

const KILLS = 20;
// Each round starts a node process (swc register included) that opens the store: seconds on a
// loaded machine. Its wait is a multiple of the slowest start-up measured in this run, so load
// raises it with the work while a hung child still fails, naming the round, after a bounded wait.
const startUps = new StepBudget({ firstMs: 120_000, multiple: 6, floorMs: 20_000, capMs: 300_000 });

const server = usePostgresTestServer();

describe('PostgreSQL store: an appending process killed with SIGKILL', () => {
  it(
    `keeps every acknowledged event through ${KILLS} kills at random moments, and the chains verify`,
    async () => {
      const schema = `crash_${process.pid}`;
      const masterKey = randomBytes(32);
      const acknowledged = new Set<string>();
      for (let round = 0; round < KILLS; round++) {
        const child = spawnScript('appending-process.ts', [server.url, schema, masterKey.toString('hex')]);
        const lines = linesOf(child);
        let stderr = '';
        child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        const spawned = performance.now();
        await waitFor(
          () => lines.includes('ready') || child.exitCode !== null,
          `the child of round ${round} to open the store`,
          startUps.limitMs,
        );
        startUps.record(performance.now() - spawned);
        if (!lines.includes('ready')) throw new Error(`the appending process failed: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 200));
        child.kill('SIGKILL');
        await exited(child);
        for (const line of lines) if (line.startsWith('ack ')) acknowledged.add(line.slice(4));
      }

      const store = await PostgresEventStore.open({
        connectionString: server.url,
        schema,
        masterKey,
        personalData: contractPersonalData,
      });
      try {
        const stored = new Set<string>();
        for (let after; ;) {
          const page = await store.readAll('tenant-crash', { limit: 1000, ...(after ? { after } : {}) });
          if (page.length === 0) break;
          for (const event of page) stored.add(event.eventId);
          after = page[page.length - 1]!.checkpoint;
        }
        expect(acknowledged.size).toBeGreaterThan(KILLS);
        const lost = [...acknowledged].filter((id) => !stored.has(id));
        expect(lost).toEqual([]);
        expect(await store.verifyTenant('tenant-crash')).toMatchObject({
          ok: true,
          eventsChecked: stored.size,
        });
      } finally {
        await store.close();
      }
    },
    startUps.totalMs(KILLS, 120_000),
  );
});
