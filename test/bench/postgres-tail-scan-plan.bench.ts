/**
 * What the shared tail scan costs the server to plan and to run (a script, not a test): seeds
 * the demo program at a small scale into a throwaway server, then times each form of the
 * scan statement over the seeded tenant with `EXPLAIN (ANALYZE, BUFFERS, SUMMARY)` — planning
 * and execution ms — at the log's tail (what a woken subscription asks) and from the start, with a
 * custom plan per call and with the generic plan a prepared statement would keep, made on the
 * young table (no statistics yet: a new schema) and after an ANALYZE.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-tail-scan-plan.bench.ts [--scale 0.05] [--repeat 50]
 */
import { loadavg } from 'node:os';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { EVENT_COLUMNS } from '../../packages/event-store-postgres/src/events/event-row';
import { scanLogStatement } from '../../packages/event-store-postgres/src/events/scan-log';
import { seedPostgresDemo } from './support/seed-postgres-demo';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SCALE = Number(args.get('scale') ?? 0.05);
const REPEAT = Number(args.get('repeat') ?? 50);
const WATERMARK = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

async function main(): Promise<void> {
  const server = await startPostgresTestServer({ durable: true, useDatabaseUrl: false });
  const url = server.url;
  const seeded = await seedPostgresDemo(url, SCALE);
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows: last } = await client.query<{ p: string }>(
    `SELECT max(position) AS p FROM vouch.events WHERE tenant_id = 'demo'`,
  );
  const tail = Number(last[0]!.p) - 3;
  const forms: Record<string, string> = {
    current: scanLogStatement('"vouch"', WATERMARK),
    // The scan until the eleventh pass (unprepared): its generic plan reads the tenant's whole log.
    before: `WITH win AS (
       SELECT position, type FROM "vouch".events
        WHERE tenant_id = $1 AND position > $2 AND ${WATERMARK}
        ORDER BY position LIMIT $3),
     edge AS (SELECT count(*)::int AS scanned, max(position) AS scanned_to FROM win)
     SELECT edge.scanned, edge.scanned_to, ${EVENT_COLUMNS}
       FROM edge LEFT JOIN "vouch".events
         ON tenant_id = $1
        AND position IN (SELECT position FROM win WHERE $4::text[] IS NULL OR type = ANY($4::text[]))
      ORDER BY position`,
    windowed: `SELECT w.* FROM (
       SELECT count(*) OVER () AS scanned, max(position) OVER () AS scanned_to,
              ($4::text[] IS NULL OR type = ANY($4::text[])) AS wanted, ${EVENT_COLUMNS}
         FROM (SELECT * FROM "vouch".events
                WHERE tenant_id = $1 AND position > $2 AND ${WATERMARK}
                ORDER BY position LIMIT $3) e) w
      WHERE w.wanted OR w.position = w.scanned_to
      ORDER BY w.position`,
    pkLookups: `WITH win AS MATERIALIZED (
       SELECT position, type FROM "vouch".events
        WHERE tenant_id = $1 AND position > $2 AND ${WATERMARK}
        ORDER BY position LIMIT $3)
     SELECT edge.scanned, edge.scanned_to, e.*
       FROM (SELECT count(*)::int AS scanned, max(position) AS scanned_to FROM win) edge
       LEFT JOIN LATERAL (
         SELECT ${EVENT_COLUMNS.replace(/(^|, *\n? *)(position|tenant_id|stream_id|version|event_id|type|schema_version|recorded_at|fingerprint|hash)\b/g, '$1ev.$2')}
           FROM win JOIN "vouch".events ev ON ev.tenant_id = $1 AND ev.position = win.position
          WHERE $4::text[] IS NULL OR win.type = ANY($4::text[])) e ON true
      ORDER BY e.position`,
    lateral: `WITH win AS MATERIALIZED (
       SELECT position, type FROM "vouch".events
        WHERE tenant_id = $1 AND position > $2 AND ${WATERMARK}
        ORDER BY position LIMIT $3)
     SELECT (SELECT count(*)::int FROM win) AS scanned, (SELECT max(position) FROM win) AS scanned_to, ${EVENT_COLUMNS}
       FROM "vouch".events
      WHERE tenant_id = $1 AND position IN (SELECT position FROM win WHERE $4::text[] IS NULL OR type = ANY($4::text[]))
      ORDER BY position`,
  };
  console.log(
    `${seeded.events} events seeded; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  let prepared = 0;
  for (const mode of ['custom plan', 'generic plan, young table', 'generic plan, analysed'] as const) {
    if (mode === 'generic plan, analysed') await client.query('ANALYZE vouch.events');
    await client.query(`SET plan_cache_mode = ${mode === 'custom plan' ? 'auto' : 'force_generic_plan'}`);
    console.log(`-- ${mode}`);
    for (const [name, text] of Object.entries(forms)) {
      const statement = `scan_${(prepared += 1)}`;
      if (mode !== 'custom plan')
        await client.query(`PREPARE ${statement} (text, bigint, int, text[]) AS ${text}`);
      for (const [where, after, types] of [
        ['tail, all types', tail, null],
        ['tail, two types', tail, ['AdvocateNominated', 'ReferenceRequestSubmitted']],
        ['start, two types', 0, ['AdvocateNominated', 'ReferenceRequestSubmitted']],
      ] as const) {
        let plan = 0;
        let exec = 0;
        for (let i = 0; i < REPEAT; i += 1) {
          const { rows } = await client.query<{ 'QUERY PLAN': unknown }>({
            text:
              mode === 'custom plan'
                ? `EXPLAIN (ANALYZE, BUFFERS, SUMMARY, FORMAT JSON) ${text}`
                : // EXECUTE takes no bound parameters: the values as literals (constants of this script).
                  `EXPLAIN (ANALYZE, BUFFERS, SUMMARY, FORMAT JSON) EXECUTE ${statement}('demo', ${after}, 500, ${types ? `ARRAY[${types.map((t) => `'${t}'`).join(', ')}]` : 'NULL'})`,
            values: mode === 'custom plan' ? ['demo', after, 500, types] : [],
          });
          const json = rows[0]!['QUERY PLAN'] as [{ 'Planning Time': number; 'Execution Time': number }];
          plan += json[0]['Planning Time'];
          exec += json[0]['Execution Time'];
        }
        console.log(
          `${name.padEnd(10)} ${where.padEnd(18)} planning ${((plan * 1000) / REPEAT).toFixed(0).padStart(5)} µs, execution ${((exec * 1000) / REPEAT).toFixed(0).padStart(6)} µs`,
        );
      }
    }
  }
  await client.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
