/**
 * A second writer on a SQLite store, for the online-backup test: appends one event with
 * personal data (a new data key each) per stream, in a loop, through its own connection,
 * printing how many it has committed, until SIGTERM. Usage: <file> <master key base64> <tenant>.
 */
import { contactRecorded, contractPersonalData } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

async function main(): Promise<void> {
  const [filename, keyText, tenant] = process.argv.slice(2);
  const store = SqliteEventStore.open({
    filename: filename!,
    masterKey: Buffer.from(keyText!, 'base64'),
    personalData: contractPersonalData,
  });
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
