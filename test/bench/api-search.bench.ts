/**
 * GraphQL API benchmark (a script, not a test): requests per second and p50/p99 latency
 * over HTTP (loopback, autocannon, 50 connections, a bounded duration per target) of
 *   1. `{ __typename }` — the baseline: auth, limits, Apollo and Express, no read model;
 *   2. `searchAdvocates(filter: { industries: [..] }, first: 20)` — a selective filter;
 *   3. `matchCandidates(requestId, first: 20)` — scores every live advocate;
 * on one server per size. The store is the in-memory one (`--store memory`, default: the server
 * runs in this process) or SQLite (`--store sqlite`): then the server is `vouch serve` itself,
 * started as users start it (`main.ts serve`, its heap bound by default or `--max-heap MB`, which
 * is passed on; `--max-heap 0` = V8's default) in a child process over a copy of a seeded file.
 * The tenant is seeded from the domain's deciders (enrol, activate, grant consent) and appended
 * in batches; seeded SQLite files are kept in `--cache-dir` (default <tmp>/vouch-api-bench-cache)
 * and copied for each run. The first query waits for the read models to catch up.
 *
 * In this process, each size reports the RSS and heap once the read models caught up and after
 * the runs (and after a full GC when node runs with --expose-gc). With `vouch serve`, the
 * server's RSS is sampled every 100 ms from its start (catch-up and the save after it included)
 * and reported caught up, after each run and at its peak (the sampled maximum and the kernel's
 * VmHWM); its CPU time is read from /proc. Every figure comes with the load average; `--runs` repeats the targets and
 * `--targets` picks some of them (`typename,search,match`; `{ __typename }` is always run
 * first, as the baseline of the ratios). Each row also gives the process's CPU time per request
 * (server and load generator together) and the ratio by CPU, which other processes on a shared
 * machine sway far less than requests per second.
 *
 *   npm run bench:api -- [--sizes 10000,100000] [--seconds 10] [--connections 50] [--runs 1]
 *     [--store memory|sqlite] [--targets typename,search,match] [--interleave K [--block 200]]
 *     [--max-heap MB] [--cache-dir DIR] [--serve-from src|dist] [--server-node-flags "--cpu-prof …"]
 *     [--warmup K] [--baseline 0] [--blocks-log 1] [--server-stdout FILE] [--node-env production|'']
 *     [--restart 1] [--cli-root <checkout whose vouch serve runs>]
 *
 * With `--restart 1` (SQLite), each size's server is stopped after its runs (it saves its read
 * models) and `vouch serve` starts again on the same file, from the saved snapshot: its catch-up
 * and peak RSS (VmHWM) are reported beside the first start's, as a restart meets them.
 *
 *   `--server-node-flags --trace-gc` also tallies the server's GC lines per block and per run (main-thread wall ms).
 */
import 'reflect-metadata';
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pino from 'pino';
import { createApiServer } from '../../apps/api/src';
import { GcTraceTally, NO_GC, gcBetween, gcSum, gcText, type GcTotals } from './support/gc-trace-tally';

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
// Blocks of each target run (and not counted) before the first run: default 2 with --interleave, else 0.
const WARMUP = Number(args.get('warmup') ?? (INTERLEAVE > 0 ? 2 : 0));
const STORE = args.get('store') ?? 'memory';
const SERVED = STORE === 'sqlite';
// `--blocks-log 1`: each interleaved block's figures on stderr, to see how they spread within a run.
const BLOCKS_LOG = args.get('blocks-log') === '1';
// `--baseline 0`: without `{ __typename }` unless named (to profile one target alone); ratios are then to the first.
const BASELINE = args.get('baseline') !== '0';
const TARGETS = new Set([
  ...(BASELINE ? ['typename'] : []),
  ...(args.get('targets') ?? 'search,match').split(','),
]);
if (STORE !== 'memory' && STORE !== 'sqlite') throw new Error(`--store memory|sqlite, not ${STORE}`);
const MAX_HEAP = args.get('max-heap');
// `src`: the CLI from source through this process's swc hook, as `npm run vouch` runs it;
// `dist`: the built CLI (`npm run build` first), as the systemd unit and `npm start` run it.
const SERVE_FROM = args.get('serve-from') ?? 'src';
if (SERVE_FROM !== 'src' && SERVE_FROM !== 'dist')
  throw new Error(`--serve-from src|dist, not ${SERVE_FROM}`);
