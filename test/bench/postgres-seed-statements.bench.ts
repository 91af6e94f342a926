/**
 * Where the demo seed's time goes on PostgreSQL (a script, not a test): seeds the demo program
 * through the real facade (`seedStore`, as `vouch seed` and `bench:seed` do) into a fresh
 * database of a durable throwaway server that tracks every statement (pg_stat_statements,
 * nested ones and planning too), then prints per event appended: the wall time split into this
 * process's CPU, the server's CPU (every server process, from /proc) and the rest (waiting on
 * neither: the fsync, the scheduler), and every statement the server ran — calls per event,
 * execution and planning µs per call — the client's round trips being the top-level ones.
 *
 * `--tracking off` leaves pg_stat_statements out (it costs the server CPU per statement, more for
 * nested ones): the CPU split alone, as the server spends it untracked.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-seed-statements.bench.ts [--scale 0.05] [--top 25] [--tracking on|off]
 */
import { loadavg } from 'node:os';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client } from 'pg';
import { serverCpuSeconds } from './support/postgres-server-cpu';
import { resetStatements, STATEMENT_TRACKING, statementFigures } from './support/postgres-statements';
import { seedPostgresDemo } from './support/seed-postgres-demo';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SCALE = Number(args.get('scale') ?? 0.05);
const TOP = Number(args.get('top') ?? 25);
const TRACKING = (args.get('tracking') ?? 'on') === 'on';

async function main(): Promise<void> {
  const server = await startPostgresTestServer({
    durable: true,
    useDatabaseUrl: false,
    ...(TRACKING ? { settings: STATEMENT_TRACKING } : {}),
  });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE seed_statements');
  const url = new URL(server.url);
  url.pathname = '/seed_statements';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  if (TRACKING) await resetStatements(client);

  const cpuBefore = process.cpuUsage();
  const serverBefore = serverCpuSeconds();
  const started = process.hrtime.bigint();
  const seeded = await seedPostgresDemo(url.toString(), SCALE);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpuBefore);
  const node = (used.user + used.system) / 1e6;
  const serverCpu = serverCpuSeconds() - serverBefore;
  const events = seeded.events;
  const perEvent = (seconds: number) => `${((seconds * 1e3) / events).toFixed(2)} ms`;
  console.log(
    `scale ${SCALE}: ${events} events in ${wall.toFixed(1)} s = ${Math.round(events / wall)} events/s, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `per event: wall ${perEvent(wall)} = Node CPU ${perEvent(node)} + server CPU ${perEvent(serverCpu)} + neither ${perEvent(Math.max(0, wall - node - serverCpu))} (on 2 cores the two CPUs may overlap)`,
  );

  if (!TRACKING) {
    await client.end();
    await admin.end();
    await server.stop();
    return;
  }
  const rows = await statementFigures(client, { width: 120 });
  const topLevel = rows.filter((r) => r.topLevel);
  const roundTrips = topLevel.reduce((sum, r) => sum + r.calls, 0);
  const serverTime = topLevel.reduce((sum, r) => sum + r.calls * (r.execMicros + r.planMicros), 0);
  console.log(
    `top-level statements (round trips) per event: ${(roundTrips / events).toFixed(2)}; their execution + planning ${(serverTime / 1e3 / events).toFixed(2)} ms per event`,
  );
  console.log('\n  calls/event  exec µs  plan µs  total ms/event  statement (nested ones indented)');
  const ranked = rows
    .map((r) => ({ ...r, total: r.calls * (r.execMicros + r.planMicros) }))
    .sort((a, b) => b.total - a.total)
    .slice(0, TOP);
  for (const r of ranked) {
    console.log(
      `  ${(r.calls / events).toFixed(2).padStart(11)} ${r.execMicros.toFixed(0).padStart(8)} ${r.planMicros.toFixed(0).padStart(8)} ${(r.total / 1e3 / events).toFixed(3).padStart(15)}  ${r.topLevel ? '' : '  '}${r.query}`,
    );
  }
  await client.end();
  await admin.end();
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
