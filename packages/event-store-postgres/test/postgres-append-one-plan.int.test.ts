// The append's statements on a new schema: the plans a connection makes at its first
// append (an empty table, no statistics yet) must not read the whole tenant on every later
// append. Migration 6's per-id probe did: its generic plan took events_log (tenant, position)
// and filtered every row of the tenant by event id. Nor may an append's rows come from an
// unnest() of many arrays (migrations 3 and 7): each array is materialised in a tuplestore of
// its own, and the memory they take and give back cost the backend a brk up and down and
// freshly zeroed pages on every append (perf: 35-40 % of its CPU; migration 8).
import { randomBytes, randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@vouch/domain';
import type { AppendResult } from '@vouch/event-store';
import { PostgresEventStore } from '../src';
import type { PostgresStorageEngine } from '../src/postgres-storage-engine';
import { usePostgresTestServer } from '../src/testing';
import { plansLoggedOn } from './support/plans-logged';

// 300 appends with every plan logged: seconds on a loaded machine, past jest's default 5 s.

const server = usePostgresTestServer();

const tenant = 'tenant-a';
const masterKey = randomBytes(32);

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

/**
 * A store on a new schema with one connection (the one whose plans are cached at the first
 * append is the one watched), every statement's plan on it logged with what it actually read,
 * nested ones (inside append_one and append_group) too.
 */
async function watchedStore(name: string): Promise<{ store: PostgresEventStore; plans: string[] }> {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema: `${name}_${process.pid}`,
    masterKey,
    maxConnections: 1,
  });
  const plans = await plansLoggedOn(store);
  return { store, plans };
}

const groupStats = (store: PostgresEventStore) =>
  (store as unknown as { engine: PostgresStorageEngine }).engine.groupStats();

/**
 * The plans that touched the events table; those of them that read the table's rows only to
 * drop them (the insert's own filter drops the rows of a group's 'moved' appends, not table
 * rows); and those that took rows from an unnest() of several arrays.
 */
function wasteful(plans: readonly string[]): {
  appendPlans: string[];
  filtering: string[];
  unnesting: string[];
} {
  const appendPlans = plans.filter((plan) => plan.includes('on events'));
  return {
    appendPlans,
    filtering: appendPlans.filter(
      (plan) => !plan.includes('Insert on events') && /Rows Removed by Filter: [1-9]/.test(plan),
    ),
    unnesting: appendPlans.filter((plan) => /unnest\(\s*\w+\s*,/.test(plan)),
  };
}

describe('PostgreSQL appends: plans made on an empty table (issue 15)', () => {
  it('a single append reads no row it filters away and unnests no arrays, however long the log has grown', async () => {
    const { store, plans } = await watchedStore('append_plan');
    try {
      for (let i = 0; i < 300; i++) {
        const stream = `advocate-${i % 8}`;
        // Every tenth append carries two events: append_one's path for several rows.
        const events = i % 10 === 9 ? [event(stream), event(stream)] : [event(stream)];
        await store.append(tenant, stream, events, { expectedVersion: 'any' });
        if (i === 250) plans.length = 0;
      }
      // Every one a group of one: append_one's path.
      expect(groupStats(store).single).toBe(300);

      const { appendPlans, filtering, unnesting } = wasteful(plans);
      expect(appendPlans.some((plan) => plan.includes('Insert on events'))).toBe(true);
      expect(filtering).toEqual([]);
      expect(unnesting).toEqual([]);
    } finally {
      await store.close();
    }
  }, 30_000);

  it("a stream's first append reads its head on a plan made once, reading no row it drops; a retried id still gets its first result", async () => {
    const { store, plans } = await watchedStore('snapshot_plan');
    const first: { sent: EventEnvelope; result: AppendResult }[] = [];
    try {
      // A new stream every time: no cached head, so every append reads its stream's head first.
      for (let i = 0; i < 300; i++) {
        const sent = event(`advocate-${i}`);
        first.push({
          sent,
          result: await store.append(tenant, `advocate-${i}`, [sent], { expectedVersion: 'any' }),
        });
        if (i === 250) plans.length = 0;
      }
      // The head alone, by scalar parameters: its plan (made on the empty table) takes the stream's index.
      const headPlans = plans.filter((plan) => plan.includes('Query Text: SELECT version, hash FROM'));
      expect(headPlans.length).toBeGreaterThanOrEqual(49);
      for (const plan of headPlans) expect(plan).toContain('events_stream_version');
      const { filtering, unnesting } = wasteful(plans);
      expect(filtering).toEqual([]);
      expect(unnesting).toEqual([]);
      // Planned a few times, then run on the plan the server keeps: the read with ids, of array
      // parameters, was planned afresh at all 300 calls (custom plans), ≈ 0.3 ms of server CPU each.
      const client = await store.database.pool.connect();
      try {
        const { rows } = await client.query<{ name: string; generic_plans: string; custom_plans: string }>(
          `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE '%.stream_%'`,
        );
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(Number(row.custom_plans)).toBeLessThanOrEqual(5);
          expect(Number(row.generic_plans)).toBeGreaterThanOrEqual(290);
        }
      } finally {
        client.release();
      }
    } finally {
      await store.close();
    }

    // Another process (no cached head) retrying an append it sent: the write finds the id
    // stored, the retry reads the ids, and the answer is the first result.
    const again = await PostgresEventStore.open({
      connectionString: server.url,
      schema: `snapshot_plan_${process.pid}`,
      masterKey,
      maxConnections: 1,
    });
    try {
      const { sent, result } = first[7]!;
      expect(await again.append(tenant, 'advocate-7', [sent], { expectedVersion: 'any' })).toEqual({
        ...result,
        duplicate: true,
      });
    } finally {
      await again.close();
    }
  }, 60_000);

  it('a group of appends (append_group) reads no row it filters away and unnests no arrays', async () => {
    const { store, plans } = await watchedStore('group_plan');
    try {
      for (let round = 0; round < 40; round++) {
        // Eight at once on one connection: all but the first wait and go together as a group.
        await Promise.all(
          Array.from({ length: 8 }, (_, j) =>
            store.append(tenant, `advocate-${j}`, [event(`advocate-${j}`)], { expectedVersion: 'any' }),
          ),
        );
        if (round === 34) plans.length = 0;
      }
      const stats = groupStats(store);
      expect(stats.appends - stats.single).toBeGreaterThan(100);

      const { appendPlans, filtering, unnesting } = wasteful(plans);
      expect(appendPlans.filter((plan) => plan.includes('Insert on events')).length).toBeGreaterThan(0);
      expect(filtering).toEqual([]);
      expect(unnesting).toEqual([]);
    } finally {
      await store.close();
    }
  }, 30_000);
});
