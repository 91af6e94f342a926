/**
 * PostgreSQL benchmark (a script, not a test):
 *   appends per second, one event per append, with 1 and 16 concurrent clients, of
 *     1. raw `pg`: one single-row INSERT per transaction (BEGIN; INSERT; COMMIT), the baseline;
 *     2. PostgresEventStore (stream lock, head read, planAppend, positions, insert, commit);
 *     3. @event-driven-io/emmett-postgresql 0.42.0, counting the events it stored, not the
 *        appends it acknowledged;
 *   and the catch-up rate of a subscription over a pre-filled log, against a raw keyset
 *   SELECT + JSON.parse loop over the same rows.
 * One durable server (fsync and synchronous_commit on; DATABASE_URL when set, else a
 * throwaway one), a fresh database per workload, workloads interleaved ROUNDS times in
 * the same process; the table reports medians.
 *
 * `--clients 1` runs only the one-client rows (default `1,16`); each line also gives this
 * process's CPU time per append, the server's (every process this one started, from
 * /proc; 0 with DATABASE_URL) and the load average, for the whole workload (set-up
 * included: the store's open runs its migrations) and for the appends alone.
 * `--statements 1` starts the server with pg_stat_statements and prints, per workload and
 * round, every statement the appends ran: calls per append, execution and planning µs per
 * call (nested statements of the write functions indented).
 *
 *   npm run bench:postgres -- [--events 3000] [--rounds 3] [--catchup-events 1000000] [--clients 1,16] [--statements 1]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { EventEnvelope } from '@vouch/domain';
import type { Checkpoint } from '@vouch/event-store';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { Client, Pool } from 'pg';
import { serverCpuSeconds } from './support/postgres-server-cpu';
import { resetStatements, STATEMENT_TRACKING, statementFigures } from './support/postgres-statements';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS_PER_CLIENT_SET = Number(args.get('events') ?? 3000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const CATCHUP_EVENTS = Number(args.get('catchup-events') ?? 1_000_000);
const CLIENTS = (args.get('clients') ?? '1,16').split(',').map(Number);
const STATEMENTS = args.get('statements') === '1';
const STREAMS = 128;
const TENANT = 'bench';

type Workload = (
  url: string,
  concurrency: number,
  events: number,
) => Promise<{ seconds: number; stored: number }>;

function envelope(i: number): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: 'AdvocateAttributesUpdated',
    schemaVersion: 1,
    data: {
      advocateId: `advocate-${i % STREAMS}`,
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

/** CPU of this process and of the server during the last `drive` alone (set-up left out), µs. */
let lastDrive = { nodeMicros: 0, serverMicros: 0 };

/**
 * Runs `events` operations over `concurrency` workers; returns the elapsed seconds. With
 * `--statements 1` it also prints what the server ran for them (pg_stat_statements of
 * the database at `url`, reset just before).
 */
async function drive(
  url: string,
  concurrency: number,
  events: number,
  operation: (i: number, worker: number) => Promise<void>,
): Promise<number> {
  const statements = STATEMENTS ? new Client({ connectionString: url }) : undefined;
  if (statements) {
    await statements.connect();
    await resetStatements(statements);
  }
  let next = 0;
  const cpuBefore = process.cpuUsage();
  const serverBefore = serverCpuSeconds();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < events; i = next++) await operation(i, worker);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  lastDrive = { nodeMicros: cpu.user + cpu.system, serverMicros: (serverCpuSeconds() - serverBefore) * 1e6 };
  if (statements) {
    await printStatements(statements, events);
    await statements.end();
  }
  return seconds;
}

/** The statements of this database since the reset, per append, most time first. */
async function printStatements(client: Client, events: number): Promise<void> {
  const rows = await statementFigures(client, { limit: 14 });
  const tables = await client.query<{
    relname: string;
    seq_scan: string;
    seq_tup_read: string;
    idx_scan: string;
  }>(
    `SELECT relname, seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables WHERE n_tup_ins > 0 ORDER BY relname`,
  );
  for (const t of tables.rows) {
    console.log(
      `    table ${t.relname}: ${t.seq_scan} sequential scans (${t.seq_tup_read} rows read), ${t.idx_scan} index scans`,
    );
  }
  console.log('    calls/append  exec µs  plan µs  statement');
  for (const r of rows) {
    const perAppend = (r.calls / events).toFixed(2).padStart(12);
    const exec = r.execMicros.toFixed(0).padStart(8);
    const plan = r.planMicros.toFixed(0).padStart(8);
    console.log(`    ${perAppend} ${exec} ${plan}  ${r.topLevel ? '' : '  '}${r.query}`);
  }
}

