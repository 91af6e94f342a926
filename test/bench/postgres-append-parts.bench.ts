/**
 * Where a single PostgreSQL append spends the server's CPU (a script, not a test): one
 * connection, one event per append, each workload on a fresh database of one durable
 * throwaway server, in turn, ROUNDS times. Prints per workload the CPU µs per append of the
 * backend that served it (exact, from /proc/<pid>/schedstat) and of the whole server, and,
 * with `--perf 1`, the backend's top symbols and libraries by self time (`perf record -g`).
 *
 * Workloads: raw `pg` (BEGIN; INSERT; COMMIT); the store; the store without its NOTIFY;
 * `append_one` called directly with the parameters the store sent (captured from the store's
 * run); and the parts swapped one at a time (see WORKLOADS).
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-append-parts.bench.ts [--appends 1000] [--rounds 2] [--perf 0] [--only raw,store]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@vouch/domain';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { perfRecord, perfReport } from './support/perf-record';
import { processCpuNanos, serverCpuSeconds } from './support/postgres-server-cpu';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const APPENDS = Number(args.get('appends') ?? 1000);
const ROUNDS = Number(args.get('rounds') ?? 2);
const PERF = args.get('perf') === '1';
const ONLY = args.get('only')?.split(',');
const KEEP = args.get('keep');
/** `perf record`'s sampling arguments (default `-g -F 4000`), e.g. `-e,syscalls:sys_enter_brk,--call-graph,dwarf`. */
const PERF_HOW = args.get('perf-how')?.split(',');
const STREAMS = 128;
const TENANT = 'bench';

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

/** A workload's set-up on a fresh database: returns the backend that will serve it, one append, and a close. */
type Workload = (
  url: string,
) => Promise<{ pid: number; append: (i: number) => Promise<void>; close: () => Promise<void> }>;

/** append_one's parameters as the store sent them, captured in its run (replayed by `direct`). */
const captured: unknown[][] = [];

async function client(url: string): Promise<{ client: Client; pid: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  return { client: c, pid };
}

/** The store's schema in a fresh database, then a plain connection to it. */
async function storeSchema(url: string): Promise<{ client: Client; pid: number }> {
  await (await PostgresEventStore.open({ connectionString: url, masterKey: randomBytes(32) })).close();
  return client(url);
}

function storeWorkload(notify: boolean, capture: boolean): Workload {
  return async (url) => {
    const store = await PostgresEventStore.open({
      connectionString: url,
      masterKey: randomBytes(32),
      maxConnections: 1,
    });
    const engine = (store as unknown as { engine: { notifier: { committed: (t: string) => void } } }).engine;
    if (!notify) engine.notifier.committed = () => undefined;
    if (capture) {
      const query = store.database.query.bind(store.database);
      store.database.query = (what, text, values, prepareAs) => {
        if (prepareAs === 'append_one') captured.push(values!);
        return query(what, text, values, prepareAs);
      };
    }
    const [{ pid }] = (await store.database.query<{ pid: number }>(
      'pid',
      'SELECT pg_backend_pid() AS pid',
    )) as [{ pid: number }];
    return {
      pid,
      append: async (i) => {
        await store.append(TENANT, `advocate-${i % STREAMS}`, [envelope(i)], { expectedVersion: 'any' });
      },
      close: () => store.close(),
    };
  };
}

