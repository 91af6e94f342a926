/**
 * Compliance review benchmark (issue 12; a script, not a test).
 *   1. Export: `vouch audit export` of every event of a 1M-event SQLite store (the
 *      projections benchmark's program history, generated once and reused from --file), as
 *      JSONL and CSV, each in a fresh process: events/s and peak RSS (goal ≤ 256 MB),
 *      against a raw better-sqlite3 iterate + JSON.parse loop over the same rows.
 *   2. Verification against signed digests (every hash chain, every signed head): events/s
 *      against the same raw loop.
 *   3. The audit trail of one subject with 10k events: the API's auditTrail (read models)
 *      and subjectAsOf (a replay of the stream) against a raw readStream of it.
 *   4. /healthz latency of the real API server while a verification job runs on the 1M
 *      store, against /healthz with nothing running (p50/p99; goal p99 ≤ 50 ms).
 *
 *   npm run bench:compliance -- [--advocates 100000] [--requests 30000] [--rounds 3] [--file …]
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createVouch, type Principal } from '@vouch/application';
import { DigestSigner, verifySignedHistory } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { SignJWT } from 'jose';
import pino from 'pino';
import { createApiServer } from '../../apps/api/src';
import { appendHistory, programHistory } from '../../packages/projections/test/support/program-history';
import { TENANT } from '../../packages/projections/test/support/story-world';
import { buildAsOfStream } from './support/as-of-stream';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const ADVOCATES = Number(args.get('advocates') ?? 100_000);
const REQUESTS = Number(args.get('requests') ?? 30_000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const FILE = args.get('file') ?? join(tmpdir(), `vouch-projections-${ADVOCATES}-${REQUESTS}.db`);
const MASTER_KEY = Buffer.alloc(32, 7);
/** Run only some parts: export,verify,trail,healthz (default all). */
const ONLY = new Set((args.get('only') ?? 'export,verify,trail,healthz').split(','));
/** Run the export from the build (`npm run build` first): what `node apps/cli/dist/main.js` runs. */
const FROM_DIST = args.get('from-dist') === 'true';
const DIST_CHILD = `require('reflect-metadata');
const { runCli } = require('./apps/cli/dist/cli.js');
const { processIo } = require('./apps/cli/dist/cli-io.js');
const baselineRssMb = process.memoryUsage().rss / 1048576;
const started = performance.now();
runCli(process.argv.slice(1), { ...processIo(), interactive: false }).then((code) => {
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ code, seconds, baselineRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\\n');
  process.exit(code);
});`;
/** Extra node flags for the export process, e.g. `--max-old-space-size=64` to show memory stays bounded. */
const EXPORT_NODE_FLAGS = (args.get('export-node-flags') ?? '').split(' ').filter(Boolean);
const SECRET = 'compliance-bench-secret-of-at-least-32-bytes';
const ROOT = join(__dirname, '..', '..');

const median = (xs: number[]) =>
  xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function ensureEvents(): Promise<number> {
  if (existsSync(FILE)) {
    const db = new Database(FILE, { readonly: true });
    const count = db.prepare('SELECT count(*) FROM events WHERE tenant_id = ?').pluck().get(TENANT) as number;
    db.close();
    if (count > 0) return count;
    rmSync(FILE, { force: true });
  }
  let started = Date.now();
  const world = programHistory({ advocates: ADVOCATES, requests: REQUESTS });
  log(`generated ${world.envelopes.length} events in ${Date.now() - started} ms`);
  started = Date.now();
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const count = await appendHistory(store, world);
  await store.checkpointWal();
  await store.close();
  log(`appended them in ${Date.now() - started} ms (${statSync(FILE).size >> 20} MB)`);
  return count;
}

function rawRead(): number {
  const db = new Database(FILE, { readonly: true });
  let rows = 0;
  const started = performance.now();
  for (const row of db
    .prepare('SELECT data, metadata FROM events WHERE tenant_id = ? ORDER BY position')
    .iterate(TENANT) as Iterable<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    rows++;
  }
  db.close();
  return rows / ((performance.now() - started) / 1000);
}

/** A data directory over the benchmark file, as `vouch` expects one. */
function dataDirOver(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-compliance-'));
  symlinkSync(file, join(dir, 'vouch.db'));
  writeFileSync(join(dir, 'master.key'), `${MASTER_KEY.toString('base64')}\n`, { mode: 0o600 });
  return dir;
}

