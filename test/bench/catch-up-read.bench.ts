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
 * the store adds above its SQL and JSON (data keys, decryption, the event objects). A third,
 * `raw + decrypt`, is raw pages plus the AES-256-GCM work that invariant 10 makes every reader
 * pay, done by hand with node:crypto: each subject's data key read and unwrapped once per
 * catch-up, each personal event's fields decrypted against its binding and parsed. No event
 * objects, no erasure check, no upcasting: `readAll / raw + decrypt` is what the store adds
 * above the floor any reader that returns decrypted events stands on.
 * The file is read once before round 1 (not measured): a first read from a cold page cache
 * costs the raw floor kernel time (read17–read18's round 1 at 0.82–1.00 × was that).
 * Reuses the event file of `npm run bench:projections` (--file), generating it
 * through the deciders when it does not exist.
 *
 *   npm run bench:catch-up -- [--file /tmp/vouch-projections-5000-1500.db] [--rounds 7]
 *                             [--advocates 5000] [--requests 1500] [--alloc 1] [--warm 0]
 * `--count 1` reads once more and prints the bill of one catch-up: AES-GCM deciphers (data keys
 * unwrapped under the master key apart from personal events opened), the bytes they decrypted
 * and authenticated, and the wrapped-key reads, per event and per page.
 * `--alloc 1` then reads once more and reports the bytes readAll allocates per event in the young
 * generation (independent of the load): run node with `--max-semi-space-size=128`, so that a page
 * never meets a scavenge (the heap is collected between pages, outside the count).
 */
import crypto, { createDecipheriv, type DecipherGCM } from 'node:crypto';
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
// `--warm 0` leaves out the unmeasured first read (round 1 then reads a cold file, as before).
const WARM = args.get('warm') !== '0';
const COUNT = args.has('count');
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
  readonly systemSeconds: number;
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
    systemSeconds: cpu.system / 1e6,
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

/** The store's read statement: the columns readAll returns, as arrays, a page of 1,000 after a position. */
function pageStatement(db: Database.Database) {
  return db
    .prepare(
      `SELECT position, stream_id, version, event_id, type, schema_version, data, personal, metadata, recorded_at
       FROM events WHERE +tenant_id = ? AND position > ? ORDER BY position LIMIT 1000`,
    )
    .raw(true);
}

/** The store's own statement without the store: the same columns and pages, nothing decrypted. */
function rawPages(): number {
  const db = new Database(FILE, { readonly: true });
  const page = pageStatement(db);
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

/** The sealed personal column as the store writes it. */
interface Sealed {
  subjectId: string;
  fields: string[];
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Raw pages plus the decryption every reader owes: each subject's data key read and unwrapped
 * (AES-256-GCM under the master key, bound to tenant and subject) the first time the catch-up
 * meets it, and each personal event's fields decrypted (AES-256-GCM, bound to tenant, stream,
 * event, subject and field list) and parsed. The bindings are written out here as the store's
 * format defines them; a wrong one fails the tag check, so the floor cannot skip the work.
 */
function rawPagesDecrypted(): number {
  const db = new Database(FILE, { readonly: true });
  const page = pageStatement(db);
  const wrappedKeys = db
    .prepare(
      `SELECT subject_id, wrapped_key FROM data_keys
       WHERE tenant_id = ? AND subject_id IN (SELECT value FROM json_each(?))`,
    )
    .raw(true);
  const keys = new Map<string, Buffer>();
  let rows = 0;
  for (let after = 0; ;) {
    const read = page.all(TENANT, after) as [number, string, ...unknown[]][];
    const sealed: [row: (typeof read)[number], personal: Sealed][] = [];
    const unknown = new Set<string>();
    for (const row of read) {
      JSON.parse(row[6] as string);
      if (row[7] !== null) {
        const personal = JSON.parse(row[7] as string) as Sealed;
        sealed.push([row, personal]);
        if (!keys.has(personal.subjectId)) unknown.add(personal.subjectId);
      }
      JSON.parse(row[8] as string);
    }
    const wrapped = wrappedKeys.all(TENANT, JSON.stringify([...unknown])) as [string, Buffer][];
    for (const [subjectId, key] of wrapped) {
      const unwrap = createDecipheriv('aes-256-gcm', MASTER_KEY, key.subarray(1, 13));
      unwrap.setAAD(
        Buffer.from(
          `{"purpose":"vouch.data-key.v1","subjectId":${JSON.stringify(subjectId)},"tenantId":${JSON.stringify(TENANT)}}`,
        ),
      );
      unwrap.setAuthTag(key.subarray(13, 29));
      keys.set(subjectId, Buffer.concat([unwrap.update(key.subarray(29)), unwrap.final()]));
    }
    for (const [row, personal] of sealed) {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        keys.get(personal.subjectId)!,
        Buffer.from(personal.iv, 'base64'),
      );
      decipher.setAAD(
        Buffer.from(
          `{"eventId":${JSON.stringify(row[3])},"fields":${JSON.stringify(personal.fields)},` +
            `"purpose":"vouch.personal-data.v1","streamId":${JSON.stringify(row[1])},` +
            `"subjectId":${JSON.stringify(personal.subjectId)},"tenantId":${JSON.stringify(TENANT)}}`,
        ),
      );
      decipher.setAuthTag(Buffer.from(personal.tag, 'base64'));
      const plaintext = decipher.update(personal.ciphertext, 'base64');
      decipher.final();
      JSON.parse(plaintext.toString('utf8'));
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

/** One catch-up through `readAll` with node:crypto's decipher and the vault's key reads counted. */
async function countedCatchUp(): Promise<void> {
  const bill = { unwraps: 0, opened: 0, bytes: 0, associated: 0, pages: 0, keyReads: 0, subjectsRead: 0 };
  const original = crypto.createDecipheriv;
  // The store calls node:crypto's function through its module object: replaced there for one read.
  const counted = (...args: Parameters<typeof createDecipheriv>) => {
    // Every decipher of the read path is AES-256-GCM.
    const decipher = original(...args) as DecipherGCM;
    if (MASTER_KEY.equals(args[1] as Buffer)) bill.unwraps += 1;
    else bill.opened += 1;
    const update = decipher.update.bind(decipher) as (
      data: string | Buffer,
      encoding?: BufferEncoding,
    ) => Buffer;
    const setAAD = decipher.setAAD.bind(decipher);
    return Object.assign(decipher, {
      update: (data: string | Buffer, encoding?: BufferEncoding) => {
        bill.bytes += typeof data === 'string' ? Buffer.byteLength(data, encoding) : data.length;
        return update(data, encoding);
      },
      setAAD: (aad: Buffer) => {
        bill.associated += aad.length;
        return setAAD(aad);
      },
    });
  };
  Object.assign(crypto, { createDecipheriv: counted });
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const repository = (
    store as unknown as { vault: { repository: { findMany: (t: string, s: string[]) => unknown } } }
  ).vault.repository;
  const findMany = repository.findMany.bind(repository);
  repository.findMany = (tenantId: string, subjects: string[]) => {
    bill.keyReads += 1;
    bill.subjectsRead += subjects.length;
    return findMany(tenantId, subjects);
  };
  let after = START;
  let events = 0;
  let personal = 0;
  try {
    for (;;) {
      const page = await store.readAll(TENANT, { after, limit: 1000 });
      bill.pages += 1;
      events += page.length;
      for (const event of page) if (event.personalData.status !== 'none') personal += 1;
      if (page.length < 1000) break;
      after = page[page.length - 1]!.checkpoint;
    }
  } finally {
    Object.assign(crypto, { createDecipheriv: original });
    await store.close();
  }
  const per = (n: number, d: number) => (n / d).toFixed(3);
  console.log(
    `bill of one catch-up: ${events} events (${personal} personal) in ${bill.pages} pages; ` +
      `${bill.opened} personal events opened (${per(bill.opened, events)} per event) and ${bill.unwraps} data keys ` +
      `unwrapped (${per(bill.unwraps, bill.pages)} per page): ${per(bill.opened + bill.unwraps, events)} AES-GCM deciphers ` +
      `per event, ${bill.bytes} bytes decrypted and ${bill.associated} authenticated as associated data; ` +
      `${bill.keyReads} wrapped-key reads for ${bill.subjectsRead} subjects`,
  );
}

async function main(): Promise<void> {
  const count = await ensureEvents();
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, ${count.toLocaleString('en')} events in ${FILE}`,
  );
  if (WARM) rawRead();
  console.log(
    '| round | load | raw /s (wall) | readAll /s (wall) | raw /CPU-s | raw pages /CPU-s | raw + decrypt /CPU-s | readAll /CPU-s | CPU ratio | readAll / raw pages | raw + decrypt / raw | readAll / raw + decrypt | raw kernel ms | heap after, MB |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |');
  const ratios: number[] = [];
  const pageRatios: number[] = [];
  const floorRatios: number[] = [];
  const overFloor: number[] = [];
  const rates = {
    raw: [] as number[],
    rawPages: [] as number[],
    decrypted: [] as number[],
    readAll: [] as number[],
  };
  for (let round = 1; round <= ROUNDS; round++) {
    const raw = await measured(rawRead);
    const pages = await measured(rawPages);
    const decrypted = await measured(rawPagesDecrypted);
    const readAll = await measured(catchUpRead);
    if ([raw, pages, decrypted, readAll].some((m) => m.events !== count))
      throw new Error(
        `expected ${count} events, read ${raw.events} raw, ${pages.events} and ${decrypted.events} in pages and ${readAll.events} through readAll`,
      );
    gc();
    const heap = process.memoryUsage().heapUsed / 2 ** 20;
    const perCpu = (m: Measured) => m.events / m.cpuSeconds;
    ratios.push(perCpu(readAll) / perCpu(raw));
    pageRatios.push(perCpu(readAll) / perCpu(pages));
    floorRatios.push(perCpu(decrypted) / perCpu(raw));
    overFloor.push(perCpu(readAll) / perCpu(decrypted));
    rates.raw.push(perCpu(raw));
    rates.rawPages.push(perCpu(pages));
    rates.decrypted.push(perCpu(decrypted));
    rates.readAll.push(perCpu(readAll));
    console.log(
      `| ${round} | ${loadavg()[0]!.toFixed(1)} | ${Math.round(raw.events / raw.wallSeconds)} | ${Math.round(readAll.events / readAll.wallSeconds)} | ${Math.round(perCpu(raw))} | ${Math.round(perCpu(pages))} | ${Math.round(perCpu(decrypted))} | ${Math.round(perCpu(readAll))} | ${ratios.at(-1)!.toFixed(2)} × | ${pageRatios.at(-1)!.toFixed(2)} × | ${floorRatios.at(-1)!.toFixed(2)} × | ${overFloor.at(-1)!.toFixed(2)} × | ${Math.round(raw.systemSeconds * 1000)} | ${heap.toFixed(1)} |`,
    );
  }
  console.log(
    `| median | | | | ${Math.round(median(rates.raw))} | ${Math.round(median(rates.rawPages))} | ${Math.round(median(rates.decrypted))} | ${Math.round(median(rates.readAll))} | ${median(ratios).toFixed(2)} × | ${median(pageRatios).toFixed(2)} × | ${median(floorRatios).toFixed(2)} × | ${median(overFloor).toFixed(2)} × | | |`,
  );
  if (COUNT) await countedCatchUp();
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