// `--server-node-flags "--cpu-prof --cpu-prof-dir=DIR"`: node flags for the served process (e.g. to profile it).
const SERVER_NODE_FLAGS = (args.get('server-node-flags') ?? '').split(' ').filter(Boolean);
// With `--trace-gc` among them, the served process's GC lines are tallied and charged to the block they came in
// (the main thread's scavenge pauses and mark-compact pauses + incremental steps, per request: wall ms).
const GC_TRACED = SERVER_NODE_FLAGS.includes('--trace-gc');
const serverGc = new GcTraceTally();
const NODE_ENV = args.get('node-env') ?? 'production';
const CACHE_DIR = args.get('cache-dir') ?? join(tmpdir(), 'vouch-api-bench-cache');
const RESTART = args.get('restart') === '1';
// The checkout whose `vouch serve` is run (another one's, e.g. the base commit's, for a "before").
const CLI_ROOT = args.get('cli-root') ?? join(__dirname, '..', '..');
const TENANT = 'bench';
// Random: `vouch serve` refuses a predictable JWT secret in production.
const SECRET = randomBytes(32).toString('base64');
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
  /** CPU time of the served process alone per request answered (`vouch serve` only; else NaN). */
  readonly serverCpuMsPerRequest: number;
}

async function load(url: string, token: string, query: string, variables: object): Promise<Figures> {
  const cpu = cpuNow();
  const serverCpu = serverCpuNow();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return figuresOf(result, cpu, serverCpu);
}

/** One block of `amount` requests (for --interleave). */
async function block(
  url: string,
  token: string,
  query: string,
  variables: object,
): Promise<{
  requests: number;
  seconds: number;
  cpuMs: number;
  serverCpuMs: number;
  serverMainCpuMs: number;
  gc: GcTotals;
  errors: number;
  latencies: number[];
}> {
  const cpu = cpuNow();
  const serverCpu = serverCpuNow();
  const serverMainCpu = serverMainCpuNow();
  const gcBefore = serverGc.now();
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
    cpuMs: cpuNow() - cpu,
    serverCpuMs: serverCpuNow() - serverCpu,
    serverMainCpuMs: serverMainCpuNow() - serverMainCpu,
    gc: gcBetween(gcBefore, serverGc.now()),
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
    serverCpuMs: 0,
    gc: NO_GC,
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
      sum.serverCpuMs += b.serverCpuMs;
      sum.gc = gcSum(sum.gc, b.gc);
      if (BLOCKS_LOG)
        process.stderr.write(
          `  block ${k + 1} target ${i + 1}: ${b.requests} in ${(b.seconds * 1000).toFixed(0)} ms, CPU ${(b.cpuMs / b.requests).toFixed(2)} ms/req (server ${(b.serverCpuMs / b.requests).toFixed(2)}, its main thread ${(b.serverMainCpuMs / b.requests).toFixed(2)})${GC_TRACED ? `, ${gcText(b.gc, b.requests)}` : ''}, load ${loadText()}\n`,
        );
      sum.errors += b.errors;
      sum.p50.push(b.latencies[0]!);
      sum.p99.push(b.latencies[1]!);
    }
  }
  if (GC_TRACED)
    for (const [i, sum] of sums.entries())
      process.stderr.write(`  the run's GC, target ${i + 1}: ${gcText(sum.gc, sum.requests)}\n`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return sums.map((sum) => ({
    requestsPerSecond: sum.requests / sum.seconds,
    p50: median(sum.p50),
    p99: median(sum.p99),
    errors: sum.errors,
    cpuMsPerRequest: sum.cpuMs / Math.max(1, sum.requests),
    serverCpuMsPerRequest: SERVED ? sum.serverCpuMs / Math.max(1, sum.requests) : NaN,
  }));
}

function figuresOf(result: autocannon.Result, cpu: number, serverCpu: number): Figures {
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMsPerRequest: (cpuNow() - cpu) / Math.max(1, result.requests.total),
    serverCpuMsPerRequest: SERVED ? (serverCpuNow() - serverCpu) / Math.max(1, result.requests.total) : NaN,
  };
}

const cpuMs = ({ user, system }: NodeJS.CpuUsage) => (user + system) / 1000;
/** CPU ms of this process and, with `vouch serve`, of the server process (every thread). */
let cpuNow = () => cpuMs(process.cpuUsage());
/** CPU ms of the served process alone (0 when the server runs in this process). */
let serverCpuNow = () => 0;
/** CPU ms of the served process's main (JavaScript) thread: the rest is GC helpers, compilers, I/O. */
let serverMainCpuNow = () => 0;

