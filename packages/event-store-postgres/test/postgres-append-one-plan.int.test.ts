// The single append's statements on a new schema: the plans a connection makes at its
// first append (an empty table, no statistics yet) must not read the whole tenant on every
// later append. Migration 6's per-id probe did: its generic plan took events_log
// (tenant, position) and filtered every row of the tenant by event id.
import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@vouch/domain';
import { PostgresEventStore } from '../src';
import type { PostgresStorageEngine } from '../src/postgres-storage-engine';
import { startPostgresTestServer, type PostgresTestServer } from '../src/testing';

let server: PostgresTestServer;

beforeAll(async () => {
  server = await startPostgresTestServer();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

const tenant = 'tenant-a';

function event(stream: string): EventEnvelope {
  const id = randomUUID();
  return {
    eventId: id,
    type: 'AdvocateAttributesUpdated',
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

describe('PostgreSQL single append: plans made on an empty table (issue 15)', () => {
  it('reads no row it filters away, however long the log has grown since the first append', async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `append_plan_${process.pid}`,
      masterKey: randomBytes(32),
      // One connection: the one whose plans are cached at the first append is the one watched.
      maxConnections: 1,
    });
    const plans: string[] = [];
    try {
      const client = await store.database.pool.connect();
      client.on('notice', (notice) => plans.push(notice.message ?? ''));
      // Every statement's plan with what it actually read, nested ones (inside append_one) too.
      await client.query(`LOAD 'auto_explain'`);
      await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
                          SET auto_explain.log_analyze = on; SET auto_explain.log_level = notice;
                          SET client_min_messages = notice`);
      client.release();

      for (let i = 0; i < 300; i++) {
        const stream = `advocate-${i % 8}`;
        await store.append(tenant, stream, [event(stream)], { expectedVersion: 'any' });
        if (i === 250) plans.length = 0;
      }
      // Every one a group of one: append_one's path.
      expect((store as unknown as { engine: PostgresStorageEngine }).engine.groupStats().single).toBe(300);

      const appendPlans = plans.filter((plan) => plan.includes('on events'));
      expect(appendPlans.length).toBeGreaterThan(0);
      const filtering = appendPlans.filter((plan) => /Rows Removed by Filter: [1-9]/.test(plan));
      expect(filtering).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
