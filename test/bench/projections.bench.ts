/**
 * Projections benchmark (a script, not a test).
 *   1. Rebuild: every read model of a tenant from N events in a SQLite file (default 1M,
 *      generated once through the domain's deciders and appended through the store, then
 *      reused from --file), by a ProjectionRunner over SqliteReadModelStore — events/s and
 *      the ratio to a raw better-sqlite3 iterate + JSON.parse loop over the same rows, run
 *      in the same process, interleaved, ROUNDS times (medians).
 *   1b. Catch-up read: `readAll` in pages of 1,000 (decrypting, upcasting) over the same
 *      file, against the same raw loop, in the same rounds.
 *   2. Memory of the read models after the rebuild and the queries of 3 (heap they hold:
 *      the settled heap with them minus without them, never negative; process heap and RSS).
 *   3. Latency of searchAdvocates and matchCriteria at 10k and 100k advocates (medians and
 *      p95 over many queries).
 *
 *   npm run bench:projections -- [--advocates 100000] [--requests 30000] [--rounds 3]
 *                                [--replicas 10] [--file /tmp/vouch-projections-1m.db]
 *   --rounds 0 only writes the file. --replicas k decides a program of advocates/k and requests/k through the deciders once
 *   and appends it k times with renamed ids (test/support/replicated-history.ts): the 1M-event
 *   file in minutes instead of an hour.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Instant } from '@vouch/domain';
import { START } from '@vouch/event-store';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { ProjectionRunner, TenantReadModels, type AdvocateSearchQuery } from '@vouch/projections';
import { appendHistory, programHistory } from '../../packages/projections/test/support/program-history';
import { replicaOf } from '../../packages/projections/test/support/replicated-history';
import { TENANT } from '../../packages/projections/test/support/story-world';
import { heldHeap } from './support/held-heap';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const ADVOCATES = Number(args.get('advocates') ?? 100_000);
const REQUESTS = Number(args.get('requests') ?? 30_000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const REPLICAS = Number(args.get('replicas') ?? 1);
// Which parts run: `--parts raw,rebuild` skips the catch-up read and the latencies (a quicker
// A/B of the rebuild, and a profile of the rebuild alone).
const PARTS = new Set((args.get('parts') ?? 'raw,readAll,rebuild,latency').split(','));
const FILE =
  args.get('file') ??
  join(tmpdir(), `vouch-projections-${ADVOCATES}-${REQUESTS}${REPLICAS > 1 ? `-x${REPLICAS}` : ''}.db`);
// The master key only has to be the same across runs that reuse the file.
const MASTER_KEY = Buffer.alloc(32, 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Generates the history and appends it, unless the file already holds it. */
async function ensureEvents(): Promise<number> {
  if (existsSync(FILE)) {
    const db = new Database(FILE, { readonly: true });
    const count = db.prepare('SELECT count(*) FROM events WHERE tenant_id = ?').pluck().get(TENANT) as number;
    db.close();
    if (count > 0) return count;
    rmSync(FILE, { force: true });
  }
  let started = Date.now();
  const world = programHistory({ advocates: ADVOCATES / REPLICAS, requests: REQUESTS / REPLICAS });
  log(`generated ${world.envelopes.length} events through the deciders in ${Date.now() - started} ms`);
  started = Date.now();
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  let count = 0;
  for (let copy = 0; copy < REPLICAS; copy++) {
    count += await appendHistory(store, { envelopes: replicaOf(world.envelopes, copy) });
    if (REPLICAS > 1) log(`copy ${copy + 1}/${REPLICAS} appended (${count} events)`);
  }
  await store.checkpointWal();
  await store.close();
  log(`appended them in ${Date.now() - started} ms (${statSync(FILE).size >> 20} MB)`);
  return count;
}

// Events per CPU-second of this process (all its threads: GC helpers too), beside the
// wall-clock rates: on a shared, loaded machine the wall clock mostly measures waiting.
const perCpuSecond = { raw: [] as number[], readAll: [] as number[], rebuild: [] as number[] };
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

