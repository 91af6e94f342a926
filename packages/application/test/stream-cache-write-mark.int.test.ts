import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { RecordedEvent } from '@vouch/event-store';
import { readWholeStream, StreamCache } from '../src';
import { appendAtHead, readsCounted, sqliteStoreFiles } from './support/sqlite-store-files';
import { envelopeBuilder } from './support/test-envelope';

// The stream cache skips the tail read while the store's write mark says nobody appended
// to the stream (issue 15, tenth pass). Every case here is a way that could miss an event.
const TENANT = 'acme';
const NOW = '2026-11-30T09:00:00.000Z';
const event = envelopeBuilder(TENANT, NOW);
const noted = (n: number) => event('ProgramNoted', { n });

const ids = (events: readonly RecordedEvent[]) => events.map((e) => `${e.version}:${e.eventId}`);

describe('StreamCache over SQLite write marks', () => {
  const files = sqliteStoreFiles('vouch-write-mark-');
  const open = files.open;

  it('reads a stream again only after an append to it', async () => {
    const ours = open();
    await appendAtHead(ours, TENANT, 'request-1', [noted(1)]);
    await appendAtHead(ours, TENANT, 'request-2', [noted(2)]);
    const { store, reads } = readsCounted(ours);
    const cache = new StreamCache(store);
    await cache.read(TENANT, 'request-1');
    await cache.read(TENANT, 'request-2');
    expect(reads).toEqual(['request-1', 'request-2']);

    await cache.read(TENANT, 'request-1');
    await appendAtHead(ours, TENANT, 'request-2', [noted(3)]);
    await cache.read(TENANT, 'request-1');
    const second = await cache.read(TENANT, 'request-2');

    expect(reads).toEqual(['request-1', 'request-2', 'request-2']);
    expect(ids(second)).toEqual(ids(await readWholeStream(ours, TENANT, 'request-2')));
  });

  it('sees an append by another connection to the same file on the next read', async () => {
    const ours = open();
    const theirs = open();
    await appendAtHead(ours, TENANT, 'request-1', [noted(1)]);
    const cache = new StreamCache(ours);
    await cache.read(TENANT, 'request-1');

    await appendAtHead(theirs, TENANT, 'request-1', [noted(2)]);

    expect(ids(await cache.read(TENANT, 'request-1'))).toEqual(
      ids(await readWholeStream(ours, TENANT, 'request-1')),
    );
    expect(await cache.read(TENANT, 'request-1')).toHaveLength(2);
  });

  it('sees an append that landed after the mark was taken, while the read was answering (hostile timing)', async () => {
    const ours = open();
    const theirs = open();
    await appendAtHead(ours, TENANT, 'request-1', [noted(1)]);
    let once = true;
    // Their append commits after our read's query and before the cache holds what it read:
    // a mark taken after the read would cover it, and the cache would never read it.
    const { store } = readsCounted(ours, async () => {
      if (!once) return;
      once = false;
      await appendAtHead(theirs, TENANT, 'request-1', [noted(2)]);
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
    await appendAtHead(ours, TENANT, 'request-1', [noted(1)]);
    const cache = new StreamCache(ours);
    await cache.read(TENANT, 'request-1');

    const { stdout: theirEventId } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, 'support/append-from-another-process.ts'),
        files.filename,
        files.masterKey.toString('hex'),
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
    await appendAtHead(ours, TENANT, 'advocate-ada', [
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
        files.filename = join(files.dir, `run-${runs}.db`);
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
            await appendAtHead(s.kind === 'ours' ? ours : theirs, TENANT, streamId, [noted((n += 1))]);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
