/**
 * What the shared tail scan costs the server to plan and to run (a script, not a test): seeds
 * the demo program at a small scale into a throwaway server, then times each form of the
 * scan statement over the seeded tenant with `EXPLAIN (ANALYZE, BUFFERS, SUMMARY)` — planning
 * and execution ms — at the log's tail (what a woken subscription asks) and from the start.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-tail-scan-plan.bench.ts [--scale 0.05] [--repeat 50]
 */
import { randomBytes } from 'node:crypto';
import { loadavg, tmpdir } from 'node:os';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { seedStore } from '../../apps/cli/src/commands/seed';
import { memoryIo } from '../../apps/cli/test/support/memory-io';
import { EVENT_COLUMNS } from '../../packages/event-store-postgres/src/events/event-row';
import { scanLogStatement } from '../../packages/event-store-postgres/src/events/scan-log';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SCALE = Number(args.get('scale') ?? 0.05);
const REPEAT = Number(args.get('repeat') ?? 50);
const WATERMARK = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

async function main(): Promise<void> {
  const server = await startPostgresTestServer({ durable: true, useDatabaseUrl: false });
  const url = server.url;
  const seeded = await seedStore(
    {
      store: { kind: 'postgres', dataDir: tmpdir(), sqliteFile: '', databaseUrl: url },
      masterKey: randomBytes(32),
      tenantId: 'demo',
      seed: 7,
      scale: SCALE,
      until: '2026-06-30',
    },
    memoryIo(),
  );
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows: last } = await client.query<{ p: string }>(
    `SELECT max(position) AS p FROM vouch.events WHERE tenant_id = 'demo'`,
  );
  const tail = Number(last[0]!.p) - 3;
  const forms: Record<string, string> = {
    current: scanLogStatement('"vouch"', WATERMARK),
    windowed: `SELECT w.* FROM (
       SELECT count(*) OVER () AS scanned, max(position) OVER () AS scanned_to,
              ($4::text[] IS NULL OR type = ANY($4::text[])) AS wanted, ${EVENT_COLUMNS}
         FROM (SELECT * FROM "vouch".events
                WHERE tenant_id = $1 AND position > $2 AND ${WATERMARK}
                ORDER BY position LIMIT $3) e) w
      WHERE w.wanted OR w.position = w.scanned_to
      ORDER BY w.position`,
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
  for (const [name, text] of Object.entries(forms)) {
    for (const [where, after, types] of [
      ['tail, all types', tail, null],
      ['tail, two types', tail, ['AdvocateNominated', 'ReferenceRequestSubmitted']],
      ['start, two types', 0, ['AdvocateNominated', 'ReferenceRequestSubmitted']],
    ] as const) {
      let plan = 0;
      let exec = 0;
      let shown = '';
      for (let i = 0; i < REPEAT; i += 1) {
        const { rows } = await client.query<{ 'QUERY PLAN': unknown }>({
          text: `EXPLAIN (ANALYZE, BUFFERS, SUMMARY, FORMAT JSON) ${text}`,
          values: ['demo', after, 500, types],
        });
        const json = rows[0]!['QUERY PLAN'] as [{ 'Planning Time': number; 'Execution Time': number }];
        plan += json[0]['Planning Time'];
        exec += json[0]['Execution Time'];
        if (i === 0) shown = JSON.stringify(json[0]).slice(0, 0);
      }
      console.log(
        `${name.padEnd(10)} ${where.padEnd(18)} planning ${((plan * 1000) / REPEAT).toFixed(0).padStart(5)} µs, execution ${((exec * 1000) / REPEAT).toFixed(0).padStart(5)} µs${shown}`,
      );
    }
  }
  await client.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
