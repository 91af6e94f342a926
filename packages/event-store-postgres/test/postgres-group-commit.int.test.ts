import { randomBytes } from 'node:crypto';
import type { AppendResult, ExpectedVersion, RecordedEvent } from '@vouch/event-store';
import { ConcurrencyError, IdempotencyConflictError } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import type { PostgresStorageEngine } from '../src';
import { PostgresEventStore } from '../src';
import { usePostgresTestServer } from '../src/testing';

const TENANT = 'tenant-group';
let schemas = 0;

const server = usePostgresTestServer();

async function openStore(schema = `group_${process.pid}_${++schemas}`): Promise<PostgresEventStore> {
  return PostgresEventStore.open({ connectionString: server.url, schema, masterKey: masterKeyFor(schema) });
}

// Two stores on one schema must share the master key.
const masterKeys = new Map<string, Buffer>();
function masterKeyFor(schema: string): Buffer {
  if (!masterKeys.has(schema)) masterKeys.set(schema, randomBytes(32));
  return masterKeys.get(schema)!;
}

function groupStats(store: PostgresEventStore): { groups: number; appends: number; single: number } {
  return (store as unknown as { engine: PostgresStorageEngine }).engine.groupStats();
}

type EventEnvelope = ReturnType<typeof contractEvent>;

function note(n: number | string): EventEnvelope {
  return contractEvent(TENANT, 'Noted', { n });
}

async function readLog(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const log: RecordedEvent[] = [];
  for (let after; ;) {
    const page = await store.readAll(TENANT, { limit: 1000, ...(after ? { after } : {}) });
    if (page.length === 0) return log;
    log.push(...page);
    after = page[page.length - 1]!.checkpoint;
  }
}

