/**
 * What metrics and tracing cost (a script, not a test), in one process and run, four
 * setups per round in a rotating order: off, metrics, tracing, metrics + tracing.
 *   1. appends: sequential single-event appends to SQLite (synchronous=FULL) and to the
 *      in-memory store (CPU only: shows the instrumentation's own cost), the store alone vs
 *      through `timingAppends` (append histogram) and/or `tracingStore` (a span per append);
 *   2. `searchAdvocates` over HTTP (autocannon, loopback) on servers over one in-memory
 *      store, with `metrics` and/or `tracer` (server span per request, command spans).
 * Tracing exports over OTLP/HTTP (batches) to a receiver in a child process on loopback, as
 * to a collector; it is started before and shut down after each traced measurement, so the
 * untraced ones run with no context manager at all.
 *
 *   npm run bench:observability -- [--events 2000] [--memory-events 20000] [--noop-calls 50000] [--rounds 3] [--advocates 1000] [--seconds 5]
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, type Principal, type VouchCommand } from '@vouch/application';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pino from 'pino';
import {
  createApiServer,
  startTracing,
  timingAppends,
  tracingStore,
  VouchMetrics,
  type VouchTracing,
} from '../../apps/api/src';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS = Number(args.get('events') ?? 2000);
const MEMORY_EVENTS = Number(args.get('memory-events') ?? 20000);
const NOOP_CALLS = Number(args.get('noop-calls') ?? 50000);

/**
 * A store whose append does nothing and answers at once: the raw baseline that shows what the
 * instrumentation itself costs per call (histogram observation; span, context, batch export).
 */
function noopStore(): EventStore {
  const result = { streamId: 's', nextExpectedVersion: 1, checkpoint: '1', duplicate: false };
  return { append: () => Promise.resolve(result), close: () => Promise.resolve() } as unknown as EventStore;
}
const ROUNDS = Number(args.get('rounds') ?? 3);
const ADVOCATES = Number(args.get('advocates') ?? 1000);
const SECONDS = Number(args.get('seconds') ?? 5);
const TENANT = 'bench';
const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
const dir = mkdtempSync(join(tmpdir(), 'vouch-observability-bench-'));
let files = 0;

/** One way of running: which observability is on. */
interface Setup {
  readonly name: 'off' | 'metrics' | 'tracing' | 'both';
  readonly metrics: boolean;
  readonly tracing: boolean;
}
const SETUPS: readonly Setup[] = [
  { name: 'off', metrics: false, tracing: false },
  { name: 'metrics', metrics: true, tracing: false },
  { name: 'tracing', metrics: false, tracing: true },
  { name: 'both', metrics: true, tracing: true },
];
/** One measurement: per wall-clock second, and per CPU-second of this process (steadier under load). */
interface Sample {
  readonly wall: number;
  readonly cpu: number;
}
type Figures = Record<Setup['name'], Sample[]>;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const figures = (): Figures => ({ off: [], metrics: [], tracing: [], both: [] });

/** An OTLP/HTTP receiver in a child process that reads and drops every export, as a collector's front would. */
async function startReceiver(): Promise<{ url: string; exports: () => Promise<number>; stop(): void }> {
  const child: ChildProcess = fork(
    '-e',
    [
      `const http = require('node:http'); let n = 0;
       const server = http.createServer((req, res) => { req.resume(); req.on('end', () => { n += 1; res.writeHead(200, { 'content-type': 'application/json' }).end('{}'); }); });
       process.on('message', () => process.send(n));
       server.listen(0, '127.0.0.1', () => process.send(server.address().port));`,
    ],
    { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(m as number)));
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    exports: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as number));
        child.send('count');
      }),
    stop: () => child.kill(),
  };
}

