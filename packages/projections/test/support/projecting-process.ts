// Child process of the projection crash tests: runs the read-models runner of one tenant
// on a SQLite file until it is killed. `catch-up` starts (restoring the saved snapshot and
// catching up) and follows the live log; `rebuild` starts, then rebuilds again and again.
import { writeSync } from 'node:fs';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { ProjectionRunner, TenantReadModels } from '../../src';
import { TENANT } from './story-world';

const [filename, masterKeyHex, mode] = process.argv.slice(2);
const store = SqliteEventStore.open({ filename: filename!, masterKey: Buffer.from(masterKeyHex!, 'hex') });
const runner = new ProjectionRunner({
  store,
  readModels: new SqliteReadModelStore(store.database),
  tenantId: TENANT,
  create: () => new TenantReadModels(),
  // Small, so that kills land between saves as well as inside them.
  snapshotEvery: 500,
  batchSize: 250,
  pollIntervalMs: 10,
});

async function main(): Promise<void> {
  writeSync(1, 'ready\n');
  await runner.start();
  writeSync(1, `live ${runner.checkpoint}\n`);
  if (mode === 'rebuild') for (;;) await runner.rebuild();
  // Follow the live log until killed: the poll timers alone need not keep the process alive.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  writeSync(2, `projecting process failed: ${String(error)}\n`);
  process.exit(1);
});
