/**
 * Catch-up read benchmark (a script, not a test): every event of a tenant through the
 * store's `readAll` in pages of 1,000 (row decoding, data keys, decryption, upcasting),
 * against the raw floor — better-sqlite3 iterating the same rows and JSON.parse of data and
 * metadata — interleaved in the same process for ROUNDS rounds, the heap collected before
 * each step. Reports wall and CPU rates per round (on a shared machine the CPU rate is the
 * one to compare), their ratio, the load, and the heap left after each round: a catch-up
 * that keeps what it read alive shows as a heap that grows and a rate that falls round by
 * round. A second floor, `raw pages`, reads what the store's read statement reads — every
 * column readAll returns, as arrays (`.raw()`), in pages of 1,000 — and parses data, metadata
 * and the sealed personal column, without decrypting: the gap between it and readAll is what
 * the store adds above its SQL and JSON (data keys, decryption, the event objects).
 * Reuses the event file of `npm run bench:projections` (--file), generating it
 * through the deciders when it does not exist.
 *
 *   npm run bench:catch-up -- [--file /tmp/vouch-projections-5000-1500.db] [--rounds 7]
 *                             [--advocates 5000] [--requests 1500] [--alloc 1]
 * `--alloc 1` then reads once more and reports the bytes readAll allocates per event in the young
 * generation (independent of the load): run node with `--max-semi-space-size=128`, so that a page
 * never meets a scavenge (the heap is collected between pages, outside the count).
 */
import { existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { getHeapSpaceStatistics } from 'node:v8';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { START } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { appendHistory, programHistory } from '../../packages/projections/test/support/program-history';
import { TENANT } from '../../packages/projections/test/support/story-world';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const ADVOCATES = Number(args.get('advocates') ?? 5000);
const REQUESTS = Number(args.get('requests') ?? 1500);
const ROUNDS = Number(args.get('rounds') ?? 7);
const FILE = args.get('file') ?? join(tmpdir(), `vouch-projections-${ADVOCATES}-${REQUESTS}.db`);
// The same master key as the projections bench, so the two share the file.
const MASTER_KEY = Buffer.alloc(32, 7);
const ALLOC = args.has('alloc');
// Bytes in use in the young generation: grows by exactly what is allocated until a scavenge.
const youngBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The events of the file, generated and appended first when it holds none. */
async function ensureEvents(): Promise<number> {
  if (existsSync(FILE)) {
    const db = new Database(FILE, { readonly: true });
    const count = db.prepare('SELECT count(*) FROM events WHERE tenant_id = ?').pluck().get(TENANT) as number;
    db.close();
    if (count > 0) return count;
    rmSync(FILE, { force: true });
  }
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const count = await appendHistory(store, programHistory({ advocates: ADVOCATES, requests: REQUESTS }));
  await store.checkpointWal();
  await store.close();
  return count;
}

interface Measured {
  readonly events: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

// Wall and CPU seconds of one step.
async function measured(step: () => number | Promise<number>): Promise<Measured> {
  gc();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const events = await step();
  const cpu = process.cpuUsage(cpuStarted);
  return {
    events,
    wallSeconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** The floor: every row of the tenant read and its data and metadata parsed. */
function rawRead(): number {
  const db = new Database(FILE, { readonly: true });
  let rows = 0;
  for (const row of db
    .prepare('SELECT data, metadata FROM events WHERE tenant_id = ? ORDER BY position')
    .iterate(TENANT) as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rows++;
  }
  db.close();
  return rows;
}

/** The store's own statement without the store: the same columns and pages, nothing decrypted. */
function rawPages(): number {
  const db = new Database(FILE, { readonly: true });
  const page = db
    .prepare(
      `SELECT position, stream_id, version, event_id, type, schema_version, data, personal, metadata, recorded_at
       FROM events WHERE +tenant_id = ? AND position > ? ORDER BY position LIMIT 1000`,
    )
    .raw(true);
  let rows = 0;
  for (let after = 0; ;) {
    const read = page.all(TENANT, after) as [number, ...unknown[]][];
    for (const row of read) {
      JSON.parse(row[6] as string);
      if (row[7] !== null) JSON.parse(row[7] as string);
      JSON.parse(row[8] as string);
    }
    rows += read.length;
    if (read.length < 1000) break;
    after = read[read.length - 1]![0];
  }
  db.close();
  return rows;
}

/** A catch-up read: every event of the tenant through `readAll`, pages of 1,000. */
async function catchUpRead(): Promise<number> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  let after = START;
  let read = 0;
  for (;;) {
    const page = await store.readAll(TENANT, { after, limit: 1000 });
    read += page.length;
    if (page.length < 1000) break;
    after = page[page.length - 1]!.checkpoint;
  }
  await store.close();
  return read;
}

/** Young-generation bytes readAll allocates per event over one catch-up (pages that met a scavenge left out). */
async function allocatedPerEvent(): Promise<{ perEvent: number; skipped: number }> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  let after = START;
  let bytes = 0;
  let events = 0;
  let skipped = 0;
  for (;;) {
    gc();
    const before = youngBytes();
    const page = await store.readAll(TENANT, { after, limit: 1000 });
    const grown = youngBytes() - before;
    if (grown > 0) {
      bytes += grown;
      events += page.length;
    } else skipped += 1;
    if (page.length < 1000) break;
    after = page[page.length - 1]!.checkpoint;
  }
  await store.close();
  return { perEvent: bytes / events, skipped };
}

async function main(): Promise<void> {
  const count = await ensureEvents();
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, ${count.toLocaleString('en')} events in ${FILE}`,
  );
  console.log(
    '| round | load | raw /s (wall) | readAll /s (wall) | raw /CPU-s | raw pages /CPU-s | readAll /CPU-s | CPU ratio | readAll / raw pages | heap after, MB |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  const ratios: number[] = [];
  const pageRatios: number[] = [];
  const rates = { raw: [] as number[], rawPages: [] as number[], readAll: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    const raw = await measured(rawRead);
    const pages = await measured(rawPages);
    const readAll = await measured(catchUpRead);
    if (raw.events !== count || pages.events !== count || readAll.events !== count)
      throw new Error(
        `expected ${count} events, read ${raw.events} raw and ${readAll.events} through readAll`,
      );
    gc();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    const perCpu = (m: Measured) => m.events / m.cpuSeconds;
    ratios.push(perCpu(readAll) / perCpu(raw));
    pageRatios.push(perCpu(readAll) / perCpu(pages));
    rates.raw.push(perCpu(raw));
    rates.rawPages.push(perCpu(pages));
    rates.readAll.push(perCpu(readAll));
    console.log(
      `| ${round} | ${loadavg()[0]!.toFixed(1)} | ${Math.round(raw.events / raw.wallSeconds)} | ${Math.round(readAll.events / readAll.wallSeconds)} | ${Math.round(perCpu(raw))} | ${Math.round(perCpu(pages))} | ${Math.round(perCpu(readAll))} | ${ratios.at(-1)!.toFixed(2)} × | ${pageRatios.at(-1)!.toFixed(2)} × | ${heap.toFixed(1)} |`,
    );
  }
  console.log(
    `| median | | | | ${Math.round(median(rates.raw))} | ${Math.round(median(rates.rawPages))} | ${Math.round(median(rates.readAll))} | ${median(ratios).toFixed(2)} × | ${median(pageRatios).toFixed(2)} × | |`,
  );
  if (ALLOC) {
    const { perEvent, skipped } = await allocatedPerEvent();
    console.log(
      `readAll allocates ${Math.round(perEvent)} B per event in the young generation (${skipped} pages met a scavenge and are left out)`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