/** The INSERT of migration 7's append_one, its rows taken from `source` (which names the event `e` or index `i`). */
function variantSql(
  name: string,
  options: { insert: string; reserve?: 'call' | 'inline' | 'scalar' },
): string {
  const reserve =
    options.reserve === 'scalar'
      ? `first_position := vouch.reserve_first_position(cardinality(p_event_ids));
        v_xid := pg_current_xact_id();`
      : options.reserve === 'inline'
        ? `PERFORM pg_advisory_lock(2, hashtext('vouch'));
        BEGIN
          v_xid := pg_current_xact_id();
          first_position := nextval('vouch.event_positions');
          IF cardinality(p_event_ids) > 1 THEN
            PERFORM setval('vouch.event_positions', first_position + cardinality(p_event_ids) - 1);
          END IF;
        EXCEPTION WHEN OTHERS OR query_canceled THEN
          PERFORM pg_advisory_unlock(2, hashtext('vouch'));
          RAISE;
        END;
        PERFORM pg_advisory_unlock(2, hashtext('vouch'));`
        : `SELECT r.transaction_id, r.first_position INTO v_xid, first_position
          FROM vouch.reserve_positions(cardinality(p_event_ids)) r;`;
  return `${options.reserve === 'scalar' ? SCALAR_RESERVE : ''}
      CREATE FUNCTION vouch.${name}(
        p_tenant text, p_stream text, p_lock_key text, p_planned_version integer,
        p_versions integer[], p_event_ids text[], p_types text[], p_schema_versions integer[],
        p_data text[], p_personal text[], p_metadata text[], p_recorded_at text[],
        p_fingerprints text[], p_hashes text[])
        RETURNS TABLE (outcome text, first_position bigint)
        LANGUAGE plpgsql VOLATILE
        SET plan_cache_mode = force_generic_plan AS $fn$
      DECLARE
        v_head integer;
        v_xid xid8;
        v_written integer;
      BEGIN
        PERFORM pg_advisory_xact_lock(1, hashtext(p_lock_key));
        SELECT e.version INTO v_head FROM vouch.events e
         WHERE e.tenant_id = p_tenant AND e.stream_id = p_stream ORDER BY e.version DESC LIMIT 1;
        IF coalesce(v_head, 0) <> p_planned_version THEN
          RETURN QUERY SELECT 'moved'::text, NULL::bigint;
          RETURN;
        END IF;
        ${reserve}
        ${options.insert}
        GET DIAGNOSTICS v_written = ROW_COUNT;
        IF v_written < cardinality(p_event_ids) THEN
          DELETE FROM vouch.events e
           WHERE e.tenant_id = p_tenant AND e.position >= first_position
             AND e.position < first_position + cardinality(p_event_ids);
          RETURN QUERY SELECT 'exists'::text, NULL::bigint;
          RETURN;
        END IF;
        outcome := 'written';
        RETURN NEXT;
      END
      $fn$;`;
}

// reserve_positions as a scalar function: the caller reads the transaction id it assigned under the lock.
const SCALAR_RESERVE = `CREATE FUNCTION vouch.reserve_first_position(count integer) RETURNS bigint
        LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_first bigint;
      BEGIN
        PERFORM pg_advisory_lock(2, hashtext('vouch'));
        BEGIN
          PERFORM pg_current_xact_id();
          v_first := nextval('vouch.event_positions');
          IF count > 1 THEN
            PERFORM setval('vouch.event_positions', v_first + count - 1);
          END IF;
        EXCEPTION WHEN OTHERS OR query_canceled THEN
          PERFORM pg_advisory_unlock(2, hashtext('vouch'));
          RAISE;
        END;
        PERFORM pg_advisory_unlock(2, hashtext('vouch'));
        RETURN v_first;
      END
      $fn$;`;

const COLUMNS = `INSERT INTO vouch.events (position, transaction_id, tenant_id, stream_id, version, event_id, type,
                                 schema_version, data, personal, metadata, recorded_at, fingerprint, hash)`;
const BY_UNNEST = `${COLUMNS}
        SELECT first_position + e.ordinal - 1, v_xid, p_tenant, p_stream, e.version, e.event_id, e.type,
               e.schema_version, e.data::json, e.personal::json, e.metadata::json, e.recorded_at, e.fingerprint, e.hash
          FROM unnest(p_versions, p_event_ids, p_types, p_schema_versions, p_data, p_personal, p_metadata,
                      p_recorded_at, p_fingerprints, p_hashes)
               WITH ORDINALITY AS e(version, event_id, type, schema_version, data, personal, metadata, recorded_at,
                                    fingerprint, hash, ordinal)
        ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING;`;
const BY_SUBSCRIPT = `${COLUMNS}
        SELECT first_position + i - 1, v_xid, p_tenant, p_stream, p_versions[i], p_event_ids[i], p_types[i],
               p_schema_versions[i], p_data[i]::json, p_personal[i]::json, p_metadata[i]::json, p_recorded_at[i],
               p_fingerprints[i], p_hashes[i]
          FROM generate_subscripts(p_event_ids, 1) AS i
        ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING;`;
const ONE_BY_VALUES = `IF cardinality(p_event_ids) = 1 THEN
          ${COLUMNS}
          VALUES (first_position, v_xid, p_tenant, p_stream, p_versions[1], p_event_ids[1], p_types[1],
                  p_schema_versions[1], p_data[1]::json, p_personal[1]::json, p_metadata[1]::json, p_recorded_at[1],
                  p_fingerprints[1], p_hashes[1])
          ON CONFLICT ON CONSTRAINT events_event_id DO NOTHING;
        ELSE
          ${BY_SUBSCRIPT}
        END IF;`;

