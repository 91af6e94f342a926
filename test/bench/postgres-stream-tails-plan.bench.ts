/**
 * What a command's batched read (several streams' tails and some subjects' data keys) costs
 * the server per call (a script, not a test): seeds the demo program at a small scale into a
 * throwaway server that tracks every statement (pg_stat_statements, planning too), then sends
 * the same reads, as a command sends them, in alternating rounds on one connection each form:
 * the twelfth pass's statement (prepared by name, as the store sent it), the same statement on
 * a connection set to keep its generic plan (a floor: no store can set that for one statement),
 * and the store's `read_stream_tails` function (migration 9, planned once). Prints per call: the backend's CPU
 * (its scheduler count, exact), planning and execution µs as pg_stat_statements counts them,
 * the plans made (pg_prepared_statements), and checks both forms return the same rows.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-stream-tails-plan.bench.ts [--scale 0.05] [--calls 500] [--rounds 4]
 */
import { loadavg } from 'node:os';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { EVENT_COLUMNS } from '../../packages/event-store-postgres/src/events/event-row';
import { processCpuNanos } from './support/postgres-server-cpu';
import { resetStatements, STATEMENT_TRACKING, statementFigures } from './support/postgres-statements';
import { seedPostgresDemo } from './support/seed-postgres-demo';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SCALE = Number(args.get('scale') ?? 0.05);
const CALLS = Number(args.get('calls') ?? 500);
const ROUNDS = Number(args.get('rounds') ?? 4);

/** The twelfth pass's statement (pgseed20), as the store sent it until migration 9. */
const STATEMENT = `WITH tails AS (
   SELECT r.asked, t.* FROM unnest($2::text[], $3::int[], $4::int[]) WITH ORDINALITY
       AS r(wanted_stream, after_version, max_events, asked)
     CROSS JOIN LATERAL (
       SELECT ${EVENT_COLUMNS} FROM "vouch".events
        WHERE tenant_id = $1 AND stream_id = r.wanted_stream AND version > r.after_version
        ORDER BY version LIMIT r.max_events) t)
 SELECT (SELECT json_agg(json_build_array(k.subject_id, encode(k.wrapped_key, 'base64'), k.created_at, k.erased_at))
           FROM "vouch".data_keys k WHERE k.tenant_id = $1 AND k.subject_id = ANY($5::text[])) AS keys,
        tails.*
   FROM (VALUES (1)) AS one (x) LEFT JOIN tails ON true
  ORDER BY tails.asked, tails.version`;
const FUNCTION = `SELECT * FROM "vouch".read_stream_tails($1, $2::text[], $3::int[], $4::int[], $5::text[])`;

type Read = [string, string[], number[], number[], string[]];

/**
 * Reads shaped as a command's: an advocate's stream and the program's and an account's it
 * consults, the advocate's tail one event long, the others empty (the cache holds them), the
 * advocate's and one other subject's keys.
 */
async function commandReads(client: Client): Promise<Read[]> {
  const heads = await client.query<{ stream_id: string; head: number }>(
    `SELECT stream_id, max(version) AS head FROM vouch.events WHERE tenant_id = 'demo' GROUP BY stream_id ORDER BY stream_id`,
  );
  const of = (prefix: string) => heads.rows.filter((r) => r.stream_id.startsWith(prefix));
  const advocates = of('advocate-');
  const programs = of('program');
  const accounts = of('account-');
  const subjects = (
    await client.query<{ subject_id: string }>(`SELECT subject_id FROM vouch.data_keys`)
  ).rows.map((r) => r.subject_id);
  if (advocates.length === 0 || programs.length === 0 || accounts.length === 0 || subjects.length < 2)
    throw new Error(`seed too small: ${heads.rows.length} streams, ${subjects.length} subjects`);
  return advocates.slice(0, 50).map((advocate, i) => {
    const program = programs[i % programs.length]!;
    const account = accounts[i % accounts.length]!;
    return [
      'demo',
      [advocate.stream_id, program.stream_id, account.stream_id],
      [advocate.head - 1, program.head, account.head],
      [1000, 1000, 1000],
      [subjects[i % subjects.length]!, subjects[(i + 7) % subjects.length]!],
    ];
  });
}

/** A connection of its own, its backend's pid (whose CPU is counted). */
async function connection(url: string): Promise<{ client: Client; pid: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { client, pid: rows[0]!.pid };
}

async function main(): Promise<void> {
  const server = await startPostgresTestServer({
    durable: true,
    useDatabaseUrl: false,
    settings: STATEMENT_TRACKING,
  });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE tails_plan');
  const url = new URL(server.url);
  url.pathname = '/tails_plan';
  const seeded = await seedPostgresDemo(url.toString(), SCALE);
  const forms = {
    statement: { text: STATEMENT, ...(await connection(url.toString())), cpu: 0, calls: 0 },
    // The floor a statement could reach: the twelfth pass's, its plan kept (a session setting that
    // would hold for every statement of the connection, so not one the store can make).
    generic: { text: STATEMENT, ...(await connection(url.toString())), cpu: 0, calls: 0 },
    function: { text: FUNCTION, ...(await connection(url.toString())), cpu: 0, calls: 0 },
  };
  await forms.generic.client.query('SET plan_cache_mode = force_generic_plan');
  const reads = await commandReads(forms.statement.client);
  // Both forms answer alike: the same events in the same order, the same keys.
  for (const read of reads.slice(0, 5)) {
    const answer = async (text: string) => {
      const { rows } = await forms.statement.client.query<{
        asked: number | string | null;
        keys: unknown[] | null;
      }>(text, read);
      const events = rows
        .filter((r) => r.asked !== null)
        .map((r) => JSON.stringify(Object.entries({ ...r, asked: Number(r.asked), keys: 0 }).sort()));
      const keys = (rows.find((r) => r.keys !== null)?.keys ?? []).map((k) => JSON.stringify(k)).sort();
      return JSON.stringify({ events, keys });
    };
    if ((await answer(STATEMENT)) !== (await answer(FUNCTION))) throw new Error('the two forms differ');
  }
  await resetStatements(forms.statement.client);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const form of Object.values(forms)) {
      const before = processCpuNanos(form.pid);
      for (let i = 0; i < CALLS; i += 1)
        await form.client.query({
          name: 'read_stream_tails',
          text: form.text,
          values: reads[i % reads.length]!,
        });
      form.cpu += processCpuNanos(form.pid) - before;
      form.calls += CALLS;
    }
  }
  console.log(
    `${seeded.events} events seeded; ${forms.statement.calls} calls per form in ${ROUNDS} alternating rounds; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const figures = await statementFigures(forms.statement.client, { width: 100, minCalls: CALLS });
  for (const [name, form] of Object.entries(forms)) {
    const { rows } = await form.client.query<{ generic_plans: string; custom_plans: string }>(
      `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'read_stream_tails'`,
    );
    console.log(
      `${name.padEnd(9)}: backend CPU ${(form.cpu / 1e3 / form.calls).toFixed(0)} µs per call; plans made: ${rows[0]!.custom_plans} custom, ${rows[0]!.generic_plans} generic runs`,
    );
  }
  console.log('\n  calls  exec µs  plan µs  statement (nested ones indented)');
  for (const r of figures)
    console.log(
      `  ${String(r.calls).padStart(5)} ${r.execMicros.toFixed(0).padStart(8)} ${r.planMicros.toFixed(0).padStart(8)}  ${r.topLevel ? '' : '  '}${r.query}`,
    );
  for (const form of Object.values(forms)) await form.client.end();
  await admin.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
