// A process that appends events until it is killed, printing "ack <eventId>" for each
// append once the store has acknowledged it. Arguments: connection string, schema, master key (hex).
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { contractEvent, contractPersonalData } from '@vouch/event-store/testing';
import { PostgresEventStore } from '../../src';

async function main(): Promise<void> {
  const [url, schema, key] = process.argv.slice(2) as [string, string, string];
  const store = await PostgresEventStore.open({
    connectionString: url,
    schema,
    masterKey: Buffer.from(key, 'hex'),
    personalData: contractPersonalData,
  });
  writeSync(1, 'ready\n');
  const writers = Array.from({ length: 4 }, async (_, writer) => {
    for (let i = 0; ; i++) {
      const events = Array.from({ length: 1 + (i % 3) }, () =>
        contractEvent('tenant-crash', 'Noted', { writer, i }, { eventId: randomUUID() }),
      );
      await store.append('tenant-crash', `stream-${writer}-${i % 5}`, events, { expectedVersion: 'any' });
      // Synchronous write: once printed, the acknowledgement is what the parent will hold us to.
      writeSync(1, events.map((e) => `ack ${e.eventId}\n`).join(''));
    }
  });
  await Promise.all(writers);
}

main().catch((error: unknown) => {
  writeSync(2, `${String(error)}\n`);
  process.exit(1);
});