/** A variant of append_one (created in the workload's database) called with the store's captured parameters. */
function variantWorkload(sql: string | undefined, fn = 'append_one'): Workload {
  return async (url) => {
    const { client: c, pid } = await storeSchema(url);
    if (sql) await c.query(sql);
    const text = `SELECT outcome, first_position FROM vouch.${fn}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;
    return {
      pid,
      append: async (i) => {
        if (i >= captured.length) throw new Error('run store first');
        const { rows } = await c.query({ name: 'one', text, values: captured[i]! });
        if (rows[0]?.outcome !== 'written') throw new Error(`not written: ${rows[0]?.outcome}`);
      },
      close: () => c.end(),
    };
  };
}

const WORKLOADS: [string, Workload][] = [
  [
    'raw',
    async (url) => {
      const { client: c, pid } = await client(url);
      await c.query(
        'CREATE TABLE raw_events (id bigserial PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL)',
      );
      return {
        pid,
        append: async (i) => {
          await c.query('BEGIN');
          await c.query('INSERT INTO raw_events (stream_id, data) VALUES ($1, $2)', [
            `advocate-${i % STREAMS}`,
            JSON.stringify(envelope(i)),
          ]);
          await c.query('COMMIT');
        },
        close: () => c.end(),
      };
    },
  ],
  ['store', storeWorkload(true, true)],
  ['store without NOTIFY', storeWorkload(false, false)],
  ['append_one direct (store params)', variantWorkload(undefined)],
  ['same SQL, scratch copy', variantWorkload(variantSql('v_unnest', { insert: BY_UNNEST }), 'v_unnest')],
  [
    'insert FROM generate_subscripts',
    variantWorkload(variantSql('v_subscript', { insert: BY_SUBSCRIPT }), 'v_subscript'),
  ],
  [
    'insert VALUES for one event',
    variantWorkload(variantSql('v_values', { insert: ONE_BY_VALUES }), 'v_values'),
  ],
  [
    'VALUES + positions inline',
    variantWorkload(variantSql('v_inline', { insert: ONE_BY_VALUES, reserve: 'inline' }), 'v_inline'),
  ],
  [
    'VALUES + scalar reserve function',
    variantWorkload(variantSql('v_scalar', { insert: ONE_BY_VALUES, reserve: 'scalar' }), 'v_scalar'),
  ],
];

async function main(): Promise<void> {
  const server = await startPostgresTestServer({ durable: true, useDatabaseUrl: false });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  const results = new Map<string, number[][]>();
  for (let round = 1; round <= ROUNDS; round++) {
    captured.length = 0;
    for (const [name, workload] of WORKLOADS) {
      // The variants replay the store's parameters: the store runs first in every round.
      if (ONLY && !ONLY.includes(name) && name !== 'store') continue;
      const db = `bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${db}`);
      const url = new URL(server.url);
      url.pathname = `/${db}`;
      const w = await workload(url.toString());
      const file = join(tmpdir(), `perf-${db}.data`);
      const stop = PERF ? await perfRecord(w.pid, file, PERF_HOW) : undefined;
      const backendBefore = processCpuNanos(w.pid);
      const serverBefore = serverCpuSeconds();
      const nodeBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      for (let i = 0; i < APPENDS; i++) await w.append(i);
      const wall = Number(process.hrtime.bigint() - started) / 1e3 / APPENDS;
      const backend = (processCpuNanos(w.pid) - backendBefore) / 1e3 / APPENDS;
      const serverAll = ((serverCpuSeconds() - serverBefore) * 1e6) / APPENDS;
      const node = process.cpuUsage(nodeBefore);
      const nodeMicros = (node.user + node.system) / APPENDS;
      await stop?.();
      await w.close();
      const row = [wall, backend, serverAll, nodeMicros];
      results.set(name, [...(results.get(name) ?? []), row]);
      console.log(
        `round ${round}: ${name.padEnd(34)} wall ${wall.toFixed(0).padStart(5)} µs, backend CPU ${backend.toFixed(0).padStart(5)} µs, server CPU ${serverAll.toFixed(0).padStart(5)} µs, Node CPU ${nodeMicros.toFixed(0).padStart(5)} µs per append, load ${loadavg()[0]!.toFixed(1)}`,
      );
      if (PERF) {
        for (const sort of ['dso', 'symbol']) {
          console.log(`  perf, backend ${w.pid}, by ${sort} (self):`);
          for (const e of perfReport(file, sort, sort === 'dso' ? 8 : 40))
            console.log(`    ${e.percent.toFixed(2).padStart(6)} %  ${e.name}`);
        }
        if (KEEP) console.log(`  perf data kept: ${file}`);
        else rmSync(file, { force: true });
      }
    }
  }
  console.log('\nmedians, µs per append: wall, backend CPU, server CPU, Node CPU');
  for (const [name, rows] of results) {
    const median = (j: number) => rows.map((r) => r[j]!).sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
    console.log(`| ${name} | ${[0, 1, 2, 3].map((j) => median(j).toFixed(0)).join(' | ')} |`);
  }
  await admin.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