let receiverUrl = '';
/** Runs `measure` with tracing started for it when the setup traces, and stopped (flushed) after. */
async function withTracing<T>(
  setup: Setup,
  measure: (tracing: VouchTracing | undefined) => Promise<T>,
): Promise<T> {
  if (!setup.tracing) return measure(undefined);
  const tracing = await startTracing({ otlp: { url: receiverUrl }, serviceName: 'vouch-bench' });
  try {
    return await measure(tracing);
  } finally {
    await tracing.shutdown();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Events per second of `count` sequential single-event appends. */
async function appendRate(
  kind: 'sqlite' | 'memory' | 'noop',
  setup: Setup,
  tracing: VouchTracing | undefined,
): Promise<Sample> {
  const raw: EventStore =
    kind === 'sqlite'
      ? SqliteEventStore.open({ filename: join(dir, `${++files}.db`), masterKey: randomBytes(32) })
      : kind === 'memory'
        ? new InMemoryEventStore()
        : noopStore();
  const timed = setup.metrics ? timingAppends(raw, new VouchMetrics()) : raw;
  const store = tracing
    ? tracingStore(timed, tracing.tracer, kind === 'sqlite' ? 'sqlite' : 'memory')
    : timed;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const count = kind === 'sqlite' ? EVENTS : kind === 'memory' ? MEMORY_EVENTS : NOOP_CALLS;
  for (let i = 0; i < count; i += 1) {
    await store.append(
      TENANT,
      `stream-${i}`,
      [
        {
          eventId: `event-${i}`,
          type: 'BenchEvent',
          schemaVersion: 1,
          data: { i },
          metadata: {
            tenantId: TENANT,
            actor: { userId: 'bench', roles: ['PROGRAM_MANAGER'] },
            commandId: `c-${i}`,
            correlationId: `c-${i}`,
            causationId: `c-${i}`,
            effectiveAt: '2026-11-30T09:00:00.000Z',
          },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
  }
  const rate = { wall: count / ((performance.now() - started) / 1000), cpu: count / cpuSeconds(cpu) };
  await raw.close();
  return rate;
}

async function seed(store: EventStore): Promise<void> {
  const vouch = createVouch({ store });
  const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
  let ids = 0;
  const run = (command: object) =>
    vouch.execute(pm, { commandId: `seed-${++ids}`, ...command } as VouchCommand);
  for (let a = 0; a < 20; a += 1) {
    await run({
      type: 'RegisterAccount',
      data: {
        accountId: `acct-${a}`,
        name: `Company ${a}`,
        industry: a % 2 ? 'Retail' : 'Manufacturing',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner'],
        ownerId: 'olga-ae',
      },
    });
  }
  for (let i = 0; i < ADVOCATES; i += 1) {
    await run({
      type: 'EnrolAdvocate',
      data: {
        advocateId: `adv-${i}`,
        accountId: `acct-${i % 20}`,
        name: `Advocate ${i}`,
        email: `adv-${i}@example.com`,
        title: 'Head of Operations',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['en'],
        topics: ['rollout'],
      },
    });
  }
  await vouch.stop();
}

async function searchRate(
  store: EventStore,
  setup: Setup,
  tracing: VouchTracing | undefined,
): Promise<Sample> {
  const metrics = setup.metrics ? new VouchMetrics() : undefined;
  const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
  const server = await createApiServer({
    vouch,
    auth: { hs256Secret: SECRET },
    environment: 'production',
    logger: pino({ level: 'silent' }),
    limits: { rateLimitPerWindow: 1e9 },
    ...(metrics ? { metrics } : {}),
    ...(tracing ? { tracer: tracing.tracer } : {}),
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  const token = await new SignJWT({ sub: 'pat-pm', tenant: TENANT, roles: ['PROGRAM_MANAGER'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  await vouch.queries.searchAdvocates(
    { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] },
    {},
    { first: 1 },
  );
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: 20,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query:
        'query Search($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { node { advocateId company } } } }',
      variables: { f: { industries: ['Retail'] } },
    }),
  });
  await server.stop();
  await vouch.stop();
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`searchAdvocates failed: ${result.non2xx} non-2xx`);
  // autocannon's client runs in this process too: its CPU is in every setup alike.
  return { wall: result.requests.average, cpu: result.requests.total / cpuSeconds(cpu) };
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  receiverUrl = receiver.url;
  // Each round runs the four setups in a rotated order, so none is always first or last.
  const order = (round: number) => SETUPS.map((_, i) => SETUPS[(i + round) % SETUPS.length]!);
  const sqlite = figures();
  const memory = figures();
  const noop = figures();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const setup of order(round)) {
      sqlite[setup.name].push(await withTracing(setup, (tracing) => appendRate('sqlite', setup, tracing)));
      memory[setup.name].push(await withTracing(setup, (tracing) => appendRate('memory', setup, tracing)));
      noop[setup.name].push(await withTracing(setup, (tracing) => appendRate('noop', setup, tracing)));
    }
  }
  const store = new InMemoryEventStore();
  await seed(store);
  const searches = figures();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const setup of order(round)) {
      searches[setup.name].push(await withTracing(setup, (tracing) => searchRate(store, setup, tracing)));
    }
  }
  const exported = await receiver.exports();
  receiver.stop();
  const mid = (f: Figures, name: Setup['name'], by: keyof Sample) => median(f[name].map((x) => x[by]));
  const ratio = (f: Figures, name: Setup['name'], by: keyof Sample) =>
    (mid(f, name, by) / mid(f, 'off', by)).toFixed(2);
  const row = (what: string, f: Figures, by: keyof Sample) =>
    `| ${what} | ${SETUPS.map((s) => Math.round(mid(f, s.name, by)).toLocaleString('en')).join(' | ')} | ${ratio(f, 'metrics', by)} | ${ratio(f, 'tracing', by)} | ${ratio(f, 'both', by)} |`;
  const table = (by: keyof Sample, unit: string) => [
    `| ${unit} | off | metrics | tracing | both | metrics / off | tracing / off | both / off |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    row('SQLite appends (sequential, FULL)', sqlite, by),
    row('in-memory appends (sequential)', memory, by),
    row('no-op store appends (the instrumentation alone)', noop, by),
    row('`searchAdvocates` requests (HTTP)', searches, by),
  ];
  process.stdout.write(
    [
      `Medians of ${ROUNDS} rounds (setups in rotating order); ${EVENTS} SQLite and ${MEMORY_EVENTS} in-memory and ${NOOP_CALLS} no-op appends per measurement; ${ADVOCATES} advocates, ${SECONDS} s of autocannon (20 connections) per measurement; ${exported} OTLP exports received.`,
      '',
      ...table('cpu', 'per CPU-second of the process'),
      '',
      ...table('wall', 'per second (wall clock)'),
      '',
      `Instrumentation per no-op append, CPU µs: ${SETUPS.map((x) => `${x.name} ${(1e6 / mid(noop, x.name, 'cpu')).toFixed(1)}`).join(', ')}.`,
      '',
      `raw figures: ${JSON.stringify({ sqlite, memory, noop, searches })}`,
      '',
    ].join('\n'),
  );
  rmSync(dir, { recursive: true, force: true });
}

void main();
