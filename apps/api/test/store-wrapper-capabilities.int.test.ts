import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import { InMemoryEventStore, MasterKeyVault, type EventStore, type KeyVault } from '@vouch/event-store';
import { contractEvent, type NoneMissing, type OptionalMembers } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { timingAppends, tracingStore, VouchMetrics } from '../src';

/**
 * Every optional capability of the EventStore interface. A new one added to the interface
 * fails the typecheck here until it is listed, and then the test below checks every wrapper
 * forwards it: a wrapper that drops one (e.g. `writeMark`) silently turns its fast path off.
 */
const OPTIONAL_STORE_CAPABILITIES = [
  'erasedSubjects',
  'readStreamTails',
  'writeMark',
  'readiness',
  'readStreamForReplay',
] as const satisfies readonly OptionalMembers<EventStore>[];
const storeListComplete: NoneMissing<
  Exclude<OptionalMembers<EventStore>, (typeof OPTIONAL_STORE_CAPABILITIES)[number]>
> = true;

// No class wraps a KeyVault today; its optional capabilities are named for the next wrapper.
const OPTIONAL_VAULT_CAPABILITIES = [
  'lookupMany',
  'erasures',
] as const satisfies readonly OptionalMembers<KeyVault>[];
const vaultListComplete: NoneMissing<
  Exclude<OptionalMembers<KeyVault>, (typeof OPTIONAL_VAULT_CAPABILITIES)[number]>
> = true;

const TENANT = 'wrappers';
const dir = mkdtempSync(join(tmpdir(), 'vouch-wrappers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The store wrappers the product puts around a store (`vouch serve`), alone and as serve stacks them. */
function wrappersOf(store: EventStore): [string, EventStore][] {
  const tracer = trace.getTracer('wrapper-capabilities');
  const metrics = new VouchMetrics();
  return [
    ['tracingStore', tracingStore(store, tracer, 'sqlite')],
    ['timingAppends', timingAppends(store, metrics)],
    ['tracingStore(timingAppends)', tracingStore(timingAppends(store, metrics), tracer, 'sqlite')],
  ];
}

describe('store wrappers keep every optional capability of the store they wrap', () => {
  it('the capability lists cover the interfaces (typecheck)', () => {
    expect([storeListComplete, vaultListComplete]).toEqual([true, true]);
    // The lists name real members: the product's own stores and vault have each of them.
    for (const capability of OPTIONAL_VAULT_CAPABILITIES)
      expect(typeof MasterKeyVault.prototype[capability]).toBe('function');
  });

  it('a wrapped SQLite store answers each capability as the store itself does', async () => {
    const store = SqliteEventStore.open({ filename: join(dir, 'store.db'), masterKey: randomBytes(32) });
    try {
      await store.append(TENANT, 'advocate-ada', [contractEvent(TENANT, 'Noted', { n: 1 })], {
        expectedVersion: 'any',
      });
      for (const capability of OPTIONAL_STORE_CAPABILITIES) expect(typeof store[capability]).toBe('function');
      for (const [name, wrapped] of wrappersOf(store)) {
        for (const capability of OPTIONAL_STORE_CAPABILITIES) {
          expect({ name, capability, present: typeof wrapped[capability] }).toEqual({
            name,
            capability,
            present: 'function',
          });
        }
        // Called through the wrapper, each gives the store's own answer (writeMark synchronously).
        expect(wrapped.writeMark!(TENANT, 'advocate-ada')).toBe(store.writeMark(TENANT, 'advocate-ada'));
        expect(await wrapped.erasedSubjects!(TENANT, ['ada'])).toEqual(
          await store.erasedSubjects(TENANT, ['ada']),
        );
        expect(await wrapped.readiness!()).toEqual(await store.readiness());
        expect(
          await wrapped.readStreamTails!(TENANT, [{ streamId: 'advocate-ada', afterVersion: 0 }], ['ada']),
        ).toEqual(
          await store.readStreamTails(TENANT, [{ streamId: 'advocate-ada', afterVersion: 0 }], ['ada']),
        );
        expect(await wrapped.readStreamForReplay!(TENANT, 'advocate-ada')).toEqual(
          await store.readStreamForReplay(TENANT, 'advocate-ada'),
        );
      }
    } finally {
      await store.close();
    }
  });

  it('a wrapper does not invent a capability the wrapped store lacks', () => {
    const store = new InMemoryEventStore();
    for (const [name, wrapped] of wrappersOf(store)) {
      for (const capability of OPTIONAL_STORE_CAPABILITIES) {
        expect({ name, capability, present: capability in wrapped }).toEqual({
          name,
          capability,
          present: capability in store,
        });
      }
    }
  });
});
