/**
 * GraphQL API benchmark (a script, not a test): requests per second and p50/p99 latency
 * over HTTP (loopback, autocannon, 50 connections, a bounded duration per target) of
 *   1. `{ __typename }` — the baseline: auth, limits, Apollo and Express, no read model;
 *   2. `searchAdvocates(filter: { industries: [..] }, first: 20)` — a selective filter;
 *   3. `matchCandidates(requestId, first: 20)` — scores every live advocate;
 * on one server per size, all in the same process and run. The store is the in-memory one
 * (`--store memory`, default) or SQLite in a temporary file with its read-model store in the
 * same file (`--store sqlite`, as `vouch serve` runs). The tenant is seeded from the domain's
 * deciders (enrol, activate, grant consent) and appended in batches; the first query waits for
 * the read models to catch up.
 *
 * Each size reports the process RSS and heap once the read models caught up (store, read models
 * and server together) and after the runs (and after a full GC when node runs with --expose-gc),
 * the peak RSS so far and the load average; `--runs` repeats the targets and
 * `--targets` picks some of them (`typename,search,match`; `{ __typename }` is always run
 * first, as the baseline of the ratios). Each row also gives the process's CPU time per request
 * (server and load generator together) and the ratio by CPU, which other processes on a shared
 * machine sway far less than requests per second.
 *
 *   npm run bench:api -- [--sizes 10000,100000] [--seconds 10] [--connections 50] [--runs 1]
 *     [--store memory|sqlite] [--targets typename,search,match] [--interleave K [--block 200]]
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVouch, type Principal } from '@vouch/application';
import {
  ACTIVITY_KINDS,
  DEFAULT_PROGRAM_POLICIES,
  accountDecider,
  advocateDecider,
  eventDefinition,
  fold,
  type Actor,
  type Command,
  type Decider,
  type DecisionContext,
  type DomainEvent,
  type EventEnvelope,
} from '@vouch/domain';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pino from 'pino';
import { createApiServer } from '../../apps/api/src';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SIZES = (args.get('sizes') ?? '10000,100000').split(',').map(Number);
const SECONDS = Number(args.get('seconds') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 50);
const RUNS = Number(args.get('runs') ?? 1);
// With --interleave K: each run alternates the targets K times in blocks of --block requests
// (instead of one window of --seconds each), so a change of load mid-run weighs on all alike.
const INTERLEAVE = Number(args.get('interleave') ?? 0);
const BLOCK = Number(args.get('block') ?? 200);
const STORE = args.get('store') ?? 'memory';
const TARGETS = new Set(['typename', ...(args.get('targets') ?? 'search,match').split(',')]);
if (STORE !== 'memory' && STORE !== 'sqlite') throw new Error(`--store memory|sqlite, not ${STORE}`);
const TENANT = 'bench';
const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
const NOW = '2026-11-23T09:00:00.000Z';
const INDUSTRIES = ['Manufacturing', 'Retail', 'Finance', 'Health', 'Energy', 'Logistics', 'Media', 'Public'];
const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'];
const PRODUCTS = ['Planner', 'Forecast', 'Ledger', 'Studio'];
const ACCOUNTS = 200;
const pm: Actor = { userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };

let commands = 0;
const cmd = (type: string, data: object) => ({ type, commandId: `${type}-${++commands}`, data }) as Command;

/** The envelopes one command decides on a fresh stream, as the application would append them. */
function decide<S, E extends DomainEvent>(
  decider: Decider<Command, S, E, DecisionContext>,
  commandsOfStream: Command[],
  extra: object = {},
): EventEnvelope[] {
  const history: E[] = [];
  const envelopes: EventEnvelope[] = [];
  for (const command of commandsOfStream) {
    const context = { now: NOW, newId: () => `id-${++commands}`, actor: pm, ...extra } as DecisionContext;
    for (const event of decider.decide(command, fold(decider, history), context)) {
      history.push(event);
      envelopes.push({
        eventId: `${command.commandId}-${envelopes.length}`,
        type: event.type,
        schemaVersion: eventDefinition(event.type)?.version ?? 1,
        data: event.data as Record<string, unknown>,
        metadata: {
          tenantId: TENANT,
          actor: { userId: pm.userId, roles: pm.roles },
          commandId: command.commandId,
          correlationId: command.commandId,
          causationId: command.commandId,
          effectiveAt: NOW,
        },
      });
    }
  }
  return envelopes;
}

