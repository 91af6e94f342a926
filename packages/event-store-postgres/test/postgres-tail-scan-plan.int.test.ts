// The shared tail scan is a prepared statement: after a few calls a connection keeps one
// generic plan, made on whatever the table held then — in a new schema, nearly nothing and
// no statistics. That plan must still read only the window it answers as the log grows
// (and another tenant's rows beside it), never the tenant's or the table's whole log.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@vouch/domain';
import { PostgresEventStore } from '../src';
import { usePostgresTestServer } from '../src/testing';

const server = usePostgresTestServer();

function event(tenant: string, type: string, stream: string): EventEnvelope {
  const id = randomUUID();
  return {
    eventId: id,
    type,
    schemaVersion: 1,
    data: { advocateId: stream, seniority: 'VP' },
    metadata: {
      tenantId: tenant,
      actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
      commandId: id,
      correlationId: id,
      causationId: id,
      effectiveAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

/**
 * Rows each plan node on `events` read in all, from auto_explain's text: what it produced
 * (rows × loops) plus what its filter discarded (another tenant's rows, say).
 */
function rowsReadOnEvents(plan: string): number[] {
  const read: number[] = [];
  for (const line of plan.split('\n')) {
    const node = / on events\b.*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)/.exec(line);
    if (node) read.push(Number(node[1]) * Number(node[2]));
    const removed = /Rows Removed by Filter: (\d+)/.exec(line);
    if (removed && read.length > 0) read[read.length - 1]! += Number(removed[1]);
  }
  return read;
}

describe('PostgreSQL shared tail scan: the plan a connection keeps (issue 15)', () => {
  it('reads only the window it answers, however far the log grew after the plan was made', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `scan_plan_${process.pid}`,
      masterKey: randomBytes(32),
      // One connection: the one whose plans are cached at the first scans is the one watched.
      maxConnections: 1,
    });
    const plans: string[] = [];
    const received: string[] = [];
    try {
      const client = await store.database.pool.connect();
      client.on('notice', (notice) => plans.push(notice.message ?? ''));
      await client.query(`LOAD 'auto_explain'`);
      await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
                          SET auto_explain.log_level = notice; SET client_min_messages = notice`);
      if (process.env.PLANT_BAD_PLAN)
        await client.query('SET enable_indexscan = off; SET enable_bitmapscan = off');
      client.release();
      // Filtered, as a process manager's is: the window is wider than what it returns.
      const subscription = store.subscribe('tenant-a', {
        handler: (e) => void received.push(e.eventId),
        types: ['Wanted'],
        pollIntervalMs: 60_000,
      });
      await subscription.caughtUp;
      for (let i = 0; i < 400; i++) {
        // Two tenants: a plan that walked the table by position would read the other's rows too.
        const tenant = i % 2 === 0 ? 'tenant-a' : 'tenant-b';
        const stream = `advocate-${i % 8}`;
        await store.append(tenant, stream, [event(tenant, i % 3 === 0 ? 'Wanted' : 'Other', stream)], {
          expectedVersion: 'any',
        });
        if (i === 350) plans.length = 0;
        // Let the subscription scan after each commit (the seed's pattern: one scan per wake-up).
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      await subscription.stop();

      expect(received).toHaveLength(Math.ceil(400 / 6)); // every third of tenant-a's half
      const scans = plans.filter((plan) => plan.includes('WITH win AS'));
      expect(scans.length).toBeGreaterThan(10);
      // The tail after one commit is a row or two; the whole tenant by now is 200.
      const read = scans.flatMap(rowsReadOnEvents);
      expect(read.length).toBeGreaterThanOrEqual(scans.length);
      expect(Math.max(...read)).toBeLessThanOrEqual(5);
    } finally {
      await store.close();
    }
  }, 60_000);
});