const rawPg: Workload = async (url, concurrency, events) => {
  const pool = new Pool({ connectionString: url, max: concurrency });
  await pool.query(
    'CREATE TABLE raw_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL)',
  );
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  const seconds = await drive(url, concurrency, events, async (i, worker) => {
    const client = clients[worker]!;
    await client.query('BEGIN');
    await client.query('INSERT INTO raw_events (stream_id, data) VALUES ($1, $2)', [
      `advocate-${i % STREAMS}`,
      JSON.stringify(envelope(i)),
    ]);
    await client.query('COMMIT');
  });
  for (const client of clients) client.release();
  const [{ count }] = (await pool.query<{ count: string }>('SELECT count(*) FROM raw_events')).rows as [
    { count: string },
  ];
  await pool.end();
  return { seconds, stored: Number(count) };
};

const vouch: Workload = async (url, concurrency, events) => {
  const store = await PostgresEventStore.open({
    connectionString: url,
    masterKey: randomBytes(32),
    maxConnections: concurrency,
  });
  const seconds = await drive(url, concurrency, events, async (i) => {
    await store.append(TENANT, `advocate-${i % STREAMS}`, [envelope(i)], { expectedVersion: 'any' });
  });
  const [{ count }] = (await store.database.query<{ count: string }>(
    'count',
    `SELECT count(*) FROM ${store.database.schema}.events`,
  )) as [{ count: string }];
  await store.close();
  return { seconds, stored: Number(count) };
};

const emmett: Workload = async (url, concurrency, events) => {
  const store = getPostgreSQLEventStore(url, {
    connectionOptions: { pooled: true, max: concurrency },
  } as never);
  // The first append creates Emmett's schema; keep it out of the timing.
  await store.appendToStream('warm-up', [{ type: 'WarmedUp', data: {} }]);
  // Emmett 0.42.0 sometimes refuses the first appends to a new stream when several race
  // (ExpectedVersionConflictError with no expected version given): counted, not retried,
  // so the run goes on; the rate counts what it stored.
  let refused = 0;
  const seconds = await drive(url, concurrency, events, async (i) => {
    const { type, data, metadata } = envelope(i);
    try {
      await store.appendToStream(`advocate-${i % STREAMS}`, [
        { type, data: data as never, metadata: metadata as never },
      ]);
    } catch (error) {
      if ((error as { errorCode?: unknown }).errorCode !== 412) throw error;
      refused += 1;
    }
  });
  if (refused > 0) console.log(`emmett refused ${refused} appends with a version conflict`);
  await store.close();
  const client = new Client({ connectionString: url });
  await client.connect();
  const [{ count }] = (
    await client.query<{ count: string }>(`SELECT count(*) FROM emt_messages WHERE stream_id <> 'warm-up'`)
  ).rows as [{ count: string }];
  await client.end();
  return { seconds, stored: Number(count) };
};

