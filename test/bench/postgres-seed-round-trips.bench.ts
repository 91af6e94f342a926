/**
 * Who asks the PostgreSQL server what during the demo seed (a script, not a test): seeds the
 * demo program through the real facade (`seedStore`, as `vouch seed` does) into a throwaway
 * server and counts every statement the `pg` client sends, by the Vouch function that sent
 * it (the first stack frame outside `pg` and the database wrapper), per event appended; for
 * reads it also counts how many came back empty. `--socket unix` connects through the
 * server's unix socket instead of TCP on 127.0.0.1 (what a server on the same host would use).
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/postgres-seed-round-trips.bench.ts [--scale 0.05] [--socket tcp|unix] [--count on|off]
 */
import { loadavg } from 'node:os';
import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';
import { Client, Pool } from 'pg';
import { seedPostgresDemo } from './support/seed-postgres-demo';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SCALE = Number(args.get('scale') ?? 0.05);
const SOCKET = args.get('socket') ?? 'tcp';
const DEPTH = Number(args.get('depth') ?? 3);
const COUNT = (args.get('count') ?? 'on') === 'on';

interface Tally {
  calls: number;
  empty: number;
}
const tallies = new Map<string, Tally>();

/** The first frames of the stack that are Vouch's own code, not `pg` nor the pool wrapper (`--depth`, default 3). */
function callerOf(stack: string): string {
  const frames = stack.split('\n').slice(1);
  const found: string[] = [];
  for (const frame of frames) {
    if (frame.includes('node_modules') || frame.includes('node:')) continue;
    if (frame.includes('postgres-database.ts') || frame.includes('connection-failure.ts')) continue;
    if (frame.includes('postgres-seed-round-trips')) continue;
    const match = /at (?:async )?(\S+) \(.*\/(packages|apps)\/([^)]+?):(\d+):\d+\)/.exec(frame);
    if (match) found.push(`${match[1]} (${match[3]!.replace(/^.*\//, '')}:${match[4]})`);
    if (found.length === DEPTH) break;
  }
  return found.length > 0 ? found.join(' < ') : 'unknown';
}

/** Counts every statement at the call that sent it: `Pool.query` (one call, one statement) and a checked-out client's `query`. */
function countQueries(): void {
  Error.stackTraceLimit = 40;
  countOn(Pool.prototype, false);
  countOn(Client.prototype, true);
}

function countOn(prototype: object, skipPooled: boolean): void {
  const target = prototype as { query: (...a: unknown[]) => unknown };
  const original = target.query;
  target.query = function (this: unknown, ...params: unknown[]) {
    const stack = new Error().stack ?? '';
    // Pool.query runs a client's query: counted once, where Pool.query was called.
    if (skipPooled && stack.includes('pg-pool')) return original.apply(this, params);
    const first = params[0] as string | { text?: string; name?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? first?.name ?? '?');
    const caller = `${callerOf(stack)} :: ${text.replace(/\s+/g, ' ').slice(0, 60)}`;
    const tally = tallies.get(caller) ?? { calls: 0, empty: 0 };
    tallies.set(caller, tally);
    tally.calls += 1;
    const result = original.apply(this, params);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<{ rowCount?: number; rows?: unknown[] }>).then(
        (r) => {
          if (r && Array.isArray(r.rows) && r.rows.length === 0) tally.empty += 1;
        },
        () => undefined,
      );
    }
    return result;
  };
}

async function main(): Promise<void> {
  const server = await startPostgresTestServer({ durable: true, useDatabaseUrl: false });
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE seed_round_trips');
  const { rows } = await admin.query<{ dir: string; port: string }>(
    `SELECT current_setting('unix_socket_directories') AS dir, current_setting('port') AS port`,
  );
  await admin.end();
  const url =
    SOCKET === 'unix'
      ? `postgres://postgres@/seed_round_trips?host=${encodeURIComponent(rows[0]!.dir)}&port=${rows[0]!.port}`
      : (() => {
          const tcp = new URL(server.url);
          tcp.pathname = '/seed_round_trips';
          return tcp.toString();
        })();
  if (COUNT) countQueries();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const seeded = await seedPostgresDemo(url, SCALE);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpuBefore);
  const events = seeded.events;
  console.log(
    `scale ${SCALE} over ${SOCKET}${COUNT ? ' (counting: Node CPU inflated)' : ''}: ${events} events in ${wall.toFixed(1)} s = ${Math.round(events / wall)} events/s; Node CPU ${((used.user + used.system) / 1e3 / events).toFixed(2)} ms per event; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  if (COUNT) {
    const total = [...tallies.values()].reduce((sum, t) => sum + t.calls, 0);
    console.log(
      `statements sent per event: ${(total / events).toFixed(2)}\n\n  per event  empty  caller :: statement`,
    );
    for (const [caller, t] of [...tallies].sort((a, b) => b[1].calls - a[1].calls)) {
      if (t.calls / events < 0.005) continue;
      console.log(
        `  ${(t.calls / events).toFixed(3).padStart(9)} ${(t.empty / events).toFixed(3).padStart(6)}  ${caller}`,
      );
    }
  }
  await server.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
