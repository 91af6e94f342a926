/**
 * Which server process spends the CPU of a single PostgreSQL append (a script, not a test):
 * 1,000 single-event appends, one client, of raw `pg` (BEGIN; INSERT; COMMIT), of the store,
 * and of the store with its NOTIFY switched off (the notifier's `committed` replaced in this
 * script only, to weigh the NOTIFY), each on a fresh database of one durable throwaway
 * server, twice in turn; prints CPU µs per append of every server process that used any
 * (the one backend, the WAL writer, …), from /proc.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-append-server-cpu.bench.ts [--appends 1000]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { EventEnvelope } from '@vouch/domain';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client, Pool } from 'pg';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const APPENDS = Number(args.get('appends') ?? 1000);
const DATA = { advocateId: 'a', seniority: 'VP', languages: ['en', 'de'], topics: ['migration'] };

/** CPU µs (user + system) of every running postgres process, by its title (a backend by pid). */
function serverProcesses(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (!title.startsWith('postgres')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const key = title.startsWith('postgres: postgres ') ? `backend ${pid}` : title.slice(0, 40);
      cpu.set(key, (cpu.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10_000);
    } catch {
      // The process ended while we looked.
    }
  }
  return cpu;
}

function report(label: string, before: Map<string, number>): void {
  const lines = [...serverProcesses()]
    .map(([key, micros]) => [key, (micros - (before.get(key) ?? 0)) / APPENDS] as const)
    .filter(([, perAppend]) => perAppend > 0)
    .map(([key, perAppend]) => `  ${perAppend.toFixed(0).padStart(6)} µs  ${key}`);
  console.log(`${label}: server CPU per append, load ${loadavg()[0]!.toFixed(1)}\n${lines.join('\n')}`);
}

function envelope(): EventEnvelope {
  const id = randomUUID();
  return {
    eventId: id,
    type: 'AdvocateAttributesUpdated',
    schemaVersion: 1,
    data: DATA,
    metadata: {
      tenantId: 'bench',
      actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
      commandId: id,
      correlationId: id,
      causationId: id,
      effectiveAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

async function main(): Promise<void> {
  const server = await startPostgresTestServer({ durable: true, useDatabaseUrl: false });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  for (const workload of ['raw', 'store', 'store without NOTIFY', 'raw', 'store', 'store without NOTIFY']) {
    const name = `bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    if (workload === 'raw') {
      const pool = new Pool({ connectionString: url.toString(), max: 1 });
      await pool.query(
        'CREATE TABLE raw_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL)',
      );
      const client = await pool.connect();
      const before = serverProcesses();
      for (let i = 0; i < APPENDS; i++) {
        await client.query('BEGIN');
        await client.query('INSERT INTO raw_events (stream_id, data) VALUES ($1, $2)', [
          `advocate-${i % 128}`,
          JSON.stringify({ ...envelope() }),
        ]);
        await client.query('COMMIT');
      }
      report(workload, before);
      client.release();
      await pool.end();
      continue;
    }
    const store = await PostgresEventStore.open({
      connectionString: url.toString(),
      masterKey: randomBytes(32),
      maxConnections: 1,
    });
    if (workload === 'store without NOTIFY') {
      (store as unknown as { engine: { notifier: { committed: () => void } } }).engine.notifier.committed =
        () => undefined;
    }
    const before = serverProcesses();
    for (let i = 0; i < APPENDS; i++) {
      await store.append('bench', `advocate-${i % 128}`, [envelope()], { expectedVersion: 'any' });
    }
    report(workload, before);
    await store.close();
  }
  await admin.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