/** The submitted reference request `matchCandidates` ranks for. */
const BENCH_REQUEST = {
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
};

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** A server under measurement: where it listens, what it holds, how to stop it. */
interface BenchServer {
  readonly url: string;
  /** Memory now (and the peak so far), as one line. */
  memory(): string;
  /** After the runs: a full GC where this process can run one, then the memory line. */
  settled(): string | undefined;
  /** The peak RSS of the server, sampled and as the kernel counts it (MB), for the summary. */
  peak(): string;
  /** `vouch serve`'s data directory (SQLite), which `stop(true)` keeps for a restart. */
  readonly dir?: string;
  stop(keepDir?: boolean): Promise<void>;
}

async function inProcessServer(size: number, principal: Principal): Promise<BenchServer> {
  const started = Date.now();
  const store = new InMemoryEventStore({ clock: () => NOW });
  await seed(store, size);
  const seeded = Date.now();
  const vouch = createVouch({ store, clock: () => NOW, dueWorkIntervalMs: 0 });
  await vouch.execute(principal, {
    type: 'SubmitReferenceRequest',
    commandId: 'bench-request',
    data: BENCH_REQUEST,
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
  process.stderr.write(
    `${size} advocates: seeded in ${((seeded - started) / 1000).toFixed(1)} s, read models caught up in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`,
  );
  const memory = () => {
    const m = process.memoryUsage();
    return `RSS ${mb(m.rss)} MB (heap used ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB; peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB), load ${loadText()}`;
  };
  return {
    url,
    memory,
    settled() {
      // With --expose-gc: what stays alive, garbage of the catch-up and of the requests collected.
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) return undefined;
      gc();
      return memory();
    },
    peak: () => `${mb(process.resourceUsage().maxRSS * 1024)} MB (this process)`,
    async stop() {
      await server.stop();
      await vouch.stop();
      await store.close();
    },
  };
}

/** The seeded SQLite file of `size` advocates and its master key, from the cache (seeded on first use). */
function cachedSeed(size: number): { file: string; masterKey: Buffer } {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `advocates-${size}.db`);
  const keyFile = join(CACHE_DIR, `advocates-${size}.key`);
  if (!existsSync(file) || !existsSync(keyFile)) {
    const masterKey = randomBytes(32);
    const started = Date.now();
    // A child seeds it: the file is complete (closed, WAL checkpointed) before it is renamed.
    seedFileInChild(`${file}.tmp`, masterKey, size);
    writeFileSync(keyFile, masterKey.toString('hex'));
    renameSync(`${file}.tmp`, file);
    process.stderr.write(
      `${size} advocates: seeded ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }
  return { file, masterKey: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex') };
}

/** /proc/<pid>/status fields in kB. */
function procStatus(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU ms (user + system, every thread) of a process, from /proc/<pid>/stat (`task`: one thread of it). */
function procCpuMs(pid: number, task?: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}${task === undefined ? '' : `/task/${task}`}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * `vouch serve` over a copy of the cached file, in a child process started as a user starts it;
 * `restartIn`: again over the data directory a stopped server left (its saved snapshot included).
 */
async function servedSqlite(size: number, token: string, restartIn?: string): Promise<BenchServer> {
  const { file, masterKey } = cachedSeed(size);
  const dir = restartIn ?? mkdtempSync(join(tmpdir(), 'vouch-api-bench-'));
  if (restartIn === undefined) copyFileSync(file, join(dir, 'vouch.db'));
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  const started = Date.now();
  // The same node flags as this process (the swc hook: the CLI from source, as `npm run vouch`
  // runs it), without --expose-gc; `main.ts` relaunches itself with the heap bound.
  const execArgv = [
    ...(SERVE_FROM === 'dist'
      ? []
      : process.execArgv.filter((flag) => flag !== '--expose-gc' && !flag.startsWith('--cpu-prof'))),
    ...SERVER_NODE_FLAGS,
  ];
  const child = spawn(
    process.execPath,
    [
      ...execArgv,
      join(CLI_ROOT, 'apps', 'cli', SERVE_FROM, SERVE_FROM === 'dist' ? 'main.js' : 'main.ts'),
      'serve',
      '--store',
      'sqlite',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--tenant',
      TENANT,
      ...(MAX_HEAP === undefined ? [] : ['--max-heap', MAX_HEAP]),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(__dirname, '..', '..', 'apps', 'cli', 'tsconfig.run.json'),
        VOUCH_ENVIRONMENT: 'production',
        // As the systemd unit (docs/deploy/vouch.service) sets it; graphql-js, for one, checks every type test
        // for a second copy of itself unless it is `production`. `--node-env ''` leaves it unset.
        ...(NODE_ENV ? { NODE_ENV } : {}),
        VOUCH_MASTER_KEY: masterKey.toString('base64'),
        VOUCH_JWT_SECRET: SECRET,
        VOUCH_SIGNING_KEY: String(signingKey),
        VOUCH_DIGEST_INTERVAL: '0',
        VOUCH_RATE_LIMIT: '1000000000',
        VOUCH_METRICS: 'off',
      },
    },
  );
  let out = '';
  // Until it listens: the start line names the served process; then only kept with `--server-stdout FILE`
  // (its request log, or e.g. `--trace-gc` through `--server-node-flags`).
  const stdoutFile = args.get('server-stdout');
  child.stdout.on('data', (chunk: Buffer) => {
    if (stdoutFile !== undefined) appendFileSync(stdoutFile, chunk);
    if (GC_TRACED) serverGc.feed(chunk.toString('utf8'));
    if (!listened) out += chunk.toString('utf8');
  });
  let listened = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // The log line names the served process (a child of `child` when the heap is bound).
  const listening = await new Promise<{ url: string; pid: number; heapLimitMb: number }>(
    (resolve, reject) => {
      const poll = setInterval(() => {
        const line = out.split('\n').find((l) => l.includes('"graphqlUrl"'));
        if (line) {
          clearInterval(poll);
          const entry = JSON.parse(line) as { graphqlUrl: string; pid: number; heapLimitMb: number };
          resolve({ url: entry.graphqlUrl, pid: entry.pid, heapLimitMb: entry.heapLimitMb });
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          // e.g. out of memory under a --max-heap too small: the copy of the file goes too.
          rmSync(dir, { recursive: true, force: true });
          reject(new Error(`vouch serve exited (${child.exitCode}):\n${out.slice(-2000)}`));
        }
      }, 20);
    },
  );
  const { pid } = listening;
  listened = true;
  out = '';
  let sampledPeak = 0;
  let last = { rss: 0, hwm: 0 };
  const sample = () => {
    const status = procStatus(pid);
    if (!status) return;
    last = status;
    sampledPeak = Math.max(sampledPeak, status.rss);
  };
  sample();
  const sampler = setInterval(sample, 100);
  cpuNow = () => cpuMs(process.cpuUsage()) + procCpuMs(pid);
  serverCpuNow = () => procCpuMs(pid);
  serverMainCpuNow = () => procCpuMs(pid, pid);
  process.stderr.write(
    `${size} advocates: vouch serve (pid ${pid}, heap limit ${listening.heapLimitMb} MB) listening after ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  // The read models catch up at start; a search answers once they have.
  for (;;) {
    const response = await fetch(listening.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ searchAdvocates(first: 1) { edges { cursor } } }' }),
    });
    const body = (await response.json()) as { data?: { searchAdvocates?: { edges: unknown[] } } };
    if ((body.data?.searchAdvocates?.edges.length ?? 0) > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // A restart finds the request submitted by the first start.
  const submitted = (await (
    await fetch(listening.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          'mutation($input: SubmitReferenceRequestInput!) { submitReferenceRequest(input: $input) { __typename } }',
        variables: { input: { ...BENCH_REQUEST, commandId: 'bench-request' } },
      }),
    })
  ).json()) as { errors?: unknown };
  if (submitted.errors && restartIn === undefined)
    throw new Error(`submitting the request failed: ${JSON.stringify(submitted.errors)}`);
  process.stderr.write(
    `${size} advocates: read models caught up ${((Date.now() - started) / 1000).toFixed(1)} s after the start\n`,
  );
  const memory = () => {
    sample();
    return `server RSS ${mb(last.rss * 1024)} MB (peak sampled ${mb(sampledPeak * 1024)} MB, VmHWM ${mb(last.hwm * 1024)} MB; heap limit ${listening.heapLimitMb} MB), load ${loadText()}`;
  };
  return {
    url: listening.url,
    memory,
    settled: () => undefined,
    peak: () => {
      sample();
      return `${mb(sampledPeak * 1024)} MB sampled, ${mb(last.hwm * 1024)} MB VmHWM (vouch serve, heap limit ${listening.heapLimitMb} MB)`;
    },
    dir,
    async stop(keepDir?: boolean) {
      clearInterval(sampler);
      child.kill('SIGTERM');
      const code = await exited;
      cpuNow = () => cpuMs(process.cpuUsage());
      serverCpuNow = () => 0;
      serverMainCpuNow = () => 0;
      if (!keepDir) rmSync(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`vouch serve exited with ${code}`);
    },
  };
}

