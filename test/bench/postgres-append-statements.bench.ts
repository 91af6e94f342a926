/**
 * Where a single PostgreSQL append spends the server's time (a script, not a test): one
 * connection calls the store's write functions directly — `append_group` with a group of
 * one (the path before migration 6) and `append_one` — interleaved with a raw single-row
 * transaction (BEGIN; INSERT; COMMIT), ROUNDS times in one process, on a durable throwaway
 * server with pg_stat_statements tracking nested statements and their planning. Prints
 * per round the wall, this process's CPU and the server's CPU per append, the medians,
 * then each statement's execution and planning time per call.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-append-statements.bench.ts [--appends 1000] [--rounds 3]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { serverCpuSeconds } from './support/postgres-server-cpu';
import { resetStatements, STATEMENT_TRACKING, statementFigures } from './support/postgres-statements';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const APPENDS = Number(args.get('appends') ?? 1000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const STREAMS = 128;
const S = 'vouch';

const figures = new Map<string, number[][]>();

async function timed(label: string, operation: () => Promise<void>): Promise<void> {
  const cpu = process.cpuUsage();
  const server = serverCpuSeconds();
  const started = process.hrtime.bigint();
  for (let i = 0; i < APPENDS; i++) await operation();
  const wall = Number(process.hrtime.bigint() - started) / 1e3 / APPENDS;
  const used = process.cpuUsage(cpu);
  const row = [wall, (used.user + used.system) / APPENDS, ((serverCpuSeconds() - server) * 1e6) / APPENDS];
  figures.set(label, [...(figures.get(label) ?? []), row]);
  console.log(
    `${label.padEnd(30)} ${row.map((v) => v.toFixed(0).padStart(5)).join(' ')} µs (wall, Node CPU, server CPU) per append, load ${loadavg()[0]!.toFixed(1)}`,
  );
}

async function main(): Promise<void> {
  const server = await startPostgresTestServer({
    durable: true,
    settings: STATEMENT_TRACKING,
  });
  // The schema as the store makes it; then only this connection writes.
  await (await PostgresEventStore.open({ connectionString: server.url, masterKey: randomBytes(32) })).close();
  const client = new Client({ connectionString: server.url });
  await client.connect();
  await resetStatements(client);
  await client.query(
    'CREATE TABLE raw_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL)',
  );
  const data = JSON.stringify({
    advocateId: 'advocate-1',
    seniority: 'VP',
    languages: ['en', 'de'],
    topics: ['migration'],
  });
  const metadata = JSON.stringify({
    tenantId: 'bench',
    commandId: 'c',
    effectiveAt: '2026-01-01T00:00:00.000Z',
  });
  const heads = new Map<string, number>();
  let next = 0;
  // The next append's stream, lock key, planned head and event columns, as the store sends them.
  const nextAppend = () => {
    const stream = `advocate-${next++ % STREAMS}`;
    const head = heads.get(stream) ?? 0;
    heads.set(stream, head + 1);
    const columns = [
      [head + 1],
      [randomUUID()],
      ['AdvocateAttributesUpdated'],
      [1],
      [data],
      [null],
      [metadata],
    ];
    const tail = [['2026-01-01T00:00:00.000Z'], ['f'.repeat(64)], ['h'.repeat(64)]];
    return { stream, key: JSON.stringify([S, 'bench', stream]), head, columns: [...columns, ...tail] };
  };
  const written = (rows: { outcome: string }[]) => {
    if (rows[0]?.outcome !== 'written') throw new Error(`not written: ${rows[0]?.outcome}`);
  };

  for (let round = 1; round <= ROUNDS; round++) {
    await timed('append_group, group of one', async () => {
      const a = nextAppend();
      const { rows } = await client.query({
        name: 'group',
        text: `SELECT outcome FROM ${S}.append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        values: [['bench'], [a.stream], [a.key], [a.head], [1], [1], ...a.columns],
      });
      written(rows);
    });
    await timed('append_one', async () => {
      const a = nextAppend();
      const { rows } = await client.query({
        name: 'one',
        text: `SELECT outcome FROM ${S}.append_one($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        values: ['bench', a.stream, a.key, a.head, ...a.columns],
      });
      written(rows);
    });
    await timed('raw BEGIN; INSERT; COMMIT', async () => {
      await client.query('BEGIN');
      await client.query('INSERT INTO raw_events (stream_id, data) VALUES ($1, $2)', [
        `advocate-${next++ % STREAMS}`,
        data,
      ]);
      await client.query('COMMIT');
    });
  }
  console.log('\nmedians (µs per append): wall, Node CPU, server CPU');
  for (const [label, rows] of figures) {
    const median = (j: number) => rows.map((r) => r[j]!).sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
    console.log(`${label.padEnd(30)} ${[0, 1, 2].map((j) => median(j).toFixed(0).padStart(5)).join(' ')}`);
  }
  const rows = await statementFigures(client, { limit: 20, minCalls: APPENDS, width: 100 });
  console.log('\nper call: execution µs, planning µs, statement (nested ones indented)');
  for (const r of rows) {
    const [exec, plan] = [r.execMicros, r.planMicros].map((v) => v.toFixed(0).padStart(6));
    console.log(`${exec} ${plan}  ${r.topLevel ? '' : '  '}${r.query}`);
  }
  await client.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
