import type { StoredEvent, StoredRow } from '@vouch/event-store';
import { randomBytes } from 'node:crypto';
import {
  InMemoryEventStore,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  hashStoredEvent,
} from '@vouch/event-store';
import { contractEvent, runEventStoreContract, runFailedAppendKeySuite } from '@vouch/event-store/testing';

runEventStoreContract('in-memory', async (options) => new InMemoryEventStore(options));

runFailedAppendKeySuite('in-memory', async (options) => {
  const keys = new InMemoryWrappedKeyRepository();
  const store = new InMemoryEventStore({ ...options, vault: new MasterKeyVault(randomBytes(32), keys) });
  return {
    store,
    hasDataKey: async (tenantId, subjectId) => (await keys.find(tenantId, subjectId))?.wrappedKey != null,
  };
});

describe('in-memory store: tampering', () => {
  const tenant = 'tenant-a';

  async function storeWithStream(): Promise<InMemoryEventStore> {
    const store = new InMemoryEventStore();
    const events = Array.from({ length: 5 }, (_, n) => contractEvent(tenant, 'Noted', { n }));
    await store.append(tenant, 'other', [contractEvent(tenant, 'Noted', { n: 'x' })], {
      expectedVersion: 'no_stream',
    });
    await store.append(tenant, 's', events, { expectedVersion: 'no_stream' });
    return store;
  }

  it('names the changed event when stored data is altered', async () => {
    const store = await storeWithStream();
    store.storage.tamper(4, (event) => ({ ...event, data: { n: 42 } }));
    const report = await store.verifyStream(tenant, 's');
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ streamId: 's', version: 3, reason: 'hash_mismatch' });
    expect((await store.verifyTenant(tenant)).firstBroken).toMatchObject({ streamId: 's', version: 3 });
    expect((await store.verifyStream(tenant, 'other')).ok).toBe(true);
  });

  it("catches a forger who recomputes the changed event's own hash: the next link breaks", async () => {
    const store = await storeWithStream();
    const rows: StoredRow[] = [];
    for await (const row of store.storage.rows(tenant, 's')) rows.push(row);
    const first = rows[0] as StoredEvent;
    // Event 2 (global position 3) is rewritten with a hash that is right for its new content.
    store.storage.tamper(3, (event) => {
      const forged = { ...event, data: { n: 'forged' } };
      return { ...forged, hash: hashStoredEvent(first.hash, forged) };
    });
    const report = await store.verifyStream(tenant, 's');
    expect(report.firstBroken).toMatchObject({ version: 3, reason: 'hash_mismatch' });
  });

  it('names the gap when an event is removed from the middle of a stream', async () => {
    const store = await storeWithStream();
    store.storage.tamper(4, (event) => ({ ...event, version: 4 }));
    const report = await store.verifyStream(tenant, 's');
    expect(report.firstBroken).toMatchObject({ reason: 'version_gap', version: 4 });
  });
});
