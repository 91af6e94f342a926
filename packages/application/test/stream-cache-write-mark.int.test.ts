import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { readWholeStream, StreamCache } from '../src';
import { envelopeBuilder } from './support/test-envelope';

// The stream cache skips the tail read while the store's write mark says nobody appended
// to the stream (issue 15, tenth pass). Every case here is a way that could miss an event.
const TENANT = 'acme';
const NOW = '2026-11-30T09:00:00.000Z';
const event = envelopeBuilder(TENANT, NOW);
const noted = (n: number) => event('ProgramNoted', { n });

async function append(store: EventStore, streamId: string, events: EventEnvelope[]): Promise<void> {
  const version = await store.streamVersion(TENANT, streamId);
  await store.append(TENANT, streamId, events, { expectedVersion: version === 0 ? 'no_stream' : version });
}

const ids = (events: readonly RecordedEvent[]) => events.map((e) => `${e.version}:${e.eventId}`);

/** The store with its reads counted, and a hook run right after each read (before it answers). */
function watched(store: EventStore, afterRead?: () => Promise<void>) {
  const reads: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          reads.push(args[1]);
          const page = await target.readStream(...args);
          await afterRead?.();
          return page;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, reads };
}

describe('StreamCache over SQLite write marks', () => {
  let dir: string;
  let filename: string;
  const masterKey = randomBytes(32);
  const stores: SqliteEventStore[] = [];
  const open = () => {
    const store = SqliteEventStore.open({ filename, masterKey, durability: 'NORMAL' });
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vouch-write-mark-'));
    filename = join(dir, 'vouch.db');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a stream again only after an append to it', async () => {
    const ours = open();
    await append(ours, 'request-1', [noted(1)]);
    await append(ours, 'request-2', [noted(2)]);
    const { store, reads } = watched(ours);
    const cache = new StreamCache(store);
    await cache.read(TENANT, 'request-1');
    await cache.read(TENANT, 'request-2');
    expect(reads).toEqual(['request-1', 'request-2']);

    await cache.read(TENANT, 'request-1');
    await append(ours, 'request-2', [noted(3)]);
    await cache.read(TENANT, 'request-1');
    const second = await cache.read(TENANT, 'request-2');

    expect(reads).toEqual(['request-1', 'request-2', 'request-2']);
    expect(ids(second)).toEqual(ids(await readWholeStream(ours, TENANT, 'request-2')));
  });

  it('sees an append by another connection to the same file on the next read', async () => {
    const ours = open();
    const theirs = open();
    await append(ours, 'request-1', [noted(1)]);
    const cache = new StreamCache(ours);
    await cache.read(TENANT, 'request-1');

    await append(theirs, 'request-1', [noted(2)]);

    expect(ids(await cache.read(TENANT, 'request-1'))).toEqual(
      ids(await readWholeStream(ours, TENANT, 'request-1')),
    );
    expect(await cache.read(TENANT, 'request-1')).toHaveLength(2);
  });

  it('sees an append that landed after the mark was taken, while the read was answering (hostile timing)', async () => {
    const ours = open();
    const theirs = open();
    await append(ours, 'request-1', [noted(1)]);
    let once = true;
    // Their append commits after our read's query and before the cache holds what it read:
    // a mark taken after the read would cover it, and the cache would never read it.
    const { store } = watched(ours, async () => {
      if (!once) return;
      once = false;
      await append(theirs, 'request-1', [noted(2)]);
    });
    const cache = new StreamCache(store);
    expect(await cache.read(TENANT, 'request-1')).toHaveLength(1);

    expect(ids(await cache.read(TENANT, 'request-1'))).toEqual(
      ids(await readWholeStream(ours, TENANT, 'request-1')),
    );
    expect(await cache.read(TENANT, 'request-1')).toHaveLength(2);
  });

  it('sees an append by another OS process on the next read', async () => {
    const ours = open();
    await append(ours, 'request-1', [noted(1)]);
    const cache = new StreamCache(ours);
    await cache.read(TENANT, 'request-1');

    const { stdout: theirEventId } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, 'support/append-from-another-process.ts'),
        filename,
        masterKey.toString('hex'),
        TENANT,
        'request-1',
      ],
      { env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.typecheck.json' } },
    );

    const after = await cache.read(TENANT, 'request-1');
    expect(after.map((e) => e.eventId)).toEqual([expect.any(String), theirEventId]);
    expect(ids(after)).toEqual(ids(await readWholeStream(ours, TENANT, 'request-1')));
  }, 60_000);

  it('still shows an erasure at once when the mark says nothing was appended', async () => {
    const ours = open();
    await append(ours, 'advocate-ada', [
      event('AdvocateContactUpdated', {
        advocateId: 'ada',
        contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
      }),
    ]);
    // A store whose mark never moves: only the erasure check can show the erasure.
    const frozen = new Proxy(ours, {
      get(target, property, receiver) {
        if (property === 'writeMark') return () => 'never changes';
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const cache = new StreamCache(frozen);
    expect((await cache.read(TENANT, 'advocate-ada'))[0]!.personalData.status).toBe('present');

    await open().forgetSubject(TENANT, 'ada');

    const after = await cache.read(TENANT, 'advocate-ada');
    expect(after[0]!.personalData).toMatchObject({ status: 'erased', subjectId: 'ada' });
    expect(JSON.stringify(after)).not.toContain('Ada Lovelace');
  });

  it('answers every read as a whole read does, whoever appends in between (property)', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('ours' as const), stream: fc.nat(2) }),
      fc.record({ kind: fc.constant('theirs' as const), stream: fc.nat(2) }),
      fc.record({ kind: fc.constant('read' as const), stream: fc.nat(2) }),
    );
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        runs += 1;
        filename = join(dir, `run-${runs}.db`);
        const ours = open();
        const theirs = open();
        const cache = new StreamCache(ours);
        let n = 0;
        for (const s of steps) {
          const streamId = `request-${s.stream}`;
          if (s.kind === 'read') {
            const whole = await readWholeStream(ours, TENANT, streamId);
            expect(ids(await cache.read(TENANT, streamId))).toEqual(ids(whole));
          } else {
            await append(s.kind === 'ours' ? ours : theirs, streamId, [noted((n += 1))]);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
