// Child process of the crash test: appends batches as fast as it can, from several
// concurrent writers (so group commit is exercised), and reports each acknowledged batch
// on stdout with a synchronous write, until it is killed.
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import type { EventEnvelope } from '@vouch/domain';
import { ConcurrencyError } from '@vouch/event-store';
import { contactRecorded, contractEvent, contractPersonalData } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

const [filename, masterKeyHex, runId] = process.argv.slice(2);
const tenant = 'tenant-crash';
const store = SqliteEventStore.open({
  filename: filename!,
  masterKey: Buffer.from(masterKeyHex!, 'hex'),
  personalData: contractPersonalData,
});

function batch(batchId: string, streamId: string, size: number): EventEnvelope[] {
  return Array.from({ length: size }, (_, index) =>
    index === 0 && streamId.endsWith('7')
      ? {
          ...contactRecorded(tenant, streamId, `Name ${batchId}`, `${batchId}@example.com`),
          data: { advocateId: streamId, profile: { name: batchId }, batchId, size, index },
        }
      : contractEvent(tenant, 'Batched', { batchId, size, index }),
  );
}

async function writer(worker: number): Promise<never> {
  for (let i = 0; ; i++) {
    const streamId = `stream-${(worker * 7 + i) % 12}`;
    const batchId = `${runId}-${worker}-${i}-${randomUUID().slice(0, 8)}`;
    const size = 1 + (i % 4);
    const events = batch(batchId, streamId, size);
    for (;;) {
      const version = await store.streamVersion(tenant, streamId);
      try {
        await store.append(tenant, streamId, events, { expectedVersion: version });
        break;
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    writeSync(1, `ack ${batchId} ${streamId} ${size}\n`);
  }
}

writeSync(1, 'ready\n');
for (let worker = 0; worker < 8; worker++) {
  writer(worker).catch((error: unknown) => {
    writeSync(2, `writer failed: ${String(error)}\n`);
    process.exit(1);
  });
}
