/**
 * Demo seed benchmark (a script, not a test): seeds the demo program through the real
 * facade (`seedStore`, as `vouch seed` does: every gate, process manager and read model real)
 * into a fresh store at each scale, and prints events, seconds, events/s and events per
 * CPU-second. The baseline, in the same run and on the same kind of fresh store: the
 * store's own appends of the same number of events, one event per append, one after the
 * other (the seed issues its commands one after the other), so the ratio carries over a
 * loaded machine.
 *
 *   npm run bench:seed -- [--scales 0.25,0.5,1] [--stores sqlite,postgres] [--baseline off]
 *
 * `--baseline off` skips the baseline (to profile the seed alone with `node --cpu-prof`).
 * `--digest on` also prints SHA-256 digests of the seeded events' stream, type and data: in
 * log order, and stream by stream (each stream's events in version order, streams by id),
 * to compare two versions of the seed (the same program, whatever the timing).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { startPostgresTestServer, type PostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { seedStore } from '../../apps/cli/src/commands/seed';
import type { StoreConfig } from '../../apps/cli/src/config/store-config';
import { openStore } from '../../apps/cli/src/stores/open-store';
import { memoryIo } from '../../apps/cli/test/support/memory-io';
import { seededHistory } from '../../apps/cli/test/support/seeded-history';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SCALES = (args.get('scales') ?? '0.25,0.5,1').split(',').map(Number);
const STORES = (args.get('stores') ?? 'sqlite,postgres').split(',');
const BASELINE = args.get('baseline') !== 'off';
const DIGEST = args.get('digest') === 'on';
const UNTIL = '2026-06-30';
const TENANT = 'demo';

interface Row {
  store: string;
  scale: number;
  events: number;
  seconds: number;
  cpuSeconds: number;
  baseline: { seconds: number; cpuSeconds: number };
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Times `work`, wall and CPU (user + system) of this process. */
async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const value = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

function envelope(i: number): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'AdvocateAttributesUpdated',
    schemaVersion: 1,
    data: {
      advocateId: `advocate-${i % 600}`,
      seniority: 'VP',
      languages: ['en', 'de'],
      topics: ['migration'],
    },
    metadata: {
      tenantId: TENANT,
      actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
      commandId: `command-${i}`,
      correlationId: `command-${i}`,
      causationId: `command-${i}`,
      effectiveAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

/** The raw baseline: the store's own appends, one event each, one after the other. */
async function appendBaseline(store: EventStore, events: number): Promise<void> {
  const versions = new Map<string, number>();
  for (let i = 0; i < events; i += 1) {
    const event = envelope(i);
    const streamId = `Advocate-${i % 600}`;
    const expected = versions.get(streamId) ?? 0;
    await store.append(TENANT, streamId, [event], {
      expectedVersion: expected === 0 ? 'no_stream' : expected,
    });
    versions.set(streamId, expected + 1);
  }
}

/** Digests of every event's stream, type and data: in log order, and per stream in version order. */
async function digestOf(config: StoreConfig, masterKey: Buffer): Promise<string> {
  const opened = await openStore(config, { masterKey });
  try {
    const history = await seededHistory(opened.store, TENANT);
    if (process.env.SEED_DIGEST_DUMP)
      appendFileSync(process.env.SEED_DIGEST_DUMP, history.lines.map((line) => `${line}\n`).join(''));
    return `${history.lines.length} events, log order ${history.logOrder.slice(0, 16)}, per stream ${history.perStream.slice(0, 16)}`;
  } finally {
    await opened.close();
  }
}

/** A fresh store of the kind: a new SQLite file, or a new PostgreSQL database. */
async function freshStore(
  kind: string,
  server: PostgresTestServer | undefined,
): Promise<{
  config: StoreConfig;
  dispose(): void;
}> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'vouch-seed-bench-'));
    return {
      config: { kind: 'sqlite', dataDir, sqliteFile: join(dataDir, 'vouch.db') },
      dispose: () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = new Client({ connectionString: server!.url });
  await admin.connect();
  const name = `seed_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server!.url);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', dataDir: tmpdir(), sqliteFile: '', databaseUrl: url.toString() },
    dispose: () => undefined,
  };
}

async function measure(kind: string, scale: number, server: PostgresTestServer | undefined): Promise<Row> {
  const masterKey = randomBytes(32);
  const seedTarget = await freshStore(kind, server);
  const seeded = await timed(() =>
    seedStore(
      { store: seedTarget.config, masterKey, tenantId: TENANT, seed: 7, scale, until: UNTIL },
      memoryIo(),
    ),
  );
  if (DIGEST) console.log(`${kind} scale ${scale}: ${await digestOf(seedTarget.config, masterKey)}`);
  seedTarget.dispose();
  const events = seeded.value.events;
  // The seed opens its store with NORMAL durability (a bulk load that is rerun if it fails).
  let baseline = { seconds: NaN, cpuSeconds: NaN };
  if (BASELINE) {
    const baseTarget = await freshStore(kind, server);
    const opened = await openStore(baseTarget.config, { masterKey, durability: 'NORMAL' });
    baseline = await timed(() => appendBaseline(opened.store, events));
    await opened.close();
    baseTarget.dispose();
  }
  return {
    store: kind,
    scale,
    events,
    // The facade's own time, without opening the store and counting events afterwards.
    seconds: seeded.value.seconds,
    cpuSeconds: seeded.cpuSeconds,
    baseline: { seconds: baseline.seconds, cpuSeconds: baseline.cpuSeconds },
  };
}

/** The seed's rate over the baseline's, or a dash when the baseline was skipped (`--baseline off`). */
function ratioOf(row: Row): string {
  if (!BASELINE) return '—';
  return `${(row.seconds > 0 ? row.baseline.seconds / row.seconds : NaN).toFixed(2)} ×`;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  let server: PostgresTestServer | undefined;
  try {
    for (const kind of STORES) {
      if (kind === 'postgres') server = await startPostgresTestServer({ durable: true });
      for (const scale of SCALES) {
        const row = await measure(kind, scale, server);
        rows.push(row);
        const rate = row.events / row.seconds;
        const baseline = BASELINE
          ? `baseline appends ${Math.round(row.events / row.baseline.seconds)} events/s, ` +
            `${Math.round(row.events / row.baseline.cpuSeconds)} events/CPU-s | ratio ${ratioOf(row)}`
          : 'no baseline (--baseline off)';
        console.log(
          `${row.store} scale ${row.scale}: ${row.events} events in ${row.seconds.toFixed(1)} s = ` +
            `${Math.round(rate)} events/s, ${Math.round(row.events / row.cpuSeconds)} events/CPU-s | ` +
            `${baseline} | load ${load()}`,
        );
      }
    }
  } finally {
    await server?.stop();
  }
  console.log(
    '\n| store | scale | events | seconds | events/s | events/CPU-s | baseline events/s | ratio | load |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const rate = r.events / r.seconds;
    const baseRate = BASELINE ? String(Math.round(r.events / r.baseline.seconds)) : '—';
    console.log(
      `| ${r.store} | ${r.scale} | ${r.events} | ${r.seconds.toFixed(1)} | ${Math.round(rate)} | ` +
        `${Math.round(r.events / r.cpuSeconds)} | ${baseRate} | ${ratioOf(r)} | ${load()} |`,
    );
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
