/**
 * Where the bytes an SQLite append allocates come from (a script, not a test): `bench:sqlite`'s
 * single-event appends, 64 in flight (`--concurrency`), synchronous=OFF, under V8's sampling heap
 * profiler counting the objects the young and old collections freed too; prints the sampled bytes per
 * append in all and by allocating function (a function inlined into another is counted there). Bytes
 * allocated are what the collections work through: unlike CPU time, they do not move with the load.
 *
 *   node -r @swc-node/register test/bench/sqlite-append-allocations.bench.ts [--appends 20000]
 *     [--concurrency 64] [--top 20]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@vouch/domain';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { sqliteBenchEnvelope } from './support/sqlite-bench-envelope';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const APPENDS = Number(args.get('appends') ?? 20_000);
const CONCURRENCY = Number(args.get('concurrency') ?? 64);
const TOP = Number(args.get('top') ?? 20);
const STREAMS = 128;
const tenant = 'bench';
const directory = mkdtempSync(join(tmpdir(), 'vouch-append-allocations-'));
let files = 0;

const envelope = (i: number): EventEnvelope => sqliteBenchEnvelope(i, tenant, STREAMS);

/** A store with `count` envelopes ready, and the appends to run (each worker on its own streams). */
function prepared(count: number): { store: SqliteEventStore; appendAll: () => Promise<unknown> } {
  const store = SqliteEventStore.open({
    filename: join(directory, `${++files}.db`),
    masterKey: randomBytes(32),
  });
  store.database.pragma('synchronous = OFF');
  const events = Array.from({ length: count }, (_, i) => envelope(i));
  const versions = new Map<string, number>();
  let next = 0;
  async function worker(w: number): Promise<void> {
    for (let i = next++; i < count; i = next++) {
      const streamId = `advocate-${w}-${i % STREAMS}`;
      const result = await store.append(tenant, streamId, [events[i]!], {
        expectedVersion: versions.get(streamId) ?? 0,
      });
      versions.set(streamId, result.nextExpectedVersion);
    }
  }
  return { store, appendAll: () => Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w))) };
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

async function main(): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  const warm = prepared(3_000); // compiled and optimised before the measured appends
  await warm.appendAll();
  await warm.store.close();
  const { store, appendAll } = prepared(APPENDS);
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await appendAll();
  const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: { head: ProfileNode } };
  await store.close();
  const bytes = new Map<string, number>();
  let total = 0;
  const visit = (node: ProfileNode): void => {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    total += node.selfSize;
    if (node.selfSize > 0) bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    node.children.forEach(visit);
  };
  visit(profile.head);
  process.stdout.write(
    `${APPENDS} appends, ${CONCURRENCY} in flight: ${Math.round(total / APPENDS)} bytes an append\n`,
  );
  for (const [name, size] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    process.stdout.write(`${String(Math.round(size / APPENDS)).padStart(7)}  ${name}\n`);
  }
  rmSync(directory, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(directory, { recursive: true, force: true });
  process.exit(1);
});
