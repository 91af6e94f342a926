/**
 * A second writer on a store, for the backup tests: appends one event with personal data
 * (a new data key each) per stream, in a loop, through its own connection, printing how
 * many it has committed, until SIGTERM. Usage: <SQLite file | postgres:// URL> <master key
 * base64> <tenant>.
 */
import { type EventStore } from '@vouch/event-store';
import { contactRecorded, contractPersonalData } from '@vouch/event-store/testing';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

async function open(where: string, masterKey: Buffer): Promise<EventStore & { close(): Promise<void> }> {
  return where.startsWith('postgres://')
    ? PostgresEventStore.open({ connectionString: where, masterKey, personalData: contractPersonalData })
    : SqliteEventStore.open({ filename: where, masterKey, personalData: contractPersonalData });
}

async function main(): Promise<void> {
  const [where, keyText, tenant] = process.argv.slice(2);
  const store = await open(where!, Buffer.from(keyText!, 'base64'));
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  let appended = 0;
  while (!stopping) {
    const advocate = `adv-${appended + 1}`;
    await store.append(tenant!, advocate, [contactRecorded(tenant!, advocate, 'Ada', 'ada@example.com')], {
      expectedVersion: 'no_stream',
    });
    appended += 1;
    if (appended % 20 === 0) process.stdout.write(`appended ${appended}\n`);
  }
  await store.close();
  process.stdout.write(`stopped after ${appended}\n`);
}

void main();
