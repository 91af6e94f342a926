/**
 * Issue 15 (seed22): what the SQLite store's short reads cost per call, against the same
 * SELECT run raw on the store's own connection in the same process — once with a literal
 * LIMIT (planned once: the floor), once with a bare `LIMIT ?` (SQLite re-plans it on every
 * run, as the store's statements did before `LIMIT_PARAMETER`). The reads are the demo seed's
 * hot ones: a stream's tail after its last event (empty) and of its last event, and the
 * shared tail scan's read of the log after the last-but-one position. CPU microseconds per
 * call (`process.cpuUsage`, this process), minimum over rounds, so load weighs less.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/sqlite-bound-limit.bench.ts [--events 20000] [--calls 2000] [--rounds 7]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointOf, positionOf } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { READ_COLUMNS, STREAM_READ_COLUMNS } from '../../packages/event-store-sqlite/src/event-rows';
import { sqliteBenchEnvelope } from './support/sqlite-bench-envelope';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const EVENTS = arg('events', 20_000);
const CALLS = arg('calls', 2_000);
const ROUNDS = arg('rounds', 7);
const STREAMS = 500;
const TENANT = 'demo';

/** CPU µs per call of `read`, the minimum over the rounds. */
async function cpuPerCall(read: (i: number) => unknown): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round += 1) {
    const before = process.cpuUsage();
    for (let i = 0; i < CALLS; i += 1) {
      const answer = read(i);
      if (answer instanceof Promise) await answer;
    }
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / CALLS);
  }
  return best;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'vouch-bound-limit-'));
  const store = SqliteEventStore.open({
    filename: join(directory, 'vouch.db'),
    masterKey: randomBytes(32),
    durability: 'NORMAL',
  });
  try {
    for (let i = 0; i < EVENTS; i += 1) {
      const envelope = sqliteBenchEnvelope(i, TENANT, STREAMS);
      await store.append(TENANT, String(envelope.data.advocateId), [envelope], { expectedVersion: 'any' });
    }
    const stream = 'advocate-7';
    const version = await store.streamVersion(TENANT, stream);
    const last = positionOf(await store.lastCheckpoint(TENANT));
    const db = store.database;
    const tail = (limit: string) =>
      db
        .prepare(
          `SELECT ${STREAM_READ_COLUMNS} FROM events WHERE tenant_id = ? AND stream_id = ? AND version >= ? ORDER BY version ${limit}`,
        )
        .raw(true);
    const log = (limit: string) =>
      db
        .prepare(
          `SELECT ${READ_COLUMNS} FROM events WHERE +tenant_id = ? AND position > ? ORDER BY position ${limit}`,
        )
        .raw(true);
    const [tailLiteral, tailBare, logLiteral, logBare] = [
      tail('LIMIT 500'),
      tail('LIMIT ?'),
      log('LIMIT 500'),
      log('LIMIT ?'),
    ];
    const rows = [
      {
        read: 'stream tail after its last event (empty)',
        store: () => store.readStream(TENANT, stream, { fromVersion: version + 1, limit: 500 }),
        literal: () => tailLiteral.all(TENANT, stream, version + 1),
        bare: () => tailBare.all(TENANT, stream, version + 1, 500),
      },
      {
        read: 'stream tail of its last event',
        store: () => store.readStream(TENANT, stream, { fromVersion: version, limit: 500 }),
        literal: () => tailLiteral.all(TENANT, stream, version),
        bare: () => tailBare.all(TENANT, stream, version, 500),
      },
      {
        read: 'log after the last-but-one position (the tail scan)',
        store: () => store.scanAll(TENANT, { after: checkpointOf(last - 1), limit: 500 }),
        literal: () => logLiteral.all(TENANT, last - 1),
        bare: () => logBare.all(TENANT, last - 1, 500),
      },
    ];
    console.log(
      `${EVENTS} events in ${STREAMS} streams, ${CALLS} calls × ${ROUNDS} rounds, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    console.log('| read | store µs | raw, literal LIMIT µs | raw, bare `LIMIT ?` µs | store ÷ literal |');
    console.log('|---|---:|---:|---:|---:|');
    for (const row of rows) {
      // Alternated, so a change of load hits all three alike.
      const store1 = await cpuPerCall(row.store);
      const literal = await cpuPerCall(row.literal);
      const bare = await cpuPerCall(row.bare);
      const store2 = await cpuPerCall(row.store);
      const ours = Math.min(store1, store2);
      console.log(
        `| ${row.read} | ${ours.toFixed(1)} | ${literal.toFixed(1)} | ${bare.toFixed(1)} | ${(ours / literal).toFixed(2)} × |`,
      );
    }
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
