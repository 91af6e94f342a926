import { randomBytes } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import { ConcurrencyError } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

// Group commit reads the clock once per transaction: the appends one commit records share
// its `recordedAt`, and a later commit's is never earlier (the log stays in time order).
describe('SQLite recordedAt, one per commit', () => {
  const tenant = 'tenant-a';
  const event = () => contractEvent(tenant, 'AdvocateAttributesUpdated', { seniority: 'VP' });

  it('gives every append of one group commit the same recordedAt, read back as returned', async () => {
    let ticks = 0; // a clock that moves on every reading
    const clock = (): Instant => new Date(Date.UTC(2026, 0, 1) + 1000 * ticks++).toISOString() as Instant;
    const store = SqliteEventStore.open({ filename: nextFile(), masterKey: randomBytes(32), clock });

    const group = await Promise.allSettled([
      ...Array.from({ length: 8 }, (_, i) =>
        store.append(tenant, `s-${i}`, [event()], { expectedVersion: 0 }),
      ),
      store.append(tenant, 's-0', [event()], { expectedVersion: 5 }),
    ]);
    const later = await store.append(tenant, 's-0', [event()], { expectedVersion: 1 });

    expect(store.commitStats().batches).toBe(2);
    expect(group[8]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
    const stamps = group.slice(0, 8).map((settled) => {
      if (settled.status !== 'fulfilled') throw settled.reason;
      return settled.value.recordedAt;
    });
    expect(new Set(stamps).size).toBe(1);
    const read = await store.readAll(tenant);
    expect(read.map((e) => e.recordedAt)).toEqual([...stamps, later.recordedAt]);
    expect(later.recordedAt! > stamps[0]!).toBe(true);
    await store.close();
  });
});