async function main(): Promise<void> {
  const token = await new SignJWT({ sub: pm.userId, tenant: TENANT, roles: pm.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt() // the API refuses tokens without `iat`
    .setExpirationTime('12h')
    .sign(new TextEncoder().encode(SECRET));
  const principal: Principal = { tenantId: TENANT, userId: pm.userId, roles: pm.roles };
  const rows: string[] = [];
  const peaks: string[] = [];
  for (const size of SIZES) {
    const server =
      STORE === 'sqlite' ? await servedSqlite(size, token) : await inProcessServer(size, principal);
    const { url } = server;

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
    process.stderr.write(`${size} advocates caught up: ${server.memory()}\n`);
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
    // Readiness: the read models answer once caught up and saved, but the first requests still meet a cold
    // process (code not yet optimised, the catch-up's garbage not yet collected). Each target's blocks run
    // WARMUP times first, reported apart and not counted.
    for (let round = 0; round < WARMUP; round++) {
      for (const [label, query, variables] of targets) {
        const b = await block(url, token, query, variables);
        process.stderr.write(
          `${size} advocates warm-up ${round + 1}: ${label} ${b.requests} requests in ${(b.seconds * 1000).toFixed(0)} ms, CPU ${(b.cpuMs / Math.max(1, b.requests)).toFixed(2)} ms/req (server ${(b.serverCpuMs / Math.max(1, b.requests)).toFixed(2)}), load ${loadText()}\n`,
        );
      }
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
          `| ${size.toLocaleString('en')} | ${label} | ${Math.round(measured.requestsPerSecond).toLocaleString('en')} | ${ratio.toFixed(2)} | ${measured.cpuMsPerRequest.toFixed(2)} | ${cpuRatio.toFixed(2)} | ${measured.p50} | ${measured.p99} | ${measured.errors} | ${loadavg()[0]!.toFixed(1)} | ${measured.serverCpuMsPerRequest.toFixed(2)} | ${(figures[0]!.serverCpuMsPerRequest / measured.serverCpuMsPerRequest).toFixed(2)} |`,
        );
        process.stderr.write(`${rows.at(-1)}\n`);
      }
      process.stderr.write(`${size} advocates after run ${run + 1}: ${server.memory()}\n`);
    }
    const settled = server.settled();
    if (settled) process.stderr.write(`${size} advocates after a full GC: ${settled}\n`);
    peaks.push(`- ${size.toLocaleString('en')} advocates: peak RSS ${server.peak()}`);
    await server.stop(RESTART && server.dir !== undefined);
    if (RESTART && server.dir !== undefined) {
      // The stopped server saved its read models: this start restores them from the snapshot.
      const restarted = await servedSqlite(size, token, server.dir);
      process.stderr.write(`${size} advocates restarted, caught up: ${restarted.memory()}\n`);
      peaks.push(
        `- ${size.toLocaleString('en')} advocates, restarted from the saved snapshot: peak RSS ${restarted.peak()}`,
      );
      await restarted.stop();
    }
  }
  process.stdout.write(
    [
      `Node ${process.version}, ${STORE} store${STORE === 'sqlite' ? ` (vouch serve from ${SERVE_FROM}, NODE_ENV=${NODE_ENV || 'unset'}${MAX_HEAP === undefined ? '' : `, --max-heap ${MAX_HEAP}`})` : ''}, ${CONNECTIONS} connections, ${INTERLEAVE > 0 ? `${INTERLEAVE} × blocks of ${BLOCK}` : `${SECONDS} s per target`}, loopback.`,
      '',
      '| advocates | operation | req/s | × `__typename` | CPU ms/req | × `__typename` by CPU | p50 ms | p99 ms | errors | load | server CPU ms/req | × by server CPU |',
      '| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
      ...rows,
      '',
      ...peaks,
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
