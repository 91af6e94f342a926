import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Checkpoint } from '@vouch/event-store';
import { ConcurrencyError, MasterKeyMismatchError, UpcasterRegistry } from '@vouch/event-store';
import {
  ManualClock,
  contactRecorded,
  contractEvent,
  contractPersonalData,
  contractUpcasters,
  runEventStoreContract,
} from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

runEventStoreContract('sqlite', async (options) =>
  SqliteEventStore.open({ ...options, filename: nextFile(), masterKey: randomBytes(32) }),
);

describe('SQLite store', () => {
  const tenant = 'tenant-a';
  const masterKey = randomBytes(32);

  function open(
    filename: string,
    extra: Partial<Parameters<typeof SqliteEventStore.open>[0]> = {},
  ): SqliteEventStore {
    return SqliteEventStore.open({
      filename,
      masterKey,
      personalData: contractPersonalData,
      upcasters: new UpcasterRegistry(contractUpcasters),
      ...extra,
    });
  }

  it('opens one file in WAL mode with synchronous=FULL by default, and NORMAL when configured', async () => {
    const store = open(nextFile());
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
    const relaxed = open(nextFile(), { durability: 'NORMAL' });
    expect(relaxed.database.pragma('synchronous', { simple: true })).toBe(1);
    await relaxed.close();
  });

  it('keeps events and data keys across close and reopen; a wrong master key cannot open the file', async () => {
    const filename = nextFile();
    const first = open(filename);
    await first.append(
      tenant,
      'adv-1',
      [contactRecorded(tenant, 'adv-1', 'Ada Lovelace', 'ada@example.com')],
      {
        expectedVersion: 'no_stream',
      },
    );
    await first.append(tenant, 'adv-1', [contractEvent(tenant, 'Noted', { n: 1 })], { expectedVersion: 1 });
    await first.close();

    const second = open(filename);
    const events = await second.readStream(tenant, 'adv-1');
    expect(events.map((e) => e.version)).toEqual([1, 2]);
    expect(events[0]!.data.profile).toEqual({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect(await second.verifyTenant(tenant)).toMatchObject({ ok: true, eventsChecked: 2 });
    await second.close();

    // Another master key is refused when the file is opened (see sqlite-master-key.int.test.ts).
    expect(() => open(filename, { masterKey: randomBytes(32) })).toThrow(MasterKeyMismatchError);
  });

  it('commits concurrent appends together, each with its own expected-version check and result', async () => {
    const store = open(nextFile());
    await store.append(tenant, 'contended', [contractEvent(tenant, 'Noted', { n: 0 })], {
      expectedVersion: 'no_stream',
    });
    const before = store.commitStats();

    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 60 }, (_, i) =>
        store.append(tenant, `s-${i}`, [contractEvent(tenant, 'Noted', { n: i })], {
          expectedVersion: 'no_stream',
        }),
      ),
      store.append(tenant, 'contended', [contractEvent(tenant, 'Noted', { n: 'a' })], { expectedVersion: 1 }),
      store.append(tenant, 'contended', [contractEvent(tenant, 'Noted', { n: 'b' })], { expectedVersion: 1 }),
      store.append(tenant, 'contended', [contractEvent(tenant, 'Noted', { n: 'c' })], { expectedVersion: 2 }),
      store.append(tenant, 'contended', [contractEvent(tenant, 'Noted', { n: 'd' })], { expectedVersion: 7 }),
    ]);
    const after = store.commitStats();
    expect(after.requests - before.requests).toBe(64);
    expect(after.batches - before.batches).toBe(1);

    expect(outcomes.slice(0, 60).every((o) => o.status === 'fulfilled')).toBe(true);
    const [a, b, c, d] = outcomes.slice(60);
    expect(a).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 2 } });
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
    expect((b as PromiseRejectedResult).reason).toMatchObject({ expected: 1, actual: 2 });
    expect(c).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 3 } });
    expect((d as PromiseRejectedResult).reason).toMatchObject({ expected: 7, actual: 3 });

    expect((await store.readStream(tenant, 'contended')).map((e) => e.data.n)).toEqual([0, 'a', 'c']);
    expect(await store.verifyTenant(tenant)).toMatchObject({ ok: true, eventsChecked: 63 });
    await store.close();
  });

  it('fails a whole batch when the database refuses the commit, and writes none of it', async () => {
    const filename = nextFile();
    const store = open(filename);
    await store.append(tenant, 's', [contractEvent(tenant, 'Noted', { n: 0 })], {
      expectedVersion: 'no_stream',
    });
    const impatient = open(filename, { busyTimeoutMs: 50 });
    // Another connection holds the write lock longer than the store waits for it.
    const blocker = new Database(filename);
    blocker.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        impatient.append(tenant, `t-${n}`, [contractEvent(tenant, 'Noted', { n })], {
          expectedVersion: 'any',
        }),
      ),
    );
    blocker.exec('ROLLBACK');
    blocker.close();
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'STORE_UNAVAILABLE' } });
    }
    expect((await impatient.readAll(tenant)).length).toBe(1);
    await impatient.close();
    await store.close();
  });

  it('lets a projection commit its read model and checkpoint in one transaction', async () => {
    const clock = new ManualClock();
    const store = open(nextFile(), { clock: clock.now });
    store.database.exec('CREATE TABLE IF NOT EXISTS notes_read_model (n INTEGER)');
    await store.append(
      tenant,
      's',
      [1, 2, 3].map((n) => contractEvent(tenant, 'Noted', { n })),
      {
        expectedVersion: 'no_stream',
      },
    );
    const [one, two] = await store.readAll(tenant);
    const count = () => store.database.prepare('SELECT COUNT(*) FROM notes_read_model').pluck().get();

    const insert = (n: unknown) => () =>
      void store.database.prepare('INSERT INTO notes_read_model VALUES (?)').run(n);
    // Its transaction function is built once, with the store, not again at every commit.
    const built = jest.spyOn(store.database, 'transaction');
    expect(store.checkpoints.commit('notes', one!.checkpoint, insert(1))).toBe(true);
    expect(() =>
      store.checkpoints.commit('notes', two!.checkpoint, () => {
        insert(2)();
        throw new Error('read model failed half-way');
      }),
    ).toThrow('half-way');
    expect(count()).toBe(1);
    expect(await store.checkpoints.load('notes')).toBe(one!.checkpoint);
    expect(store.checkpoints.commit('notes', one!.checkpoint, insert(1))).toBe(false);
    expect(count()).toBe(1);
    expect(store.checkpoints.commit('notes', two!.checkpoint, insert(2))).toBe(true);
    expect(await store.checkpoints.load('notes')).toBe(two!.checkpoint);
    expect(await store.checkpoints.load('other')).toBeUndefined();
    await store.checkpoints.save('other', '0000000000000001' as Checkpoint);
    expect(await store.checkpoints.load('other')).toBe('0000000000000001');
    expect(built).not.toHaveBeenCalled();
    built.mockRestore();
    await store.close();
  });

  it('refuses calls after close', async () => {
    const store = open(nextFile());
    await store.close();
    await expect(store.readAll(tenant)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(
      store.append(tenant, 's', [contractEvent(tenant, 'Noted', {})], { expectedVersion: 'any' }),
    ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
