/**
 * Read-model save benchmark (a script, not a test): what the saves of a projection that
 * follows the log cost, and what they write, now that the audit history's entries are kept
 * beside the snapshot (issue 15, audit16).
 *
 * Folds every event of the file's tenant into TenantReadModels (readAll, pages of 1,000) and,
 * every --every events and at the end, saves as the projection runner does: the snapshot
 * with its contacts sealed and, where the code has them, the audit entries appended since
 * the last save, into a SqliteReadModelStore in a copy of the file. Prints the fold's and the
 * saves' CPU (process.cpuUsage), the longest save (the event loop is blocked for it: the stall
 * a request after a catch-up meets), and the bytes the saves wrote and the store holds.
 * The same script runs unchanged on the code before (b115c4e), which saves whole snapshots.
 *
 *   npm run bench:audit -- [--file /tmp/vouch-projections-5000-1500.db] [--every 10000]
 *   (the file is written by `npm run bench:projections -- --advocates 5000 --requests 1500 --rounds 0`)
 */
import { copyFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { START, type Checkpoint, type SaveReadModelOptions } from '@vouch/event-store';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { snapshotKeysOf, TenantReadModels } from '@vouch/projections';
import { TENANT } from '../../packages/projections/test/support/story-world';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SOURCE = args.get('file') ?? join(tmpdir(), 'vouch-projections-5000-1500.db');
const EVERY = Number(args.get('every') ?? 10_000);
const MASTER_KEY = Buffer.alloc(32, 7);
const log = (line: string) => process.stderr.write(`${line}\n`);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// What the store holds: the snapshot's text and, where the table exists, the entries' text.
function storedBytes(store: SqliteEventStore): { snapshot: number; entries: number } {
  const db = store.database;
  const snapshot = db
    .prepare(
      'SELECT (SELECT coalesce(sum(length(snapshot)), 0) FROM read_models) + (SELECT coalesce(sum(length(text)), 0) FROM read_model_chunks)',
    )
    .pluck()
    .get() as number;
  const hasEntries = db
    .prepare("SELECT count(*) FROM sqlite_master WHERE name = 'read_model_entries'")
    .pluck()
    .get() as number;
  const entries = hasEntries
    ? (db.prepare('SELECT coalesce(sum(length(entries)), 0) FROM read_model_entries').pluck().get() as number)
    : 0;
  return { snapshot, entries };
}

async function main(): Promise<void> {
  const file = join(tmpdir(), `vouch-audit-save-${process.pid}.db`);
  copyFileSync(SOURCE, file);
  const store = SqliteEventStore.open({ filename: file, masterKey: MASTER_KEY, durability: 'NORMAL' });
  try {
    store.database.exec(
      'DROP TABLE IF EXISTS read_models; DROP TABLE IF EXISTS read_model_chunks; DROP TABLE IF EXISTS read_model_entries',
    );
    const readModels = new SqliteReadModelStore(store.database);
    const models = new TenantReadModels();
    const keys = snapshotKeysOf(store, TENANT, models.name);
    let foldCpu = 0;
    let saveCpu = 0;
    let longestSave = 0;
    let lastSave = 0;
    let written = 0;
    let saves = 0;
    let events = 0;
    let held = { snapshot: 0, entries: 0 };
    const save = async (checkpoint: Checkpoint) => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const entries = (models as Partial<Pick<TenantReadModels, 'appendOnlyEntries'>>).appendOnlyEntries?.();
      const snapshot = await models.sealSnapshot(models.snapshot(), keys);
      const options: SaveReadModelOptions = {
        ...(saves === 0 ? { activate: true } : {}),
        ...(entries ? { entries } : {}),
      };
      await readModels.save(
        TENANT,
        models.name,
        1,
        { checkpoint, schemaVersion: models.schemaVersion, snapshot },
        options,
      );
      saveCpu += cpuMs(cpu);
      lastSave = performance.now() - started;
      longestSave = Math.max(longestSave, lastSave);
      saves += 1;
      const now = storedBytes(store);
      written += now.snapshot + (now.entries - held.entries);
      held = now;
    };
    let after = START;
    let sinceSave = 0;
    for (;;) {
      const cpu = process.cpuUsage();
      const page = await store.readAll(TENANT, { after, limit: 1000 });
      for (const event of page) models.apply(event);
      foldCpu += cpuMs(cpu);
      events += page.length;
      sinceSave += page.length;
      if (page.length > 0) after = page[page.length - 1]!.checkpoint;
      if (sinceSave >= EVERY || page.length < 1000) {
        await save(after);
        sinceSave = 0;
      }
      if (page.length < 1000) break;
    }
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    log(`load ${loadavg()[0]!.toFixed(1)}`);
    console.log(`| events | ${events} |`);
    console.log(`| saves (every ${EVERY} events and at the end) | ${saves} |`);
    console.log(`| fold CPU (readAll + apply) | ${Math.round(foldCpu)} ms |`);
    console.log(`| saves' CPU (snapshot, seal, JSON, SQLite) | ${Math.round(saveCpu)} ms |`);
    console.log(`| saves' CPU / fold CPU | ${(saveCpu / foldCpu).toFixed(2)} |`);
    console.log(
      `| longest save / last save (wall) | ${Math.round(longestSave)} ms / ${Math.round(lastSave)} ms |`,
    );
    console.log(`| written by all saves | ${mb(written)} |`);
    console.log(`| held: snapshot / audit entries | ${mb(held.snapshot)} / ${mb(held.entries)} |`);
    console.log(`| load average (1 min) | ${loadavg()[0]!.toFixed(1)} |`);
  } finally {
    await store.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