/** Every acknowledged event is stored once, where its result says, and nothing else is stored. */
async function expectStoredExactly(
  store: PostgresEventStore,
  results: readonly AppendResult[],
): Promise<void> {
  const log = await readLog(store);
  const ids = log.map((e) => e.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  const byId = new Map(log.map((e) => [e.eventId, e]));
  const acknowledged = new Set<string>();
  for (const result of results) {
    for (const appended of result.events) {
      const stored = byId.get(appended.eventId);
      expect(stored).toMatchObject({
        streamId: result.streamId,
        version: appended.version,
        checkpoint: appended.checkpoint,
      });
      acknowledged.add(appended.eventId);
    }
  }
  expect(ids.filter((id) => !acknowledged.has(id))).toEqual([]);
  expect(await store.verifyTenant(TENANT)).toMatchObject({ ok: true, eventsChecked: log.length });
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('PostgreSQL store: group commit of concurrent appends', () => {
  it('gives each of many concurrent appends (same and different streams, mixed expected versions, retries, reused ids) its own result or error, and stores each exactly once', async () => {
    const store = await openStore();
    try {
      const setup = await store.append(TENANT, 'at-two', [note('a'), note('b')], {
        expectedVersion: 'no_stream',
      });
      const stored = [note('stored')];
      const first = await store.append(TENANT, 'retried', stored, { expectedVersion: 'no_stream' });
      const before = groupStats(store);

      type Case = { stream: string; events: EventEnvelope[]; expected: ExpectedVersion; label: string };
      const retriedTwice = [note('twice')];
      const reused = note('reused');
      const cases: Case[] = [
        { label: 'at-two 2 (a)', stream: 'at-two', events: [note(1)], expected: 2 },
        { label: 'at-two 2 (b)', stream: 'at-two', events: [note(2)], expected: 2 },
        { label: 'at-two no_stream', stream: 'at-two', events: [note(3)], expected: 'no_stream' },
        {
          label: 'at-two stream_exists',
          stream: 'at-two',
          events: [note(4), note(5)],
          expected: 'stream_exists',
        },
        { label: 'at-two any', stream: 'at-two', events: [note(6)], expected: 'any' },
        { label: 'at-two 9', stream: 'at-two', events: [note(7)], expected: 9 },
        { label: 'new no_stream (a)', stream: 'new', events: [note(8)], expected: 'no_stream' },
        { label: 'new no_stream (b)', stream: 'new', events: [note(9)], expected: 'no_stream' },
        { label: 'missing stream_exists', stream: 'missing', events: [note(10)], expected: 'stream_exists' },
        { label: 'zero 0', stream: 'zero', events: [note(11), note(12), note(13)], expected: 0 },
        { label: 'retried stale', stream: 'retried', events: stored, expected: 7 },
        { label: 'twice (a)', stream: 'twice', events: retriedTwice, expected: 'any' },
        { label: 'twice (b)', stream: 'twice', events: retriedTwice, expected: 'any' },
        { label: 'reused (a)', stream: 'reused-a', events: [reused], expected: 'any' },
        { label: 'reused (b)', stream: 'reused-b', events: [reused], expected: 'any' },
        ...Array.from({ length: 40 }, (_, i) => ({
          label: `spread ${i}`,
          stream: `spread-${i % 10}`,
          events: [note(`spread-${i}`)],
          expected: 'any' as const,
        })),
      ];
      // Issued in one tick: they queue together and go out in groups.
      const outcomes = await Promise.allSettled(
        cases.map((c) => store.append(TENANT, c.stream, c.events, { expectedVersion: c.expected })),
      );
      const outcome = (label: string) => outcomes[cases.findIndex((c) => c.label === label)]!;
      const value = (label: string) => {
        const o = outcome(label);
        if (o.status !== 'fulfilled') throw new Error(`${label} failed: ${String(o.reason)}`);
        return o.value;
      };
      const reason = (label: string) => {
        const o = outcome(label);
        if (o.status !== 'rejected') throw new Error(`${label} succeeded`);
        return o.reason as unknown;
      };

      // One stream at version 2: exactly one of the two "2"s wins; the rest follow in order.
      const twos = ['at-two 2 (a)', 'at-two 2 (b)'].map(outcome);
      expect(twos.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const losing = twos.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(losing.reason).toBeInstanceOf(ConcurrencyError);
      expect(reason('at-two no_stream')).toBeInstanceOf(ConcurrencyError);
      expect(reason('at-two no_stream')).toMatchObject({ expected: 'no_stream' });
      expect(reason('at-two 9')).toBeInstanceOf(ConcurrencyError);
      value('at-two stream_exists');
      value('at-two any');
      const atTwo = await store.readStream(TENANT, 'at-two');
      expect(atTwo.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);

      // A new stream: one "no_stream" wins, "stream_exists" on a missing one fails, 0 works.
      const fresh = ['new no_stream (a)', 'new no_stream (b)'].map(outcome);
      expect(fresh.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((fresh.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
        expected: 'no_stream',
        actual: 1,
      });
      expect(reason('missing stream_exists')).toMatchObject({ expected: 'stream_exists', actual: 0 });
      expect(value('zero 0').events.map((e) => e.version)).toEqual([1, 2, 3]);

      // Retries get the first result, even with a stale expected version, and write nothing.
      expect(value('retried stale')).toEqual({ ...first, duplicate: true });
      const [a, b] = [value('twice (a)'), value('twice (b)')];
      expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
      expect(a.events).toEqual(b.events);
      // A reused id: one stream gets it, the other a typed refusal.
      const reuses = ['reused (a)', 'reused (b)'].map(outcome);
      expect(reuses.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((reuses.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
        IdempotencyConflictError,
      );

      // The spread appends all land, each stream numbered 1..n in its own order.
      for (let s = 0; s < 10; s++) {
        const events = await store.readStream(TENANT, `spread-${s}`);
        expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4]);
      }

      const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      await expectStoredExactly(store, [setup, first, ...results.filter((r) => !r.duplicate)]);
      // They went out in far fewer transactions than appends.
      const after = groupStats(store);
      expect(after.appends - before.appends).toBeGreaterThanOrEqual(40);
      expect(after.groups - before.groups).toBeLessThan((after.appends - before.appends) / 4);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('writes the rest of a group when one of its appends finds its stream moved by another process, and that one gets its own ConcurrencyError', async () => {
    const schema = `group_moved_${process.pid}`;
    const store = await openStore(schema);
    const other = await openStore(schema);
    try {
      await store.append(TENANT, 'contested', [note('first')], { expectedVersion: 'no_stream' });
      // Another process appends: this store's remembered head of the stream is now stale.
      await other.append(TENANT, 'contested', [note('second')], { expectedVersion: 1 });
      const before = groupStats(store);

      const outcomes = await Promise.allSettled([
        ...Array.from({ length: 5 }, (_, i) =>
          store.append(TENANT, `bystander-${i}`, [note(i)], { expectedVersion: 'no_stream' }),
        ),
        // Planned against the stale head (1), so it passes here and is refused in the transaction.
        store.append(TENANT, 'contested', [note('late')], { expectedVersion: 1 }),
        ...Array.from({ length: 5 }, (_, i) =>
          store.append(TENANT, `bystander-${i + 5}`, [note(i + 5)], { expectedVersion: 'no_stream' }),
        ),
      ]);
      const contested = outcomes[5]!;
      expect(contested.status).toBe('rejected');
      expect((contested as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
      expect((contested as PromiseRejectedResult).reason).toMatchObject({ expected: 1, actual: 2 });
      const written = outcomes.filter((o) => o.status === 'fulfilled');
      expect(written).toHaveLength(10);
      // All eleven went out in one transaction, which wrote ten and refused one.
      const after = groupStats(store);
      expect(after.groups - before.groups).toBe(1);
      expect(after.appends - before.appends).toBe(11);

      expect((await store.readStream(TENANT, 'contested')).map((e) => e.data)).toEqual([
        { n: 'first' },
        { n: 'second' },
      ]);
      const log = await readLog(store);
      expect(log).toHaveLength(12);
      expect(await store.verifyTenant(TENANT)).toMatchObject({ ok: true, eventsChecked: 12 });
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  }, 60_000);

  it('replans an append alone (a group of one) whose stream another process moved: its own ConcurrencyError, or written on the new head', async () => {
    const schema = `single_moved_${process.pid}`;
    const store = await openStore(schema);
    const other = await openStore(schema);
    try {
      await store.append(TENANT, 'contested', [note('first')], { expectedVersion: 'no_stream' });
      await other.append(TENANT, 'contested', [note('second')], { expectedVersion: 1 });
      const before = groupStats(store);

      // Planned against the remembered head (1): append_one finds 2, writes nothing, and the
      // replan from a fresh read refuses the expected version.
      await expect(
        store.append(TENANT, 'contested', [note('stale')], { expectedVersion: 1 }),
      ).rejects.toMatchObject({ expected: 1, actual: 2 });
      // 'any' on the stale head: moved, replanned, written on top of the other process's event.
      await other.append(TENANT, 'contested', [note('third')], { expectedVersion: 2 });
      const result = await store.append(TENANT, 'contested', [note('fourth')], { expectedVersion: 'any' });
      expect(result.events.map((e) => e.version)).toEqual([4]);
      const after = groupStats(store);
      expect(after.single - before.single).toBe(after.groups - before.groups);
      expect(after.single - before.single).toBeGreaterThanOrEqual(1);

      expect((await store.readStream(TENANT, 'contested')).map((e) => e.data)).toEqual([
        { n: 'first' },
        { n: 'second' },
        { n: 'third' },
        { n: 'fourth' },
      ]);
      expect(await store.verifyTenant(TENANT)).toMatchObject({ ok: true, eventsChecked: 4 });
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  }, 60_000);

  it('an append alone whose event id another process stored meanwhile gets the first result, or a refusal in another stream', async () => {
    const schema = `single_exists_${process.pid}`;
    const store = await openStore(schema);
    const other = await openStore(schema);
    try {
      await store.append(TENANT, 'mine', [note(0)], { expectedVersion: 'no_stream' });
      await store.append(TENANT, 'theirs', [note(0)], { expectedVersion: 'no_stream' });
      const before = groupStats(store);

      // The other process stores an event; this one retries the same append on its remembered
      // (now stale) head: append_one writes nothing and the replan recognises the retry.
      const event = note('once');
      const first = await other.append(TENANT, 'theirs', [event], { expectedVersion: 1 });
      const retried = await store.append(TENANT, 'theirs', [event], { expectedVersion: 1 });
      expect(retried).toEqual({ ...first, duplicate: true });

      // The same id into this process's other stream, whose remembered head is right:
      // append_one answers 'exists', and the replan refuses it; nothing written.
      const reused = note('reused');
      await other.append(TENANT, 'theirs', [reused], { expectedVersion: 2 });
      await expect(
        store.append(TENANT, 'mine', [{ ...reused, data: { n: 'reused' } }], { expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await store.streamVersion(TENANT, 'mine')).toBe(1);
      expect(groupStats(store).single - before.single).toBeGreaterThanOrEqual(1);
      expect(await store.verifyTenant(TENANT)).toMatchObject({ ok: true, eventsChecked: 4 });
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  }, 60_000);

  it('subscriptions woken by one commit share one read of the log tail, and each still sees its own events once, in order', async () => {
    const store = await openStore();
    const engine = (store as unknown as { engine: PostgresStorageEngine }).engine;
    const scanLog = engine.scanLog.bind(engine);
    let scans = 0;
    engine.scanLog = (tenantId, range) => {
      scans += 1;
      return scanLog(tenantId, range);
    };
    try {
      await store.append(TENANT, 'history', [note('before')], { expectedVersion: 'no_stream' });
      const seen = Array.from({ length: 6 }, () => [] as unknown[]);
      const subscriptions = seen.map((events, i) =>
        store.subscribe(TENANT, {
          handler: (event) => void events.push(event.data),
          ...(i % 2 === 1 ? { types: ['Other'] } : {}),
          pollIntervalMs: 60_000,
        }),
      );
      await Promise.all(subscriptions.map((s) => s.caughtUp));
      const before = scans;
      await store.append(TENANT, 'history', [note('after')], { expectedVersion: 1 });
      await until(() => seen[0]!.length === 2);
      await until(() => subscriptions.every((s) => s.checkpoint === subscriptions[0]!.checkpoint));
      // One shared read for six subscribers woken by the commit (two each before the sharing:
      // 12). A second, empty read still comes now and then on a loaded machine (once in a CI run
      // and once at load 14 in the thirteenth pass; cause not found yet): the sharing is what this
      // asserts. The echo of this process's own NOTIFY is pinned by postgres-notify-echo.int.test.ts.
      expect(scans - before).toBeGreaterThanOrEqual(1);
      expect(scans - before).toBeLessThanOrEqual(2);
      expect(seen.filter((_, i) => i % 2 === 0)).toEqual(
        Array.from({ length: 3 }, () => [{ n: 'before' }, { n: 'after' }]),
      );
      expect(seen.filter((_, i) => i % 2 === 1)).toEqual(Array.from({ length: 3 }, () => []));
      await Promise.all(subscriptions.map((s) => s.stop()));
    } finally {
      await store.close();
    }
  }, 60_000);

  it('fails only the append that the database refuses, and commits the others of its group', async () => {
    const store = await openStore();
    try {
      const s = store.database.schema;
      await store.database.query(
        'install refusal',
        `CREATE FUNCTION ${s}.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'poison refused' USING ERRCODE = 'check_violation'; END $$;
         CREATE TRIGGER refuse_poison BEFORE INSERT ON ${s}.events
           FOR EACH ROW WHEN (NEW.type = 'Poison') EXECUTE FUNCTION ${s}.refuse_poison()`,
      );
      const outcomes = await Promise.allSettled(
        Array.from({ length: 9 }, (_, i) =>
          store.append(TENANT, `stream-${i}`, [contractEvent(TENANT, i === 4 ? 'Poison' : 'Noted', { i })], {
            expectedVersion: 'any',
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual([
        ...Array.from({ length: 4 }, () => 'fulfilled'),
        'rejected',
        ...Array.from({ length: 4 }, () => 'fulfilled'),
      ]);
      expect(String((outcomes[4] as PromiseRejectedResult).reason)).toMatch(/poison refused/);
      const results = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      await expectStoredExactly(store, results);
      expect(await store.streamVersion(TENANT, 'stream-4')).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});
