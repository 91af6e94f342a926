import { randomBytes } from 'node:crypto';
import {
  ConcurrencyError,
  IdempotencyConflictError,
  StoreUnavailableError,
  appendPositionsOf,
} from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

// A single-event append is planned against the head this process remembers and its id is
// checked by the unique index (one INSERT). These are the ways that head or id can be wrong.
describe('SQLite appends planned against remembered heads', () => {
  const tenant = 'tenant-a';
  const masterKey = randomBytes(32);
  const event = (overrides: { eventId?: string } = {}) =>
    contractEvent(tenant, 'ContactRecorded', { note: randomBytes(4).toString('hex') }, overrides);
  const open = (filename: string) => SqliteEventStore.open({ filename, masterKey });

  it('refuses a stale expected version after another process wrote the stream, and chains onto its event', async () => {
    const filename = nextFile();
    const mine = open(filename);
    const other = open(filename);
    await mine.append(tenant, 's-1', [event()], { expectedVersion: 0 });
    await other.append(tenant, 's-1', [event()], { expectedVersion: 1 });

    await expect(mine.append(tenant, 's-1', [event()], { expectedVersion: 1 })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    // No expected version: planned from the remembered head (version 1), refused by the
    // unique index, then planned again from the file.
    const result = await mine.append(tenant, 's-1', [event()], { expectedVersion: 'any' });

    expect(result.nextExpectedVersion).toBe(3);
    expect(await mine.verifyStream(tenant, 's-1')).toMatchObject({ ok: true, eventsChecked: 3 });
    await other.close();
    await mine.close();
  });

  it('answers a retry with the first result and refuses an id reused elsewhere, writing nothing', async () => {
    const store = open(nextFile());
    const first = event({ eventId: 'event-once' });
    const stored = await store.append(tenant, 's-1', [first], { expectedVersion: 0 });

    const retry = await store.append(tenant, 's-1', [first], { expectedVersion: 0 });
    expect(retry).toEqual({ ...appendPositionsOf(stored), duplicate: true });
    await expect(
      store.append(tenant, 's-2', [event({ eventId: 'event-once' })], { expectedVersion: 'any' }),
    ).rejects.toMatchObject({ constructor: IdempotencyConflictError, reason: 'different_stream' });
    await expect(
      store.append(tenant, 's-1', [event({ eventId: 'event-once' })], { expectedVersion: 'any' }),
    ).rejects.toMatchObject({ constructor: IdempotencyConflictError, reason: 'different_content' });

    expect(await store.streamVersion(tenant, 's-1')).toBe(1);
    expect(await store.streamVersion(tenant, 's-2')).toBe(0);
    await store.close();
  });

  it('forgets the heads of a transaction that rolled back', async () => {
    const store = open(nextFile());
    await store.append(tenant, 's-1', [event()], { expectedVersion: 0 });
    store.database.exec(`CREATE TEMP TRIGGER refuse_boom BEFORE INSERT ON events WHEN NEW.stream_id = 'boom'
                         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);

    // One batch: s-1's event is inserted (its head remembered), then boom's fails the batch.
    const outcomes = await Promise.allSettled([
      store.append(tenant, 's-1', [event()], { expectedVersion: 1 }),
      store.append(tenant, 'boom', [event()], { expectedVersion: 0 }),
    ]);
    expect(outcomes.map((o) => o.status === 'rejected' && o.reason instanceof StoreUnavailableError)).toEqual(
      [true, true],
    );
    expect(store.commitStats().batches).toBe(2);

    store.database.exec('DROP TRIGGER refuse_boom');
    const next = await store.append(tenant, 's-1', [event()], { expectedVersion: 'any' });
    expect(next.nextExpectedVersion).toBe(2);
    expect(await store.verifyStream(tenant, 's-1')).toMatchObject({ ok: true, eventsChecked: 2 });
    await store.close();
  });
});