async function seed(store: EventStore, advocates: number): Promise<void> {
  const streams: { streamId: string; events: EventEnvelope[] }[] = [];
  for (let a = 0; a < ACCOUNTS; a++) {
    const accountId = `acct-${a}`;
    streams.push({
      streamId: `account-${accountId}`,
      events: decide(accountDecider as never, [
        cmd('RegisterAccount', {
          accountId,
          name: `Company ${a}`,
          industry: INDUSTRIES[a % INDUSTRIES.length],
          segment: 'ENTERPRISE',
          region: REGIONS[a % REGIONS.length],
          products: [PRODUCTS[a % PRODUCTS.length]],
          ownerId: 'olga-ae',
        }),
        cmd('RecordAccountHealth', { healthScore: 80 }),
      ]),
    });
  }
  for (let i = 0; i < advocates; i++) {
    const advocateId = `adv-${String(i).padStart(7, '0')}`;
    streams.push({
      streamId: `advocate-${advocateId}`,
      events: decide(
        advocateDecider as never,
        [
          cmd('EnrolAdvocate', {
            advocateId,
            accountId: `acct-${i % ACCOUNTS}`,
            name: `Advocate ${i}`,
            email: `${advocateId}@example.com`,
            title: 'Head of Operations',
            seniority: i % 3 === 0 ? 'VP' : 'DIRECTOR',
            products: [PRODUCTS[i % PRODUCTS.length]!, PRODUCTS[(i + 1) % PRODUCTS.length]!],
            useCases: ['planning'],
            languages: i % 2 === 0 ? ['en'] : ['en', 'de'],
            topics: ['rollout'],
          }),
          cmd('ActivateAdvocate', {}),
          cmd('GrantConsent', {
            consentId: `consent-${i}`,
            kinds: [...ACTIVITY_KINDS.slice(0, 3)],
            territories: [REGIONS[(i % ACCOUNTS) % REGIONS.length]],
            channels: ['PRIVATE', 'WEB'],
            validFrom: NOW,
            validUntil: '2027-11-23T09:00:00.000Z',
            collectionMethod: 'E_SIGNATURE',
            collectedAt: NOW,
            noticeVersion: 'v1',
          }),
        ],
        { policies: DEFAULT_PROGRAM_POLICIES },
      ),
    });
  }
  for (let start = 0; start < streams.length; start += 1000) {
    await Promise.all(
      streams
        .slice(start, start + 1000)
        .map(({ streamId, events }) =>
          store.append(TENANT, streamId, events, { expectedVersion: 'no_stream' }),
        ),
    );
  }
}

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** CPU time of this process (server and load generator, every thread) per request answered. */
  readonly cpuMsPerRequest: number;
}

async function load(url: string, token: string, query: string, variables: object): Promise<Figures> {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return figuresOf(result, cpu);
}

/** One block of `amount` requests (for --interleave). */
async function block(
  url: string,
  token: string,
  query: string,
  variables: object,
): Promise<{ requests: number; seconds: number; cpuMs: number; errors: number; latencies: number[] }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    amount: BLOCK,
    // autocannon reports a run only at its next sample tick (every second by default), so
    // with the default a block of BLOCK requests took at least a second and every target's
    // rate read about BLOCK per second; a tick of 10 ms ends the block with its last answer.
    sampleInt: 10,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return {
    requests: result.requests.total,
    seconds: (performance.now() - started) / 1000,
    cpuMs: cpuMs(process.cpuUsage(cpu)),
    errors: result.errors + result.non2xx,
    latencies: [result.latency.p50, result.latency.p99],
  };
}

