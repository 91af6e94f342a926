// Child process of the stream-cache write-mark test: opens the same SQLite file as another
// OS process would, appends one event at the stream's head, prints its id, and exits.
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

const [filename, masterKeyHex, tenantId, streamId] = process.argv.slice(2);

void (async () => {
  const store = SqliteEventStore.open({ filename: filename!, masterKey: Buffer.from(masterKeyHex!, 'hex') });
  const eventId = randomUUID();
  const version = await store.streamVersion(tenantId!, streamId!);
  await store.append(
    tenantId!,
    streamId!,
    [
      {
        eventId,
        type: 'ProgramNoted',
        schemaVersion: 1,
        data: { n: 1, by: 'another process' },
        metadata: {
          tenantId: tenantId!,
          actor: { userId: 'other-process', roles: ['PROGRAM_MANAGER'] },
          commandId: eventId,
          correlationId: eventId,
          causationId: eventId,
          effectiveAt: '2026-11-30T09:00:00.000Z',
        },
      },
    ],
    { expectedVersion: version === 0 ? 'no_stream' : version },
  );
  await store.close();
  process.stdout.write(eventId);
})();