async function freshDatabase(admin: Client, serverUrl: string): Promise<string> {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function catchUp(
  admin: Client,
  serverUrl: string,
): Promise<{ subscription: number; raw: number; fillSeconds: number }> {
  const url = await freshDatabase(admin, serverUrl);
  const store = await PostgresEventStore.open({ connectionString: url, masterKey: randomBytes(32) });
  const s = store.database.schema;
  // Pre-fill with one set-based INSERT per 100k rows: appending 1M events one by one would
  // take minutes and measure the append path again. The rows have the shape appends write.
  const fillStarted = Date.now();
  for (let from = 1; from <= CATCHUP_EVENTS; from += 100_000) {
    const to = Math.min(CATCHUP_EVENTS, from + 99_999);
    await store.database.query(
      'fill',
      `INSERT INTO ${s}.events (position, transaction_id, tenant_id, stream_id, version, event_id, type, schema_version,
                                data, personal, metadata, recorded_at, fingerprint, hash)
       SELECT n, pg_current_xact_id(), $1, 'advocate-' || (n % ${STREAMS}), n / ${STREAMS} + 1, 'event-' || n,
              'AdvocateAttributesUpdated', 1,
              json_build_object('advocateId', 'advocate-' || (n % ${STREAMS}), 'seniority', 'VP',
                                'languages', json_build_array('en', 'de'), 'topics', json_build_array('migration')),
              NULL,
              json_build_object('tenantId', $1::text, 'actor', json_build_object('userId', 'user-1', 'roles', json_build_array('PROGRAM_MANAGER')),
                                'commandId', 'command-' || n, 'correlationId', 'command-' || n, 'causationId', 'command-' || n,
                                'effectiveAt', '2026-01-01T00:00:00.000Z'),
              '2026-01-01T00:00:00.000Z', md5(n::text), md5(n::text) || md5(n::text)
         FROM generate_series($2::bigint, $3::bigint) AS n`,
      [TENANT, from, to],
    );
  }
  await store.database.query('analyze', `ANALYZE ${s}.events`);
  const fillSeconds = (Date.now() - fillStarted) / 1000;

  const rawClient = new Client({ connectionString: url });
  await rawClient.connect();
  let rawCount = 0;
  const rawStarted = process.hrtime.bigint();
  for (let after = 0; ;) {
    const { rows } = await rawClient.query<{ position: string; data: string; metadata: string }>(
      `SELECT position, data::text AS data, metadata::text AS metadata FROM ${s}.events
        WHERE tenant_id = $1 AND position > $2 ORDER BY position LIMIT 1000`,
      [TENANT, after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    rawCount += rows.length;
    after = Number(rows[rows.length - 1]!.position);
  }
  const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9;
  await rawClient.end();

  let seen = 0;
  let last: Checkpoint | undefined;
  const started = process.hrtime.bigint();
  const subscription = store.subscribe(TENANT, {
    handler: (event) => {
      seen += 1;
      last = event.checkpoint;
    },
    batchSize: 1000,
  });
  await subscription.caughtUp;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await subscription.stop();
  await store.close();
  if (seen !== CATCHUP_EVENTS || rawCount !== CATCHUP_EVENTS) {
    throw new Error(
      `catch-up saw ${seen} (last ${last}) and the raw loop ${rawCount} of ${CATCHUP_EVENTS} events`,
    );
  }
  return { subscription: seen / seconds, raw: rawCount / rawSeconds, fillSeconds };
}

async function main(): Promise<void> {
  const server = await startPostgresTestServer({
    durable: true,
    ...(STATEMENTS ? { settings: STATEMENT_TRACKING } : {}),
  });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!
    .server_version;
  const settings = (
    await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method')`,
    )
  ).rows;
  console.log(
    `PostgreSQL ${version} (${settings.map((r) => `${r.name}=${r.setting}`).join(', ')}), ${cpus().length} cores, Node ${process.version}`,
  );

  const workloads: [string, Workload][] = [
    ['raw pg, single-row transactions', rawPg],
    ['PostgresEventStore', vouch],
    ['emmett-postgresql 0.42.0 (stored)', emmett],
  ];
  const rates = new Map<string, number[]>();
  for (let round = 1; round <= ROUNDS; round++) {
    for (const concurrency of CLIENTS) {
      const events = concurrency === 1 ? EVENTS_PER_CLIENT_SET : EVENTS_PER_CLIENT_SET * 4;
      for (const [name, workload] of workloads) {
        const url = await freshDatabase(admin, server.url);
        const cpuBefore = process.cpuUsage();
        const serverBefore = serverCpuSeconds();
        const { seconds, stored } = await workload(url, concurrency, events);
        const cpu = process.cpuUsage(cpuBefore);
        const serverCpu = serverCpuSeconds() - serverBefore;
        const rate = stored / seconds;
        const key = `${name}|${concurrency}`;
        rates.set(key, [...(rates.get(key) ?? []), rate]);
        console.log(
          `round ${round}: ${name}, ${concurrency} client(s): ${events} appends, ${stored} stored, ${Math.round(rate)}/s, Node CPU ${((cpu.user + cpu.system) / stored).toFixed(0)} µs per append (set-up included; appends alone ${(lastDrive.nodeMicros / stored).toFixed(0)}), server CPU ${((serverCpu * 1e6) / stored).toFixed(0)} µs (appends alone ${(lastDrive.serverMicros / stored).toFixed(0)}), load ${loadavg()[0]!.toFixed(1)}`,
        );
      }
    }
  }
  console.log('\n| workload | clients | events/s (median) | × raw pg |');
  console.log('|---|---:|---:|---:|');
  for (const concurrency of CLIENTS) {
    const raw = median(rates.get(`${workloads[0]![0]}|${concurrency}`)!);
    for (const [name] of workloads) {
      const rate = median(rates.get(`${name}|${concurrency}`)!);
      console.log(`| ${name} | ${concurrency} | ${Math.round(rate)} | ${(rate / raw).toFixed(2)} |`);
    }
  }

  if (CATCHUP_EVENTS > 0) {
    const result = await catchUp(admin, server.url);
    console.log(
      `\nCatch-up over ${CATCHUP_EVENTS} events (filled in ${result.fillSeconds.toFixed(1)} s): subscription ${Math.round(result.subscription)} events/s, raw keyset SELECT + JSON.parse ${Math.round(result.raw)} rows/s (${(result.subscription / result.raw).toFixed(2)} × raw)`,
    );
  }
  await admin.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