/** The targets alternated `INTERLEAVE` times in blocks; the figures of each summed over its blocks. */
async function interleaved(
  url: string,
  token: string,
  targets: [string, string, object][],
): Promise<Figures[]> {
  const sums = targets.map(() => ({
    requests: 0,
    seconds: 0,
    cpuMs: 0,
    errors: 0,
    p50: [] as number[],
    p99: [] as number[],
  }));
  for (let k = 0; k < INTERLEAVE; k++) {
    for (const [i, [, query, variables]] of targets.entries()) {
      const b = await block(url, token, query, variables);
      const sum = sums[i]!;
      sum.requests += b.requests;
      sum.seconds += b.seconds;
      sum.cpuMs += b.cpuMs;
      sum.errors += b.errors;
      sum.p50.push(b.latencies[0]!);
      sum.p99.push(b.latencies[1]!);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return sums.map((sum) => ({
    requestsPerSecond: sum.requests / sum.seconds,
    p50: median(sum.p50),
    p99: median(sum.p99),
    errors: sum.errors,
    cpuMsPerRequest: sum.cpuMs / Math.max(1, sum.requests),
  }));
}

function figuresOf(result: autocannon.Result, cpu: NodeJS.CpuUsage): Figures {
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMsPerRequest: cpuMs(process.cpuUsage(cpu)) / Math.max(1, result.requests.total),
  };
}

const cpuMs = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;

async function main(): Promise<void> {
  const token = await new SignJWT({ sub: pm.userId, tenant: TENANT, roles: pm.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt() // the API refuses tokens without `iat`
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(SECRET));
  const principal: Principal = { tenantId: TENANT, userId: pm.userId, roles: pm.roles };
  const rows: string[] = [];
  for (const size of SIZES) {
    const started = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'vouch-api-bench-'));
    const masterKey = randomBytes(32);
    // SQLite: the file is seeded by a child process, so the server's RSS is that of a process
    // opening an existing database (as `vouch serve` does), not of the one that generated it.
    if (STORE === 'sqlite') seedFileInChild(join(dir, 'vouch.db'), masterKey, size);
    const sqlite = STORE === 'sqlite' ? openSqlite(join(dir, 'vouch.db'), masterKey) : undefined;
    const store = sqlite ?? new InMemoryEventStore({ clock: () => NOW });
    if (!sqlite) await seed(store, size);
    const seeded = Date.now();
    const vouch = createVouch({
      store,
      clock: () => NOW,
      dueWorkIntervalMs: 0,
      ...(sqlite
        ? {
            checkpoints: sqlite.checkpoints,
            readModels: new SqliteReadModelStore(sqlite.database, () => NOW),
          }
        : {}),
    });
    await vouch.execute(principal, {
      type: 'SubmitReferenceRequest',
      commandId: 'bench-request',
      data: {
        requestId: 'bench-request',
        department: 'SALES',
        kind: 'REFERENCE_CALL',
        advocatesNeeded: 1,
        opportunity: {
          opportunityId: 'opp',
          stage: 'EVALUATION',
          amount: { amount: 100000, currency: 'EUR' },
          industry: 'Manufacturing',
          region: 'EMEA',
          products: ['Planner'],
        },
        criteria: { territory: 'EMEA', channel: 'PRIVATE' },
        dueBy: '2026-12-10T00:00:00.000Z',
      },
    } as never);
    const server = await createApiServer({
      vouch,
      auth: { hs256Secret: SECRET },
      environment: 'production',
      logger: pino({ level: 'silent' }),
      limits: { rateLimitPerWindow: 1e9 },
    });
    const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
    // Catch the read models up before measuring.
    await vouch.queries.searchAdvocates(principal, {}, { first: 1 });
    const caughtUp = Date.now();
    process.stderr.write(
      `${size} advocates: seeded in ${((seeded - started) / 1000).toFixed(1)} s, read models caught up in ${((caughtUp - seeded) / 1000).toFixed(1)} s\n`,
    );

    const targets = (
      [
        ['typename', '`{ __typename }`', '{ __typename }', {}],
        [
          'search',
          '`searchAdvocates` (industry filter, first 20)',
          'query($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { cursor node { advocateId view company seniority products } } pageInfo { hasNextPage endCursor } } }',
          { f: { industries: ['Manufacturing'] } },
        ],
        [
          'match',
          '`matchCandidates` (first 20)',
          '{ matchCandidates(requestId: "bench-request", first: 20) { available { advocateId score { total breakdown { criterion score } } } unavailable { advocateId } } }',
          {},
        ],
      ] as [string, string, string, object][]
    )
      .filter(([name]) => TARGETS.has(name))
      .map(([, ...target]) => target);
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    const memory = () => {
      const m = process.memoryUsage();
      return `RSS ${mb(m.rss)} MB (heap used ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB), load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`;
    };
    process.stderr.write(`${size} advocates caught up: ${memory()}\n`);
    // Every target must answer without errors first: a refused token would be measured as fast.
    for (const [label, query, variables] of targets) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (response.status !== 200 || body.errors)
        throw new Error(`${label} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    for (let run = 0; run < RUNS; run++) {
      const figures: Figures[] = [];
      const blocks = INTERLEAVE > 0 ? await interleaved(url, token, targets) : undefined;
      for (const [t, [label, query, variables]] of targets.entries()) {
        const measured = blocks ? blocks[t]! : await load(url, token, query, variables);
        figures.push(measured);
        const ratio = measured.requestsPerSecond / figures[0]!.requestsPerSecond;
        // The same ratio by CPU: less swayed by other processes on a shared machine than req/s.
        const cpuRatio = figures[0]!.cpuMsPerRequest / measured.cpuMsPerRequest;
        rows.push(
          `| ${size.toLocaleString('en')} | ${label} | ${Math.round(measured.requestsPerSecond).toLocaleString('en')} | ${ratio.toFixed(2)} | ${measured.cpuMsPerRequest.toFixed(2)} | ${cpuRatio.toFixed(2)} | ${measured.p50} | ${measured.p99} | ${measured.errors} | ${loadavg()[0]!.toFixed(1)} |`,
        );
        process.stderr.write(`${rows.at(-1)}\n`);
      }
      process.stderr.write(
        `load ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}\n`,
      );
    }
    process.stderr.write(`${size} advocates after the runs: ${memory()}\n`);
    // With --expose-gc: what stays alive, garbage of the catch-up and of the requests collected.
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      process.stderr.write(`${size} advocates after a full GC: ${memory()}\n`);
    }
    await server.stop();
    await vouch.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      `Node ${process.version}, ${STORE} store, ${CONNECTIONS} connections, ${SECONDS} s per target, loopback.`,
      '',
      '| advocates | operation | req/s | × `__typename` | CPU ms/req | × `__typename` by CPU | p50 ms | p99 ms | errors | load |',
      '| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: |',
      ...rows,
      '',
    ].join('\n'),
  );
}

function openSqlite(filename: string, masterKey: Buffer): SqliteEventStore {
  // NORMAL: a bench load, rerun if it fails.
  return SqliteEventStore.open({ filename, masterKey, clock: () => NOW, durability: 'NORMAL' });
}

/** Runs this script as `--seed-file FILE --seed-size N` (master key in the environment) and waits. */
function seedFileInChild(filename: string, masterKey: Buffer, size: number): void {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--seed-file', filename, '--seed-size', String(size)],
    { stdio: 'inherit', env: { ...process.env, BENCH_MASTER_KEY: masterKey.toString('hex') } },
  );
  if (child.status !== 0) throw new Error(`seeding ${filename} failed (${child.status ?? child.signal})`);
}

async function seedFile(filename: string, size: number): Promise<void> {
  const store = openSqlite(filename, Buffer.from(process.env.BENCH_MASTER_KEY!, 'hex'));
  await seed(store, size);
  await store.close();
}

const SEED_FILE = args.get('seed-file');
(SEED_FILE ? seedFile(SEED_FILE, Number(args.get('seed-size'))) : main()).catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