/** The baseline: every row of the tenant read and its data and metadata parsed. */
function rawRead(): number {
  const db = new Database(FILE, { readonly: true });
  let rows = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (const row of db
    .prepare('SELECT data, metadata FROM events WHERE tenant_id = ? ORDER BY position')
    .iterate(TENANT) as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  perCpuSecond.raw.push(rows / cpuSeconds(cpuStarted));
  db.close();
  return rows / seconds;
}

/** A catch-up read: every event of the tenant through `readAll`, pages of 1,000 (events/s). */
async function catchUpRead(): Promise<number> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  let after = START;
  let read = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (;;) {
    const page = await store.readAll(TENANT, { after, limit: 1000 });
    read += page.length;
    if (page.length < 1000) break;
    after = page[page.length - 1]!.checkpoint;
  }
  const seconds = (performance.now() - started) / 1000;
  perCpuSecond.readAll.push(read / cpuSeconds(cpuStarted));
  await store.close();
  return read / seconds;
}

let snapshotBytes = 0;
let entryBytes = 0;

/**
 * A rebuild from scratch: a runner over an empty read-model store catches up with the whole
 * log; answers events/s and leaves the models in `into` (the only reference to them, so the
 * memory measure can drop them).
 */
async function rebuild(count: number, into: { value?: TenantReadModels }): Promise<number> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  store.database.exec(
    'DROP TABLE IF EXISTS read_models; DROP TABLE IF EXISTS read_model_chunks; DROP TABLE IF EXISTS read_model_entries',
  );
  const runner = new ProjectionRunner({
    store,
    readModels: new SqliteReadModelStore(store.database),
    tenantId: TENANT,
    create: () => new TenantReadModels(),
  });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  await runner.start(); // resolves once history is applied and the last snapshot saved
  const seconds = (performance.now() - started) / 1000;
  perCpuSecond.rebuild.push(count / cpuSeconds(cpuStarted));
  into.value = runner.projection;
  await runner.stop();
  // The snapshot's JSON is in read_model_chunks (pieces of 1 MB); older stores kept it in the row.
  snapshotBytes = store.database
    .prepare(
      'SELECT (SELECT sum(length(snapshot)) FROM read_models) + (SELECT coalesce(sum(length(text)), 0) FROM read_model_chunks)',
    )
    .pluck()
    .get() as number;
  // The audit history's entries, saved beside the snapshot (audit16).
  entryBytes = store.database
    .prepare('SELECT coalesce(sum(length(entries)), 0) FROM read_model_entries')
    .pluck()
    .get() as number;
  await store.close();
  return count / seconds;
}

function latency(models: TenantReadModels, now: Instant): { search: number[]; match: number[] } {
  const search: number[] = [];
  const match: number[] = [];
  const queries: AdvocateSearchQuery[] = [
    { industries: ['Manufacturing'], languages: ['de'] },
    { products: ['Planner'], regions: ['EMEA'], minSeniority: 'VP' },
    { text: 'forecasting', availableFor: { kind: 'REFERENCE_CALL', at: now } },
    { regions: ['APAC'], useCases: ['inventory'] },
  ];
  for (let i = 0; i < 400; i++) {
    let t = performance.now();
    models.searchAdvocates(queries[i % queries.length]!, { includeTitles: false }, { first: 20 });
    search.push(performance.now() - t);
    t = performance.now();
    models.matchCriteria(
      {
        kind: 'REFERENCE_CALL',
        opportunity: {
          industry: ['Manufacturing', 'Retail', 'Finance'][i % 3]!,
          region: 'EMEA',
          products: ['Planner'],
        },
        criteria: {
          industries: [],
          regions: ['EMEA'],
          products: ['Planner'],
          useCases: [],
          languages: ['en'],
          territory: 'EMEA',
          channel: 'PRIVATE',
        },
      },
      now,
      10,
    );
    match.push(performance.now() - t);
  }
  return { search, match };
}

