// A command's batched read (its streams' tails and its subjects' data keys, readStreamTails)
// on one connection: sent as one statement with array parameters, the server planned it afresh
// at every call (a custom plan each time: ≈ 300 µs of planning for ≈ 60 µs of execution), as
// the arrays' lengths made every custom plan look cheaper than a kept one. Migration 9 runs it
// in a function planned once per connection; these plans, made on a young table (no
// statistics yet), must take the stream's and the key's index and read no row they drop.
import { randomBytes } from 'node:crypto';
import { contactRecorded, contractEvent, contractPersonalData, uniqueId } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../src';
import { usePostgresTestServer } from '../src/testing';
import { plansLoggedOn } from './support/plans-logged';

const server = usePostgresTestServer();

const tenant = 'tenant-a';

/** A store on a new schema with one connection, every plan on it logged (nested ones too) with what it read. */
async function watchedStore(): Promise<{ store: PostgresEventStore; plans: string[] }> {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema: `tails_plan_${process.pid}`,
    masterKey: randomBytes(32),
    personalData: contractPersonalData,
    maxConnections: 1,
  });
  const plans = await plansLoggedOn(store);
  return { store, plans };
}

describe('PostgreSQL batched reads: planned once per connection (issue 15)', () => {
  it("300 reads of a few streams' tails and subjects' keys: a handful of plans, each stream and subject by its index, the answers those of the separate reads", async () => {
    const { store, plans } = await watchedStore();
    try {
      const advocates = Array.from({ length: 8 }, (_, i) => `adv-${i}`);
      const streams = advocates.map((advocate) => uniqueId(`advocate-${advocate}`));
      for (const [i, stream] of streams.entries()) {
        await store.append(
          tenant,
          stream,
          [contactRecorded(tenant, advocates[i]!, `Name ${i}`, `${i}@example.com`)],
          {
            expectedVersion: 'no_stream',
          },
        );
        await store.append(tenant, stream, [contractEvent(tenant, 'Noted', { n: i })], {
          expectedVersion: 1,
        });
      }
      await store.forgetSubject(tenant, advocates[3]!);

      const readsOf = (i: number) => ({
        // One to four streams, their tails empty, one event or the whole stream; none to three subjects.
        tails: Array.from({ length: 1 + (i % 4) }, (_, j) => ({
          streamId: streams[(i + j) % streams.length]!,
          afterVersion: (i + j) % 3,
        })),
        subjects: advocates.slice(i % 6, (i % 6) + (i % 4)),
      });
      for (let i = 0; i < 300; i++) {
        const { tails, subjects } = readsOf(i);
        const read = await store.readStreamTails(tenant, tails, subjects);
        if (i % 50 === 7) {
          const separately = {
            tails: await Promise.all(
              tails.map((t) => store.readStream(tenant, t.streamId, { fromVersion: t.afterVersion + 1 })),
            ),
            erased: await store.erasedSubjects(tenant, subjects),
          };
          expect(read).toEqual(separately);
        }
        if (i === 249) plans.length = 0;
      }

      const client = await store.database.pool.connect();
      try {
        const { rows } = await client.query<{ generic_plans: string; custom_plans: string }>(
          `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE '%.read_stream_tails'`,
        );
        expect(rows).toHaveLength(1);
        // Planned a few times, then run on the plan the server keeps (the base: 300 custom plans).
        expect(Number(rows[0]!.custom_plans)).toBeLessThanOrEqual(5);
        expect(Number(rows[0]!.generic_plans)).toBeGreaterThanOrEqual(290);
      } finally {
        client.release();
      }
      // The last 50 reads' plans of the events and the keys: each by its index, no row read to be dropped.
      // (The separate reads' plans, and the decoding's own key look-ups, are custom ones: left out.)
      const eventPlans = plans.filter((plan) => plan.includes('FROM generate_subscripts(p_streams, 1)'));
      const keyPlans = plans.filter((plan) => plan.includes('k.subject_id = ANY(p_subjects)'));
      expect(eventPlans.length).toBeGreaterThanOrEqual(50);
      expect(keyPlans.length).toBeGreaterThanOrEqual(30);
      for (const plan of eventPlans) expect(plan).toContain('events_stream_version');
      for (const plan of keyPlans) expect(plan).toContain('data_keys_pkey');
      expect(
        [...eventPlans, ...keyPlans].filter((plan) => /Rows Removed by Filter: [1-9]/.test(plan)),
      ).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
