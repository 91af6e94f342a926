/**
 * What metrics cost (a script, not a test), in one process and run, on vs off alternating:
 *   1. appends: sequential single-event appends to SQLite (synchronous=FULL), the store
 *      alone vs the store with `timingAppends` (the append-latency histogram);
 *   2. `searchAdvocates` over HTTP (autocannon, loopback) on two servers over one in-memory
 *      store: without metrics vs with `metrics` (operation histogram, command counter).
 * Tracing (OpenTelemetry) is not built yet, so it is not measured.
 *
 *   npm run bench:observability -- [--events 2000] [--rounds 3] [--advocates 1000] [--seconds 5]
 */
import 'reflect-metadata';
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
import { createApiServer, timingAppends, VouchMetrics } from '../../apps/api/src';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const EVENTS = Number(args.get('events') ?? 2000);
const ROUNDS = Number(args.get('rounds') ?? 3);
const ADVOCATES = Number(args.get('advocates') ?? 1000);
const SECONDS = Number(args.get('seconds') ?? 5);
const TENANT = 'bench';
const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
const dir = mkdtempSync(join(tmpdir(), 'vouch-observability-bench-'));
let files = 0;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Events per second of `count` sequential single-event appends. */
async function appendRate(metrics: VouchMetrics | undefined): Promise<number> {
  const raw = SqliteEventStore.open({ filename: join(dir, `${++files}.db`), masterKey: randomBytes(32) });
  const store: EventStore = metrics ? timingAppends(raw, metrics) : raw;
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += 1) {
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
  const rate = EVENTS / ((performance.now() - started) / 1000);
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

async function searchRate(store: EventStore, metrics: VouchMetrics | undefined): Promise<number> {
  const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
  const server = await createApiServer({
    vouch,
    auth: { hs256Secret: SECRET },
    environment: 'production',
    logger: pino({ level: 'silent' }),
    limits: { rateLimitPerWindow: 1e9 },
    ...(metrics ? { metrics } : {}),
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
  return result.requests.average;
}

async function main(): Promise<void> {
  const appends: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    appends.off.push(await appendRate(undefined));
    appends.on.push(await appendRate(new VouchMetrics()));
  }
  const store = new InMemoryEventStore();
  await seed(store);
  const searches: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    searches.off.push(await searchRate(store, undefined));
    searches.on.push(await searchRate(store, new VouchMetrics()));
  }
  const row = (what: string, figures: Record<'off' | 'on', number[]>) =>
    `| ${what} | ${Math.round(median(figures.off)).toLocaleString('en')} | ${Math.round(median(figures.on)).toLocaleString('en')} | ${(median(figures.on) / median(figures.off)).toFixed(2)} |`;
  process.stdout.write(
    [
      `Medians of ${ROUNDS} alternating rounds; ${EVENTS} appends per round; ${ADVOCATES} advocates, ${SECONDS} s of autocannon (20 connections) per round.`,
      '',
      '| what | metrics off | metrics on | on / off |',
      '|---|---:|---:|---:|',
      row('SQLite appends/s (sequential, FULL)', appends),
      row('`searchAdvocates` req/s (HTTP)', searches),
      '',
    ].join('\n'),
  );
  rmSync(dir, { recursive: true, force: true });
}

void main();
