/**
 * Where the bytes a GraphQL request allocates come from (a script, not a test): the API served in this
 * process over a copy of `bench:api`'s seeded SQLite file, `{ __typename }` and the bench's search sent
 * `--requests` times each (`--concurrency`, default 8, at a time) under V8's sampling heap profiler, counting objects the young and
 * old collections freed too; prints the sampled bytes per request by allocating function, per target.
 *
 *   node --expose-gc -r @swc-node/register test/bench/search-allocations.bench.ts --file <advocates-10000.db>
 *     --key <advocates-10000.key> [--requests 2000] [--top 25] [--promoted 1] [--concurrency 8] [--snapshot <file>]
 *
 * `--promoted 1` counts only what outlived the young generation: objects the old generation's collections freed
 * and those still held at the end (two young collections first) — the bytes per request that fill the old
 * generation and so set how often a full mark-compact of the whole heap runs.
 *
 * `--snapshot <file>` first sends `--requests` `{ __typename }` one at a time after the warm-up and writes a heap
 * snapshot of what they leave reachable (which finished request, if any, something still holds), and stops there.
 */
import 'reflect-metadata';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createVouch } from '@vouch/application';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { SignJWT } from 'jose';
import pino from 'pino';
import { createApiServer } from '../../apps/api/src';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const REQUESTS = Number(args.get('requests') ?? 2000);
const CONCURRENCY = Number(args.get('concurrency') ?? 8);
const TOP = Number(args.get('top') ?? 25);
const PROMOTED = args.get('promoted') === '1';
const SNAPSHOT = args.get('snapshot');
const SECRET = 'search-allocations-bench-secret-0123456789';
const SEARCH =
  'query($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { cursor node { advocateId view company seniority products } } pageInfo { hasNextPage endCursor } } }';

interface SamplingNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: SamplingNode[];
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))),
  );
}

/** A young-generation collection (node --expose-gc). */
function minorGc(): void {
  const gc = (globalThis as { gc?: (options: { type: 'minor'; execution: 'sync' }) => void }).gc;
  if (!gc) throw new Error('run node with --expose-gc');
  gc({ type: 'minor', execution: 'sync' });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-alloc-'));
  copyFileSync(args.get('file')!, join(dir, 'vouch.db'));
  const masterKey = Buffer.from(readFileSync(args.get('key')!, 'utf8').trim(), 'hex');
  const store = SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey });
  const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
  // The read models catch up before the server answers (as `vouch serve` starts them).
  await vouch.queries.searchAdvocates(
    { tenantId: 'bench', userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] },
    {},
    { first: 1 },
  );
  const server = await createApiServer({
    vouch,
    auth: { hs256Secret: SECRET },
    environment: 'production',
    logger: pino({ level: 'silent' }),
    limits: { rateLimitPerWindow: 1e9 },
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  const token = await new SignJWT({ sub: 'pat-pm', tenant: 'bench', roles: ['PROGRAM_MANAGER'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  const send = async (query: string, variables: object) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
  };
  const targets: [string, string, object][] = [
    ['{ __typename }', '{ __typename }', {}],
    ['searchAdvocates', SEARCH, { f: { industries: ['Manufacturing'] } }],
  ];
  // Caught up and warm before sampling.
  for (let i = 0; i < 300; i++) for (const [, query, variables] of targets) await send(query, variables);
  if (SNAPSHOT) {
    // What a finished request leaves reachable: `--requests` of `{ __typename }` one at a time, then a heap
    // snapshot (V8 collects unreachable objects first), before any pause lets timers run.
    for (let i = 0; i < REQUESTS; i++) await send('{ __typename }', {});
    process.stdout.write(`heap snapshot: ${writeHeapSnapshot(SNAPSHOT)}\n`);
  }
  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  // With --snapshot only the snapshot: writing it takes longer than the server's keep-alive, so the client's
  // next request would race the closing connection.
  for (const [label, query, variables] of SNAPSHOT ? [] : targets) {
    (globalThis as { gc?: () => void }).gc?.();
    await post(session, 'HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: !PROMOTED,
    });
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < REQUESTS) await send(query, variables);
      }),
    );
    // What is still young and unreachable is not counted as promoted: two young collections age it out.
    if (PROMOTED) for (let i = 0; i < 2; i++) minorGc();
    const { profile } = await post<{ profile: { head: SamplingNode } }>(session, 'HeapProfiler.stopSampling');
    const bySite = new Map<string, number>();
    let total = 0;
    const walk = (node: SamplingNode) => {
      const { functionName, url: file, lineNumber } = node.callFrame;
      const site = `${functionName || '(anonymous)'} ${file.replace(/^.*\/(node_modules|packages|apps)\//, '$1/')}:${lineNumber + 1}`;
      bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      total += node.selfSize;
      for (const child of node.children) walk(child);
    };
    walk(profile.head);
    process.stdout.write(
      `\n${label}: ${(total / REQUESTS / 1024).toFixed(1)} KB sampled per request${PROMOTED ? ', promoted or held only' : ''} (server and client in this process)\n`,
    );
    for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, TOP))
      process.stdout.write(`${(bytes / REQUESTS / 1024).toFixed(2).padStart(8)} KB  ${site}\n`);
  }
  session.disconnect();
  await server.stop();
  await vouch.stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