async function main(): Promise<void> {
  log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  const count = await ensureEvents();
  if (ROUNDS === 0) {
    log(`${count} events in ${FILE}; --rounds 0 only writes the file`);
    return;
  }
  const raw: number[] = [];
  const rebuilt: number[] = [];
  const caughtUp: number[] = [];
  // Held in an object so a round can drop the previous model before it measures.
  const held: { value?: TenantReadModels } = {};
  for (let round = 0; round < ROUNDS; round++) {
    delete held.value;
    gc();
    if (PARTS.has('raw')) raw.push(rawRead());
    gc();
    if (PARTS.has('readAll')) caughtUp.push(await catchUpRead());
    gc();
    if (PARTS.has('rebuild')) rebuilt.push(await rebuild(count, held));
    log(
      `round ${round + 1} (load ${loadavg()[0]!.toFixed(1)}): raw ${Math.round(raw[round]!)}/s, ` +
        `readAll ${Math.round(caughtUp[round]!)}/s, rebuild ${Math.round(rebuilt[round]!)}/s; per CPU-s ` +
        `raw ${Math.round(perCpuSecond.raw[round]!)}, rebuild ${Math.round(perCpuSecond.rebuild[round]!)}`,
    );
  }
  if (!PARTS.has('latency')) {
    const cpu = perCpuSecond;
    console.log(
      `| ${count} events, load ${loadavg()[0]!.toFixed(1)} | per CPU-second (median): raw ${Math.round(median(cpu.raw))}, rebuild ${Math.round(median(cpu.rebuild))}; rebuild / raw ${(median(cpu.rebuild) / median(cpu.raw)).toFixed(3)} × (rounds: ${cpu.rebuild.map((r, i) => (r / cpu.raw[i]!).toFixed(3)).join(', ')}) |`,
    );
    return;
  }
  const now = '2027-06-01T09:00:00.000Z';
  // The queries run first, so the code they compile is in both measurements and cannot make
  // the models' share negative; each measurement is taken after full collections settle.
  const memory = await heldHeap(held, (models) => latency(models, now));
  const large = memory.used;
  // 10k advocates: the same program at a tenth of the size, folded in memory.
  const small = programHistory({ advocates: ADVOCATES / 10, requests: REQUESTS / 10 });
  const smallModels = new TenantReadModels();
  for (const event of small.log) smallModels.apply(event);
  smallModels.caughtUp();
  const smaller = latency(smallModels, now);
  const ms = (xs: number[]) => `${median(xs).toFixed(3)} ms (p95 ${percentile(xs, 0.95).toFixed(3)})`;
  console.log(`| events | ${count} |`);
  console.log(`| raw better-sqlite3 iterate + JSON.parse (median) | ${Math.round(median(raw))} events/s |`);
  console.log(`| rebuild of all read models, SQLite (median) | ${Math.round(median(rebuilt))} events/s |`);
  console.log(`| ratio | ${(median(rebuilt) / median(raw)).toFixed(2)} × |`);
  console.log(
    `| catch-up read, readAll pages of 1,000 (median) | ${Math.round(median(caughtUp))} events/s |`,
  );
  console.log(`| ratio | ${(median(caughtUp) / median(raw)).toFixed(2)} × |`);
  console.log(
    `| per round: readAll / raw, rebuild / raw | ${raw.map((r, i) => `${(caughtUp[i]! / r).toFixed(2)}, ${(rebuilt[i]! / r).toFixed(2)}`).join(' · ')} |`,
  );
  const cpu = perCpuSecond;
  console.log(
    `| per CPU-second (median): raw / readAll / rebuild | ${[cpu.raw, cpu.readAll, cpu.rebuild].map((xs) => Math.round(median(xs))).join(' / ')} events |`,
  );
  console.log(
    `| per CPU-second ratios: readAll / raw, rebuild / raw | ${(median(cpu.readAll) / median(cpu.raw)).toFixed(2)} ×, ${(median(cpu.rebuild) / median(cpu.raw)).toFixed(2)} × |`,
  );
  console.log(`| saved snapshot | ${(snapshotBytes / 2 ** 20).toFixed(1)} MB |`);
  console.log(`| saved audit entries, beside the snapshot | ${(entryBytes / 2 ** 20).toFixed(1)} MB |`);
  console.log(
    `| read models at ${ADVOCATES} advocates, after full GCs: heap they hold / process heap / RSS | ${(memory.heldBytes / 2 ** 20).toFixed(1)} MB / ${memory.withIt.heapUsed >> 20} MB / ${memory.withIt.rss >> 20} MB |`,
  );
  console.log(
    `| searchAdvocates at ${ADVOCATES / 10} / ${ADVOCATES} advocates | ${ms(smaller.search)} / ${ms(large.search)} |`,
  );
  console.log(
    `| matchCriteria at ${ADVOCATES / 10} / ${ADVOCATES} advocates | ${ms(smaller.match)} / ${ms(large.match)} |`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