function exportOnce(
  dataDir: string,
  format: string,
): { seconds: number; peakRssMb: number; baselineRssMb: number; bytes: number } {
  const out = join(dataDir, `export.${format}`);
  const text = execFileSync(
    process.execPath,
    [
      ...EXPORT_NODE_FLAGS,
      ...(FROM_DIST
        ? ['-e', DIST_CHILD]
        : ['-r', '@swc-node/register', 'test/bench/support/export-child.ts']),
      'audit',
      'export',
      '--data-dir',
      dataDir,
      '--tenant',
      TENANT,
      '--format',
      format,
      '--out',
      out,
    ],
    { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.typecheck.json' }, encoding: 'utf8' },
  );
  const result = JSON.parse(text.trim().split('\n').at(-1)!) as {
    code: number;
    seconds: number;
    peakRssMb: number;
    baselineRssMb: number;
  };
  if (result.code !== 0) throw new Error(`export failed: ${text}`);
  const bytes = statSync(out).size;
  rmSync(out);
  return { ...result, bytes };
}

/** A tenant with one advocate whose stream has `n` events (clones of one real update), opened again. */
async function oneLongStream(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-long-stream-'));
  const filename = join(dir, 'vouch.db');
  const stream = await buildAsOfStream(filename, n);
  const store = SqliteEventStore.open({ filename, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
  const pm: Principal = { tenantId: 'long', userId: 'pat', roles: ['PROGRAM_MANAGER', 'AUDITOR'] };
  return { dir, store, vouch, pm, stream };
}

async function trailOfOneSubject() {
  const { dir, store, vouch, pm, stream } = await oneLongStream(10_000);
  await vouch.start(['long']);
  const times = { raw: [] as number[], trail: [] as number[], asOf: [] as number[] };
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    const events = await store.readStream('long', stream, { limit: 20_000 });
    times.raw.push(performance.now() - t);
    t = performance.now();
    const trail = await vouch.queries.auditTrail(pm, 'advocate', 'ines');
    times.trail.push(performance.now() - t);
    t = performance.now();
    await vouch.queries.subjectAsOf(pm, 'advocate', 'ines', new Date().toISOString());
    times.asOf.push(performance.now() - t);
    if (events.length !== 10_000 || trail.length !== 10_000)
      throw new Error(`expected 10k, got ${events.length}/${trail.length}`);
  }
  await vouch.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    raw: median(times.raw),
    trail: median(times.trail),
    asOf: median(times.asOf),
    trailP95: percentile(times.trail, 0.95),
  };
}

/** One Ed25519 key for every run: the file keeps the digests earlier runs signed with it. */
const BENCH_SIGNING_KEY = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 9)]),
  format: 'der',
  type: 'pkcs8',
});

async function healthzWhileVerifying(dataDir: string) {
  const privateKey = BENCH_SIGNING_KEY;
  const store = SqliteEventStore.open({ filename: join(dataDir, 'vouch.db'), masterKey: MASTER_KEY });
  const vouch = createVouch({
    store,
    dueWorkIntervalMs: 0,
    digests: { privateKey, log: store.signedDigests, intervalMs: 0 },
  });
  await vouch.digests!.sign(TENANT, 'on-demand');
  const server = await createApiServer({
    vouch,
    auth: { hs256Secret: SECRET },
    environment: 'production',
    logger: pino({ level: 'silent' }),
  });
  const { url } = await server.listen({ port: 0 });
  const origin = new URL(url).origin;
  const token = await new SignJWT({ tenant: TENANT, roles: ['AUDITOR'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('auditor')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  const healthz = async (ms: number) => {
    const latencies: number[] = [];
    const until = performance.now() + ms;
    while (performance.now() < until) {
      const t = performance.now();
      await (await fetch(`${origin}/healthz`)).text();
      latencies.push(performance.now() - t);
    }
    return latencies;
  };
  const idle = await healthz(3000);
  const gql = (query: string, variables = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    }).then(
      (r) =>
        r.json() as Promise<{ data: Record<string, { id: string; status: string; eventsChecked: number }> }>,
    );
  // Five auditors start at once: they share one job.
  const started = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      gql(
        'mutation($input: StartIntegrityVerificationInput!) { startIntegrityVerification(input: $input) { id } }',
        {
          input: { commandId: `bench-${i}` },
        },
      ),
    ),
  );
  const ids = new Set(started.map((r) => r.data.startIntegrityVerification!.id));
  const id = [...ids][0]!;
  const t0 = performance.now();
  const busy: number[] = [];
  let status = 'RUNNING';
  let checked = 0;
  while (status === 'RUNNING') {
    busy.push(...(await healthz(1000)));
    const job = (
      await gql('query($id: ID!) { integrityVerification(id: $id) { status eventsChecked } }', { id })
    ).data.integrityVerification!;
    status = job.status;
    checked = job.eventsChecked;
  }
  const seconds = (performance.now() - t0) / 1000;
  await server.stop();
  await vouch.stop();
  await store.close();
  return { idle, busy, jobs: ids.size, status, checked, seconds };
}

