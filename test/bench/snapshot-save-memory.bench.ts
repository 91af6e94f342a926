/**
 * The memory a read-model snapshot save costs on top of the live read models (a script, not a
 * test): folds every event of a seeded SQLite file (e.g. the 100k-advocate file `bench:api`
 * keeps in its cache) into `TenantReadModels`, settles the heap, resets the kernel's peak RSS
 * (`/proc/self/clear_refs`), runs one save as `ProjectionRunner` does (snapshot, seal,
 * `SqliteReadModelStore.save` into a fresh file beside it, activation and audit entries
 * included) and reports the peak RSS and heap above the settled state, with CPU ms and the
 * JSON size per part. One save per process (`--parts` only prints the sizes of each part).
 *
 *   node --expose-gc -r @swc-node/register test/bench/snapshot-save-memory.bench.ts \
 *     --file /tmp/vouch-api-bench-cache/advocates-100000.db [--tenant bench] [--parts 1]
 *     [--store-from <another checkout, e.g. the base commit's>] [--piece-chars N] [--lock-probe 1]
 *
 * `--lock-probe 1`: during the save, another process appends a row to the same SQLite file every
 * 2 ms (autocommit, busy timeout 60 s, no WAL checkpoints of its own) and reports how long its appends waited: the longest is
 * how long the save held the write lock at once, as a CLI command on the same file meets it.
 * Then a second save of the same state (no new audit entries: a periodic save's case) is probed
 * alike — the first save also writes the whole audit history.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { START } from '@vouch/event-store';
import Database from 'better-sqlite3';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { TenantReadModels } from '@vouch/projections';
import { snapshotKeysOf } from '../../packages/projections/src/snapshot-keys';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const FILE = args.get('file') ?? join(tmpdir(), 'vouch-api-bench-cache', 'advocates-100000.db');
const KEY_FILE = args.get('key') ?? FILE.replace(/\.db$/, '.key');
const TENANT = args.get('tenant') ?? 'bench';
const PARTS = args.get('parts') === '1';
// Another checkout's SqliteReadModelStore (e.g. the base commit's), for the "before" figure.
const STORE_FROM = args.get('store-from');
// Characters per stored piece (the store's default when absent).
const PIECE_CHARS = args.get('piece-chars') === undefined ? undefined : Number(args.get('piece-chars'));
const LOCK_PROBE = args.get('lock-probe') === '1';

// The other process of `--lock-probe`: appends every 2 ms, timing each append (ms), until SIGTERM.
const PROBE = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1], { timeout: 60000 });
// Its appends never copy the WAL back themselves: what they time is the wait for the lock.
db.pragma('wal_autocheckpoint = 0');
db.exec('CREATE TABLE IF NOT EXISTS lock_probe (n INTEGER)');
const insert = db.prepare('INSERT INTO lock_probe VALUES (?)');
const waits = [];
const tick = () => {
  const started = performance.now();
  insert.run(waits.length);
  waits.push(performance.now() - started);
  timer = setTimeout(tick, 2);
};
let timer = setTimeout(tick, 2);
require('fs').writeSync(1, 'ready\\n');
process.on('SIGTERM', () => {
  clearTimeout(timer);
  waits.sort((a, b) => a - b);
  const at = (q) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? 0;
  require('fs').writeSync(1, JSON.stringify({ appends: waits.length, max: at(1), p99: at(0.99), p50: at(0.5) }) + '\\n');
  process.exit(0);
});
`;

/** Starts the lock probe on `file`; `stop()` answers what its appends waited. */
async function lockProbe(file: string): Promise<{ stop(): Promise<string> }> {
  const child = spawn(process.execPath, ['-e', PROBE, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  while (!out.includes('ready')) await new Promise((resolve) => setTimeout(resolve, 10));
  // Let it take its first turns before the save starts.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const figures = JSON.parse(out.split('\n').find((line) => line.startsWith('{'))!) as Record<
        string,
        number
      >;
      return `another process's appends during the save: ${figures.appends}, waited at most ${figures.max!.toFixed(0)} ms (p99 ${figures.p99!.toFixed(1)}, p50 ${figures.p50!.toFixed(1)})`;
    },
  };
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const gc = () => {
  // Collections until one frees little: the fold's garbage gone, the models alone left.
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Run node with --expose-gc.');
  for (let i = 0, before = Infinity; i < 10; i++) {
    collect();
    const used = process.memoryUsage().heapUsed;
    if (before - used < 2 ** 20) break;
    before = used;
  }
};
const status = () => {
  const text = readFileSync('/proc/self/status', 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
};
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Another checkout's SqliteReadModelStore, from its source. */
function storeFrom(root: string): typeof SqliteReadModelStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- another checkout's module
  const module = require(join(root, 'packages/event-store-sqlite/src/sqlite-read-model-store')) as {
    SqliteReadModelStore: typeof SqliteReadModelStore;
  };
  return module.SqliteReadModelStore;
}

async function main(): Promise<void> {
  const masterKey = Buffer.from(readFileSync(KEY_FILE, 'utf8').trim(), 'hex');
  // A copy: opening a file may write to it (WAL, migrations), and the cached one is shared.
  const dir = mkdtempSync(join(tmpdir(), 'snapshot-save-memory-'));
  copyFileSync(FILE, join(dir, 'events.db'));
  const store = SqliteEventStore.open({ filename: join(dir, 'events.db'), masterKey });
  const models = new TenantReadModels();
  let events = 0;
  for (let after = START; ;) {
    const page = await store.readAll(TENANT, { after, limit: 1000 });
    for (const event of page) models.apply(event);
    events += page.length;
    if (page.length < 1000) break;
    after = page[page.length - 1]!.checkpoint;
  }
  models.caughtUp();
  const keys = snapshotKeysOf(store, TENANT, models.name);
  if (PARTS) {
    const snapshot = await models.sealSnapshot(models.snapshot(), keys);
    for (const [part, value] of Object.entries(snapshot))
      console.log(`${part}: ${(JSON.stringify(value).length / 1e6).toFixed(1)} M chars`);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  try {
    const db = new Database(join(dir, 'read-models.db'));
    db.pragma('journal_mode = WAL');
    const Store = STORE_FROM ? storeFrom(STORE_FROM) : SqliteReadModelStore;
    const readModels = new Store(db, undefined, PIECE_CHARS);
    const probe = LOCK_PROBE ? await lockProbe(join(dir, 'read-models.db')) : undefined;
    gc();
    writeFileSync('/proc/self/clear_refs', '5');
    const settled = { ...status(), heap: process.memoryUsage().heapUsed };
    const started = process.cpuUsage();
    const snapshot = models.snapshot();
    const sealed = await models.sealSnapshot(snapshot, keys);
    await readModels.save(
      TENANT,
      models.name,
      1,
      { checkpoint: models.checkpoint!, schemaVersion: models.schemaVersion, snapshot: sealed },
      { activate: true, entries: models.appendOnlyEntries() },
    );
    const cpu = cpuMs(started);
    const after = status();
    const probed = probe ? await probe.stop() : undefined;
    // The periodic save's case: the snapshot again, the audit entries already held.
    let second: string | undefined;
    if (LOCK_PROBE) {
      const again = await lockProbe(join(dir, 'read-models.db'));
      const secondStarted = process.cpuUsage();
      await readModels.save(
        TENANT,
        models.name,
        1,
        { checkpoint: models.checkpoint!, schemaVersion: models.schemaVersion, snapshot: sealed },
        { activate: true, entries: models.appendOnlyEntries() },
      );
      const secondCpu = cpuMs(secondStarted);
      second = `a second save (${secondCpu.toFixed(0)} ms CPU): ${await again.stop()}`;
    }
    // A restart's read of what was saved (the stored pieces joined and parsed), measured alike.
    gc();
    writeFileSync('/proc/self/clear_refs', '5');
    const beforeLoad = status();
    const loadStarted = process.cpuUsage();
    const loaded = await readModels.load(TENANT, models.name, 1);
    const loadCpu = cpuMs(loadStarted);
    const afterLoad = status();
    if (loaded?.checkpoint !== models.checkpoint) throw new Error('The saved snapshot did not load back.');
    const size = db.prepare<[], number>('SELECT sum(length(text)) FROM read_model_chunks').pluck().get();
    db.close();
    console.log(
      `${STORE_FROM ?? 'this checkout'}${PIECE_CHARS ? `, pieces of ${PIECE_CHARS} chars` : ''}: ${events} events: models settled at RSS ${mb(settled.rss)} MB, heap ${mb(settled.heap)} MB; ` +
        `the save: peak RSS ${mb(after.hwm)} MB (+${mb(after.hwm - settled.rss)} MB), ${cpu.toFixed(0)} ms CPU, ` +
        `snapshot ${((size ?? 0) / 1e6).toFixed(1)} MB; ${probed ? `${probed}; ${second}; ` : ''}its load: peak RSS +${mb(afterLoad.hwm - beforeLoad.rss)} MB, ${loadCpu.toFixed(0)} ms CPU; load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
