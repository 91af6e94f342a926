/**
 * Can a two-stage rebuild pay on two cores? A worker thread reads the log (SQL, JSON, key
 * unwraps, AES-GCM, upcasting: `readAll` in pages) and hands each page to the main thread,
 * which folds it into a fresh `TenantReadModels` while the worker reads the next. Compared in
 * one process, modes alternated per round, against the same fold reading on the main thread:
 *   - serial: main thread reads pages (`readAll`) and folds them;
 *   - subscribe: the same through `store.subscribe` from the start — what a runner's catch-up does;
 *   - read / subscribe-read: the two reads without the fold;
 *   - clone:  the worker posts the page's events (structured clone, deserialised on the main thread);
 *   - json:   the worker posts the page as one JSON text, the main thread parses it;
 *   - clone-only / json-only: the same hand-over without the fold (what receiving alone costs).
 * Figures: wall ms, main-thread CPU ms (/proc/self/task/<pid>/stat, 10 ms ticks) and the whole
 * process's CPU ms (every thread: the worker and GC helpers too). The end-of-catch-up index,
 * the seal and the save are left out: they are the same in every mode.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node --expose-gc -r @swc-node/register \
 *     test/bench/rebuild-pipeline.bench.ts --file <copy of the 50k file> [--rounds 3] [--page 1000]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { START, type RecordedEvent } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { TenantReadModels } from '@vouch/projections';
import { TENANT } from '../../packages/projections/test/support/story-world';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const FILE = args.get('file') ?? '/tmp/vouch-projections-5000-1500.db';
const ROUNDS = Number(args.get('rounds') ?? 3);
const PAGE = Number(args.get('page') ?? 1000);
const MODES = (
  args.get('modes') ?? 'serial,subscribe,read,subscribe-read,clone,json,clone-only,json-only'
).split(',');
const MASTER_KEY = Buffer.alloc(32, 7); // the key projections.bench.ts writes its file with

/** CPU ms of this process's main thread (its task id is the pid), from /proc: ticks of 10 ms. */
function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const processCpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

async function serial(fold: boolean): Promise<number> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const models = new TenantReadModels();
  let count = 0;
  for (let after = START; ;) {
    const page = await store.readAll(TENANT, { after, limit: PAGE });
    if (fold) for (const event of page) models.apply(event);
    count += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.checkpoint;
  }
  await store.close();
  return count;
}

/** Today's catch-up read of a runner: a subscription from the start, its handler folding (or not). */
async function subscribed(fold: boolean): Promise<number> {
  const store = SqliteEventStore.open({ filename: FILE, masterKey: MASTER_KEY, durability: 'NORMAL' });
  const models = new TenantReadModels();
  let count = 0;
  const subscription = store.subscribe(TENANT, {
    batchSize: PAGE,
    handler: (event) => {
      if (fold) models.apply(event);
      count += 1;
    },
  });
  await subscription.caughtUp;
  await subscription.stop();
  await store.close();
  return count;
}

/**
 * A worker started and its modules loaded (compiled from source here: seconds of CPU that a
 * build from `dist` does not pay), waiting for the go: the timed part starts with the go.
 */
function readerWorker(as: 'clone' | 'json'): Promise<Worker> {
  const worker = new Worker(join(__dirname, 'support/rebuild-pipeline-reader.ts'), {
    execArgv: ['-r', '@swc-node/register'],
    workerData: { file: FILE, masterKey: MASTER_KEY, tenant: TENANT, page: PAGE, as },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

function piped(worker: Worker, fold: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const models = new TenantReadModels();
    let count = 0;
    worker.postMessage('go');
    worker.on('message', (message: RecordedEvent[] | string | { done: true }) => {
      if (!Array.isArray(message) && typeof message !== 'string') {
        void worker.terminate().then(() => resolve(count));
        return;
      }
      const page = typeof message === 'string' ? (JSON.parse(message) as RecordedEvent[]) : message;
      if (fold) for (const event of page) models.apply(event);
      count += page.length;
    });
    worker.on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const figures = new Map(
    MODES.map((m) => [m, { wall: [] as number[], main: [] as number[], all: [] as number[] }]),
  );
  console.log(
    `node ${process.version}; ${FILE}; pages of ${PAGE}; ${ROUNDS} rounds; modes ${MODES.join(', ')}`,
  );
  for (let round = 1; round <= ROUNDS; round++) {
    for (const mode of round % 2 === 1 ? MODES : [...MODES].reverse()) {
      const handOver = mode.startsWith('json') ? 'json' : mode.startsWith('clone') ? 'clone' : undefined;
      const worker = handOver ? await readerWorker(handOver) : undefined;
      global.gc?.();
      const wall = performance.now();
      const main = mainThreadCpuMs();
      const all = processCpuMs();
      let events: number;
      if (mode === 'serial') events = await serial(true);
      else if (mode === 'read') events = await serial(false);
      else if (mode === 'subscribe') events = await subscribed(true);
      else if (mode === 'subscribe-read') events = await subscribed(false);
      else events = await piped(worker!, !mode.endsWith('-only'));
      const f = figures.get(mode)!;
      f.wall.push(performance.now() - wall);
      f.main.push(mainThreadCpuMs() - main);
      f.all.push(processCpuMs() - all);
      console.log(
        `round ${round} ${mode.padEnd(10)} (load ${loadavg()[0]!.toFixed(1)}): ${events} events, wall ${f.wall.at(-1)!.toFixed(0)} ms, main thread ${f.main.at(-1)} ms CPU, process ${f.all.at(-1)!.toFixed(0)} ms CPU`,
      );
    }
  }
  console.log(
    `| mode (median of ${ROUNDS}, load ${loadavg()[0]!.toFixed(1)}) | wall ms | main-thread CPU ms | process CPU ms |`,
  );
  for (const [mode, f] of figures) {
    console.log(
      `| ${mode} | ${median(f.wall).toFixed(0)} | ${median(f.main)} | ${median(f.all).toFixed(0)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
