import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { START } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { LIMIT_PARAMETER } from '../src/limit-parameter';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';

/** A bound LIMIT that is not written as LIMIT_PARAMETER: SQLite re-plans such a statement on every run. */
const BARE_LIMIT = /\bLIMIT\s+\?(?!\s*\+\s*0\b)/i;

describe('SQLite store: bound limits planned once (issue 15, seed22)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('no statement the store prepares binds a bare LIMIT, and every limit still holds', async () => {
    const prepared: string[] = [];
    const prepare = Database.prototype.prepare;
    jest.spyOn(Database.prototype, 'prepare').mockImplementation(function (this: Database.Database, source) {
      prepared.push(source);
      return prepare.call(this, source);
    });
    const store = SqliteEventStore.open({ filename: nextFile(), masterKey: randomBytes(32) });
    for (const stream of ['s-1', 's-2'])
      await store.append(
        tenant,
        stream,
        [1, 2, 3].map((n) => contractEvent(tenant, n === 2 ? 'Paused' : 'Activated', { stream, n })),
        { expectedVersion: 'no_stream' },
      );

    // Every read that pages or limits, once each (some statements are prepared on first use).
    const forwards = await store.readStream(tenant, 's-1', { fromVersion: 2, limit: 1 });
    const backwards = await store.readStream(tenant, 's-1', { direction: 'backwards', limit: 2 });
    const whole = await store.readStream(tenant, 's-2');
    const firstThree = await store.readAll(tenant, { limit: 3 });
    const paused = await store.readAll(tenant, { types: ['Paused'], limit: 1 });
    const scanned = await store.scanAll(tenant, { types: ['Paused'], limit: 4 });
    const unfiltered = await store.scanAll(tenant, { after: START, limit: 5 });
    expect((await store.verifyStream(tenant, 's-2')).ok).toBe(true);
    expect((await store.verifyTenant(tenant)).ok).toBe(true);

    expect(forwards.map((e) => e.version)).toEqual([2]);
    expect(backwards.map((e) => e.version)).toEqual([3, 2]);
    expect(whole.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(firstThree.map((e) => e.streamId)).toEqual(['s-1', 's-1', 's-1']);
    expect(paused.map((e) => [e.streamId, e.version])).toEqual([['s-1', 2]]);
    // The first four events examined hold one Paused; the window ends at the fourth.
    expect(scanned.events.map((e) => [e.streamId, e.version])).toEqual([['s-1', 2]]);
    expect(scanned.reachedEnd).toBe(false);
    expect(unfiltered.events).toHaveLength(5);

    const limited = prepared.filter((source) => /\bLIMIT\b/i.test(source));
    expect(prepared.filter((source) => BARE_LIMIT.test(source))).toEqual([]);
    expect(limited.filter((source) => source.includes(LIMIT_PARAMETER)).length).toBeGreaterThanOrEqual(7);
    await store.close();
  });
});
