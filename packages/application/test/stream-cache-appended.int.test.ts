import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import { readWholeStream, StreamCache } from '../src';
import { withheld } from '../src/commands/withheld-personal-data';
import { appendAtHead, readsCounted, sqliteStoreFiles } from './support/sqlite-store-files';
import { envelopeBuilder } from './support/test-envelope';

// The append hands the events it wrote to the stream cache (issue 15, eleventh pass), so
// the next command on the stream does not read back what its predecessor appended. Every
// case here is a way the handed events could differ from a read, or hide someone's append.
const TENANT = 'acme';
const NOW = '2026-12-01T09:00:00.000Z';
const event = envelopeBuilder(TENANT, NOW);
const noted = (n: number) => event('ProgramNoted', { n, zeta: 'last', alpha: { b: 1, a: [n, 'x'] } });
const contact = (n: number) =>
  event('AdvocateContactUpdated', {
    advocateId: 'ada',
    contact: { name: `Ada ${n}`, email: `ada${n}@example.com` },
  });

/** Every field of the events as the cache holds them, members in order (JSON text). */
const shown = (events: readonly RecordedEvent[]) => JSON.stringify(events.map((e) => withheld(e)));

/** What the command path does: decide over the cached view, append at its version, hand the result back. */
async function command(cache: StreamCache, store: EventStore, streamId: string, events: EventEnvelope[]) {
  const { events: before } = await cache.view(TENANT, streamId);
  const result = await store.append(TENANT, streamId, events, {
    expectedVersion: before.length === 0 ? 'no_stream' : before.length,
  });
  if (result.recorded && result.writeMark !== undefined) {
    cache.appended(TENANT, streamId, before, result.recorded(), result.writeMark);
  }
  return result;
}

describe('StreamCache fed by the append', () => {
  const files = sqliteStoreFiles('vouch-appended-');
  const open = files.open;

  it('builds the appended events exactly as a read returns them, personal values included', async () => {
    const ours = open();
    await appendAtHead(ours, TENANT, 'advocate-ada', [contact(0)]);
    const result = await appendAtHead(ours, TENANT, 'advocate-ada', [noted(1), contact(1), noted(2)]);

    expect(result.writeMark).toBe(ours.writeMark(TENANT, 'advocate-ada'));
    const read = await ours.readStream(TENANT, 'advocate-ada', { fromVersion: 2 });
    expect(JSON.stringify(result.recorded!())).toBe(JSON.stringify(read));
    expect(result.recorded!()).toEqual(read);
    expect(result.recorded!()[1]!.personalData).toEqual({ status: 'present', subjectId: 'ada' });
  });

  it('offers nothing to hand over on a duplicate append', async () => {
    const ours = open();
    const first = noted(1);
    await appendAtHead(ours, TENANT, 'request-1', [first]);
    const again = await ours.append(TENANT, 'request-1', [first], { expectedVersion: 'any' });
    expect(again.duplicate).toBe(true);
    expect(again.recorded).toBeUndefined();
  });

  it('answers the next command from what the append handed over, without reading', async () => {
    const { store, reads } = readsCounted(open());
    const cache = new StreamCache(store);
    await command(cache, store, 'request-1', [noted(1)]);
    await command(cache, store, 'request-1', [noted(2)]);
    await command(cache, store, 'request-1', [noted(3)]);
    const held = await cache.read(TENANT, 'request-1');

    expect(reads).toEqual(['request-1']); // the first, empty stream only
    expect(shown(held)).toBe(shown(await readWholeStream(store, TENANT, 'request-1')));
  });

  it('reads what another connection appended between our commit and the hand-over', async () => {
    const ours = open();
    const theirs = open();
    const cache = new StreamCache(ours);
    await command(cache, ours, 'request-1', [noted(1)]);
    const { events: before } = await cache.view(TENANT, 'request-1');
    const result = await ours.append(TENANT, 'request-1', [noted(2)], { expectedVersion: 1 });
    await appendAtHead(theirs, TENANT, 'request-1', [noted(3)]); // lands before we hand our events over
    cache.appended(TENANT, 'request-1', before, result.recorded!(), result.writeMark!);

    const held = await cache.read(TENANT, 'request-1');
    expect(held.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(shown(held)).toBe(shown(await readWholeStream(ours, TENANT, 'request-1')));
  });

  it('takes nothing when the stream is no longer held as the command saw it', async () => {
    const ours = open();
    const cache = new StreamCache(ours);
    await command(cache, ours, 'request-1', [noted(1)]);
    const { events: before } = await cache.view(TENANT, 'request-1');
    const result = await ours.append(TENANT, 'request-1', [noted(2)], { expectedVersion: 1 });
    cache.forget(TENANT, 'request-1');
    await cache.read(TENANT, 'request-1'); // a fresh read holds a different array now
    const stale = [...before]; // what a command that read earlier still holds
    cache.appended(TENANT, 'request-1', stale, result.recorded!(), result.writeMark!);

    expect((await cache.read(TENANT, 'request-1')).map((e) => e.version)).toEqual([1, 2]);
  });

  it('reads what another OS process appended after our hand-over', async () => {
    const ours = open();
    const cache = new StreamCache(ours);
    await command(cache, ours, 'request-1', [noted(1)]);
    await command(cache, ours, 'request-1', [noted(2)]);

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
    expect(after.map((e) => e.eventId)).toEqual([expect.any(String), expect.any(String), theirEventId]);
    expect(shown(after)).toBe(shown(await readWholeStream(ours, TENANT, 'request-1')));
  }, 60_000);

  it('shows an erasure at once after a hand-over of personal events', async () => {
    const ours = open();
    const cache = new StreamCache(ours);
    await command(cache, ours, 'advocate-ada', [contact(1)]);
    expect((await cache.read(TENANT, 'advocate-ada'))[0]!.personalData.status).toBe('present');

    await open().forgetSubject(TENANT, 'ada');

    const after = await cache.read(TENANT, 'advocate-ada');
    expect(after[0]!.personalData).toMatchObject({ status: 'erased', subjectId: 'ada' });
    expect(JSON.stringify(after)).not.toContain('Ada 1');
  });

  it('answers every read as a whole read does, whoever appends in between (property)', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('ours' as const), stream: fc.nat(2), personal: fc.boolean() }),
      fc.record({ kind: fc.constant('theirs' as const), stream: fc.nat(2), personal: fc.boolean() }),
      fc.record({ kind: fc.constant('read' as const), stream: fc.nat(2), personal: fc.constant(false) }),
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
          const streamId = `advocate-${s.stream}`;
          const events = [s.personal ? contact((n += 1)) : noted((n += 1))];
          if (s.kind === 'read') {
            const whole = await readWholeStream(ours, TENANT, streamId);
            expect(shown(await cache.read(TENANT, streamId))).toBe(shown(whole));
          } else if (s.kind === 'ours') {
            await command(cache, ours, streamId, events);
          } else {
            await appendAtHead(theirs, TENANT, streamId, events);
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