async function main(): Promise<void> {
  log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  const events = await ensureEvents();
  const dataDir = dataDirOver(FILE);
  log(`store: ${FILE} (${events.toLocaleString('en-US')} events, ${statSync(FILE).size >> 20} MB)`);

  // 1 and 2, interleaved per round with the raw baseline.
  const rows: Record<string, number[]> = {
    raw: [],
    jsonl: [],
    csv: [],
    verify: [],
    jsonlRss: [],
    csvRss: [],
    jsonlBase: [],
    csvBase: [],
  };
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const verifyCopy = join(tmpdir(), `vouch-compliance-verify-${process.pid}.db`);
  // The verified copy gets a signed digest; the shared file stays as generated.
  if (ONLY.has('verify')) copyFileSync(FILE, verifyCopy);
  else writeFileSync(verifyCopy, '');
  const verifyStore = SqliteEventStore.open({ filename: verifyCopy, masterKey: MASTER_KEY });
  await new DigestSigner({
    store: verifyStore,
    log: verifyStore.signedDigests,
    privateKey,
    clock: () => new Date().toISOString(),
  }).sign(TENANT, 'on-demand');
  for (let round = 1; round <= ROUNDS; round++) {
    rows.raw!.push(rawRead());
    for (const format of ONLY.has('export') ? (['jsonl', 'csv'] as const) : []) {
      const result = exportOnce(dataDir, format);
      rows[format]!.push(events / result.seconds);
      rows[`${format}Rss`]!.push(result.peakRssMb);
      rows[`${format}Base`]!.push(result.baselineRssMb);
      log(
        `round ${round}: ${format} ${fmt(events / result.seconds)} events/s, peak RSS ${result.peakRssMb.toFixed(0)} MB (${result.baselineRssMb.toFixed(0)} MB before it started), ${result.bytes >> 20} MB written`,
      );
    }
    if (!ONLY.has('verify')) continue;
    const t = performance.now();
    const report = await verifySignedHistory(
      verifyStore,
      TENANT,
      await verifyStore.signedDigests.list(TENANT),
      publicKey,
    );
    if (!report.ok) throw new Error(`verification failed: ${JSON.stringify(report.firstBreak)}`);
    rows.verify!.push(report.chains.eventsChecked / ((performance.now() - t) / 1000));
    log(`round ${round}: raw ${fmt(rows.raw!.at(-1)!)} rows/s, verify ${fmt(rows.verify!.at(-1)!)} events/s`);
  }
  await verifyStore.close();
  rmSync(verifyCopy, { force: true });

  const trail = ONLY.has('trail')
    ? await trailOfOneSubject()
    : { raw: NaN, trail: NaN, asOf: NaN, trailP95: NaN };
  const health = ONLY.has('healthz')
    ? await healthzWhileVerifying(dataDir)
    : { idle: [NaN], busy: [NaN], jobs: 0, status: '-', checked: 0, seconds: NaN };
  rmSync(dataDir, { recursive: true, force: true });

  const raw = median(rows.raw!);
  const line = (what: string, rate: number, extra = '') =>
    `| ${what} | ${fmt(rate)} | ${(rate / raw).toFixed(2)} |${extra}`;
  process.stdout.write(
    [
      `\nMedians of ${ROUNDS} rounds over ${events.toLocaleString('en-US')} events.\n`,
      '| workload | events/s | × raw read | peak RSS (before start) |',
      '| --- | ---: | ---: | ---: |',
      `| raw better-sqlite3 iterate + JSON.parse | ${fmt(raw)} | 1.00 | |`,
      line(
        'vouch audit export --format jsonl',
        median(rows.jsonl!),
        ` ${median(rows.jsonlRss!).toFixed(0)} MB (${median(rows.jsonlBase!).toFixed(0)} MB) |`,
      ),
      line(
        'vouch audit export --format csv',
        median(rows.csv!),
        ` ${median(rows.csvRss!).toFixed(0)} MB (${median(rows.csvBase!).toFixed(0)} MB) |`,
      ),
      line('verifySignedHistory (chains + signed heads)', median(rows.verify!), ' |'),
      '',
      `One subject with 10,000 events (medians of 30): raw readStream ${trail.raw.toFixed(1)} ms, ` +
        `auditTrail ${trail.trail.toFixed(1)} ms (p95 ${trail.trailP95.toFixed(1)}), subjectAsOf ${trail.asOf.toFixed(1)} ms`,
      '',
      `/healthz while a verification job runs (${health.jobs} job for 5 starts, ${health.status}, ${fmt(health.checked)} events in ${health.seconds.toFixed(1)} s): ` +
        `idle p50 ${percentile(health.idle, 0.5).toFixed(1)} ms p99 ${percentile(health.idle, 0.99).toFixed(1)} ms (${health.idle.length} requests); ` +
        `busy p50 ${percentile(health.busy, 0.5).toFixed(1)} ms p99 ${percentile(health.busy, 0.99).toFixed(1)} ms max ${Math.max(...health.busy).toFixed(1)} ms (${health.busy.length} requests)`,
      '',
    ].join('\n'),
  );
}

void main().catch((error: unknown) => {
  log(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
