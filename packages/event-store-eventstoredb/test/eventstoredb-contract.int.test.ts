import { randomBytes, randomUUID } from 'node:crypto';
import { InMemoryWrappedKeyRepository, MasterKeyVault } from '@vouch/event-store';
import { runEventStoreContract } from '@vouch/event-store/testing';
import { EventStoreDbEventStore } from '../src';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  // Each test gets its own namespace: an empty store on a shared server.
  runEventStoreContract(
    'EventStoreDB',
    async (options) =>
      new EventStoreDbEventStore({
        ...options,
        connectionString,
        namespace: `contract-${randomUUID()}`,
        vault: new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository()),
      }),
  );
} else {
  // No EventStoreDB server can be installed on this machine; say so in the test report.
  describe('EventStoreDB: EventStore contract', () => {
    it.skip('SKIPPED: EVENTSTORE_CONNECTION_STRING is not set (see packages/event-store-eventstoredb/README.md)', () =>
      undefined);
  });
}
