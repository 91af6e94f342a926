/**
 * Where a `searchAdvocates` request's own CPU goes, part by part (a script, not a test): over a copy of
 * `bench:api`'s seeded SQLite file, in this process, `--calls` times each, interleaved `--rounds` times:
 *   facade — `vouch.queries.searchAdvocates` (authorise, the index walk, the cached views, cursors);
 *   execute — graphql-js `execute` of the bench's search document on the API's schema (the deadline wrapper
 *     installed and started as the server does it), resolver included, the arguments converted and validated;
 *   json — `JSON.stringify` of that result (what Apollo sends).
 * Prints the CPU µs per call (this process, every thread) of each part per round and their medians.
 *
 *   node --expose-gc -r @swc-node/register test/bench/search-parts.bench.ts --file <advocates-10000.db>
 *     --key <advocates-10000.key> [--calls 2000] [--rounds 5] [--parts facade,execute,json] [--api-root <checkout>]
 *
 * Run with `NODE_ENV=production` (as `vouch serve` runs and `bench:api` starts it). `--api-root` runs another checkout's API and facade (e.g. the base commit's, built) over the same file.
 */
import 'reflect-metadata';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as GraphQL from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import pino from 'pino';
import type * as Application from '@vouch/application';
import type * as EventStoreSqlite from '@vouch/event-store-sqlite';
import type * as Api from '../../apps/api/src';
import type * as ExecutionTimeout from '../../apps/api/src/limits/execution-timeout-plugin';

// graphql-js checks every type test for a second copy of itself unless NODE_ENV is production (read as it loads).
if (process.env.NODE_ENV !== 'production')
  throw new Error('run with NODE_ENV=production, as vouch serve runs');
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const CALLS = Number(args.get('calls') ?? 2000);
const ROUNDS = Number(args.get('rounds') ?? 5);
const ROOT = args.get('api-root') ?? join(__dirname, '..', '..');
// `--parts facade,execute,json`: which parts to time (all by default).
const PARTS = new Set((args.get('parts') ?? 'facade,execute,json').split(','));
const SEARCH =
  'query($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { cursor node { advocateId view company seniority products } } pageInfo { hasNextPage endCursor } } }';
const VARIABLES = { f: { industries: ['Manufacturing'] } };
const principal = { tenantId: 'bench', userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] as const };

/* eslint-disable @typescript-eslint/no-require-imports */
const { createVouch } = require(join(ROOT, 'packages/application')) as typeof Application;
const { SqliteEventStore } = require(join(ROOT, 'packages/event-store-sqlite')) as typeof EventStoreSqlite;
const api = require(join(ROOT, 'apps/api/src')) as typeof Api;
// The checkout's own graphql-js: a schema is only executed by the copy that built it.
const { parse, execute } = require(join(ROOT, 'node_modules/graphql')) as typeof GraphQL;
const { executionTimeoutPlugin } = require(
  join(ROOT, 'apps/api/src/limits/execution-timeout-plugin'),
) as typeof ExecutionTimeout;
/* eslint-enable @typescript-eslint/no-require-imports */

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function timed(calls: number, call: () => unknown): Promise<number> {
  const start = cpuMicros();
  for (let i = 0; i < calls; i++) await call();
  return (cpuMicros() - start) / calls;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-search-parts-'));
  copyFileSync(args.get('file')!, join(dir, 'vouch.db'));
  const masterKey = Buffer.from(readFileSync(args.get('key')!, 'utf8').trim(), 'hex');
  const store = SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey });
  const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
  await vouch.queries.searchAdvocates(principal, {}, { first: 1 });
  const schema: GraphQLSchema = api.buildApiSchema();
  // The deadline as the server keeps it: every field wrapped once, a clock on each operation's context.
  const deadline = executionTimeoutPlugin(30_000) as unknown as {
    serverWillStart(c: { schema: GraphQLSchema }): Promise<unknown>;
    requestDidStart(c: { contextValue: object }): Promise<{ executionDidStart(): Promise<unknown> }>;
  };
  await deadline.serverWillStart({ schema });
  const document: DocumentNode = parse(SEARCH);
  const logger = pino({ level: 'silent' });
  const run = async () => {
    const contextValue = { principal, vouch, requestId: 'r', logger };
    await (await deadline.requestDidStart({ contextValue })).executionDidStart();
    return (await execute({ schema, document, contextValue, variableValues: VARIABLES })) as {
      data?: unknown;
      errors?: unknown;
    };
  };
  const first = await run();
  if (first.errors) throw new Error(JSON.stringify(first.errors));
  const text = JSON.stringify(first);
  process.stdout.write(`result: ${text.length} characters\n`);
  const parts: [string, () => unknown][] = [
    [
      'facade',
      () => vouch.queries.searchAdvocates(principal, { industries: ['Manufacturing'] }, { first: 20 }),
    ],
    ['execute', run],
    ['json', () => JSON.stringify(first)],
  ];
  parts.splice(0, parts.length, ...parts.filter(([name]) => PARTS.has(name)));
  for (const [, call] of parts) await timed(300, call); // warm
  const figures = parts.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    (globalThis as { gc?: () => void }).gc?.();
    const row: string[] = [];
    for (const [i, [name, call]] of parts.entries()) {
      const micros = await timed(CALLS, call);
      figures[i]!.push(micros);
      row.push(`${name} ${micros.toFixed(1)} µs`);
    }
    process.stdout.write(`round ${round + 1}: ${row.join(', ')}, load ${loadavg()[0]!.toFixed(1)}\n`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  process.stdout.write(
    `medians: ${parts.map(([name], i) => `${name} ${median(figures[i]!).toFixed(1)} µs`).join(', ')}\n`,
  );
  await vouch.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
