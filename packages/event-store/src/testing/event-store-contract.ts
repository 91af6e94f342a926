import { generateKeyPairSync } from 'node:crypto';
import type { EventEnvelope } from '@vouch/domain';
import type { Checkpoint } from '../checkpoint';
import { appendPositionsOf } from '../append/append-result';
import { START } from '../checkpoint';
import type { Clock } from '../clock';
import { ConcurrencyError } from '../errors/concurrency-error';
import { IdempotencyConflictError } from '../errors/idempotency-conflict-error';
import { InvalidAppendError } from '../errors/invalid-append-error';
import { SubjectErasedError } from '../errors/subject-erased-error';
import { TenantViolationError } from '../errors/tenant-violation-error';
import type { EventStore, ReadStreamOptions } from '../event-store';
import type { ExpectedVersion } from '../expected-version';
import { signTenantDigest, verifySignedTenantDigest } from '../integrity/tenant-digest';
import { isErasedPersonalData } from '../personal-data/erased-personal-data';
import type { PersonalDataLookup } from '../personal-data/personal-data-lookup';
import type { RecordedEvent } from '../recorded-event';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';
import {
  contactRecorded,
  contractEvent,
  contractPersonalData,
  contractUpcasters,
  uniqueId,
} from './contract-events';
import { ManualClock } from './manual-clock';
import { replayedFields } from './replayed-fields';

/** What the contract suite configures every store under test with. */
export interface ContractStoreOptions {
  readonly clock: Clock;
  readonly personalData: PersonalDataLookup;
  readonly upcasters: UpcasterRegistry;
}

/** Opens a fresh, empty store; the suite closes it after each test. */
export type ContractStoreFactory = (options: ContractStoreOptions) => Promise<EventStore>;

/**
 * The behaviour every EventStore adapter must show, as a jest suite: call it from an
 * adapter's test file with a factory that opens a fresh, empty store.
 */
export function runEventStoreContract(name: string, factory: ContractStoreFactory): void {
  describe(`${name}: EventStore contract`, () => {
    let store: EventStore;
    let clock: ManualClock;
    const tenant = 'tenant-a';
    const otherTenant = 'tenant-b';

    beforeEach(async () => {
      clock = new ManualClock('2026-01-01T00:00:00.000Z');
      store = await factory({
        clock: clock.now,
        personalData: contractPersonalData,
        upcasters: new UpcasterRegistry(contractUpcasters),
      });
    });

    afterEach(async () => {
      await store.close();
    });

    const note = (n: number, tenantId = tenant): EventEnvelope => contractEvent(tenantId, 'Noted', { n });

    async function appendNotes(streamId: string, count: number, tenantId = tenant): Promise<void> {
      for (let i = 0; i < count; i++) {
        await store.append(tenantId, streamId, [note(i, tenantId)], { expectedVersion: 'any' });
      }
    }

    async function rejection(promise: Promise<unknown>): Promise<unknown> {
      try {
        await promise;
      } catch (error) {
        return error;
      }
      throw new Error('expected the call to fail, but it succeeded');
    }

    describe('append and read', () => {
      it('numbers versions from 1, stamps recordedAt from the clock and reads events back unchanged', async () => {
        const stream = uniqueId('stream');
        const first = [note(1), note(2)];
        const result = await store.append(tenant, stream, first, { expectedVersion: 'no_stream' });
        expect(result.nextExpectedVersion).toBe(2);
        expect(result.duplicate).toBe(false);
        expect(result.events.map((e) => e.version)).toEqual([1, 2]);
        expect(result.checkpoint).toBe(result.events[1]!.checkpoint);

        clock.advance(60_000);
        await store.append(tenant, stream, [note(3)], { expectedVersion: 2 });

        const events = await store.readStream(tenant, stream);
        expect(events.map((e) => [e.version, e.data.n])).toEqual([
          [1, 1],
          [2, 2],
          [3, 3],
        ]);
        expect(events.map((e) => e.recordedAt)).toEqual([
          '2026-01-01T00:00:00.000Z',
          '2026-01-01T00:00:00.000Z',
          '2026-01-01T00:01:00.000Z',
        ]);
        expect(events[0]).toMatchObject({
          eventId: first[0]!.eventId,
          type: 'Noted',
          schemaVersion: 1,
          streamId: stream,
          metadata: first[0]!.metadata,
          personalData: { status: 'none' },
        });
        expect(events[0]!.checkpoint < events[1]!.checkpoint).toBe(true);
      });

      it('returns copies: changing what was read or appended does not change what is stored', async () => {
        const stream = uniqueId('stream');
        const event = contractEvent(tenant, 'Noted', { list: [1, 2], nested: { a: 1 } });
        await store.append(tenant, stream, [event], { expectedVersion: 'no_stream' });
        (event.data as { nested: { a: number } }).nested.a = 99;
        const [read] = await store.readStream(tenant, stream);
        try {
          (read!.data as { list: number[] }).list.push(3);
        } catch {
          // frozen objects are fine too
        }
        const [again] = await store.readStream(tenant, stream);
        expect(again!.data).toEqual({ list: [1, 2], nested: { a: 1 } });
      });

      it('reads forwards and backwards from a version with a limit', async () => {
        const stream = uniqueId('stream');
        await appendNotes(stream, 6);
        const versions = (events: RecordedEvent[]) => events.map((e) => e.version);
        expect(versions(await store.readStream(tenant, stream, { fromVersion: 3 }))).toEqual([3, 4, 5, 6]);
        expect(versions(await store.readStream(tenant, stream, { fromVersion: 2, limit: 2 }))).toEqual([
          2, 3,
        ]);
        expect(versions(await store.readStream(tenant, stream, { direction: 'backwards' }))).toEqual([
          6, 5, 4, 3, 2, 1,
        ]);
        expect(
          versions(
            await store.readStream(tenant, stream, { direction: 'backwards', fromVersion: 4, limit: 2 }),
          ),
        ).toEqual([4, 3]);
        expect(
          versions(await store.readStream(tenant, stream, { direction: 'backwards', limit: 1 })),
        ).toEqual([6]);
        expect(await store.readStream(tenant, stream, { fromVersion: 7 })).toEqual([]);
        expect(await store.readStream(tenant, uniqueId('missing'))).toEqual([]);
      });

      it('reads a stream for a replay as readStream reads it: instants, data decrypted, erased and upcast', async () => {
        const stream = uniqueId('advocate');
        const late = {
          ...note(1),
          metadata: { ...note(1).metadata, effectiveAt: '2020-02-29T12:00:00.000Z' },
        };
        await store.append(
          tenant,
          stream,
          [
            contactRecorded(tenant, 'adv-replay', 'Ada Lovelace', 'ada@example.com'),
            late,
            contractEvent(tenant, 'Renamed', { name: 'old' }, { schemaVersion: 1 }),
            note(2),
          ],
          { expectedVersion: 'no_stream' },
        );
        const replayRead = (options?: ReadStreamOptions) =>
          store.readStreamForReplay
            ? store.readStreamForReplay(tenant, stream, options)
            : store.readStream(tenant, stream, options);
        for (const options of [
          undefined,
          { fromVersion: 2, limit: 2 },
          { direction: 'backwards' as const },
        ]) {
          expect(replayedFields(await replayRead(options))).toEqual(
            replayedFields(await store.readStream(tenant, stream, options)),
          );
        }
        const [contact, noted, renamed] = await replayRead();
        expect(contact!.data).toMatchObject({ profile: { name: 'Ada Lovelace' } });
        expect(noted!.metadata.effectiveAt).toBe('2020-02-29T12:00:00.000Z');
        expect(renamed!.data).toEqual({ fullName: 'old', source: 'upcast' });
        await store.forgetSubject(tenant, 'adv-replay');
        const [erased] = await replayRead();
        expect(JSON.stringify(erased!.data)).not.toContain('Ada');
        expect(replayedFields(await replayRead())).toEqual(
          replayedFields(await store.readStream(tenant, stream)),
        );
      });

      it('reads the tenant log in global order after a checkpoint, filtered by type, with a limit', async () => {
        const a = uniqueId('a');
        const b = uniqueId('b');
        await store.append(tenant, a, [note(1)], { expectedVersion: 'any' });
        await store.append(tenant, b, [contractEvent(tenant, 'Other', { n: 2 })], { expectedVersion: 'any' });
        await store.append(tenant, a, [note(3), contractEvent(tenant, 'Other', { n: 4 })], {
          expectedVersion: 'any',
        });
        await store.append(tenant, b, [note(5)], { expectedVersion: 'any' });

        const all = await store.readAll(tenant);
        expect(all.map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
        expect(all.map((e) => e.streamId)).toEqual([a, b, a, a, b]);
        const checkpoints = all.map((e) => e.checkpoint);
        expect([...checkpoints].sort()).toEqual(checkpoints);
        expect(new Set(checkpoints).size).toBe(5);

        expect((await store.readAll(tenant, { after: all[1]!.checkpoint })).map((e) => e.data.n)).toEqual([
          3, 4, 5,
        ]);
        expect((await store.readAll(tenant, { types: ['Other'] })).map((e) => e.data.n)).toEqual([2, 4]);
        expect(
          (await store.readAll(tenant, { after: all[0]!.checkpoint, limit: 2 })).map((e) => e.data.n),
        ).toEqual([2, 3]);
        expect(await store.readAll(tenant, { after: all[4]!.checkpoint })).toEqual([]);
        expect((await store.readAll(tenant, { after: START })).length).toBe(5);
      });

      it('scans a window of the log for some types and says how far it looked', async () => {
        const stream = uniqueId('s');
        const other = (n: number): EventEnvelope => contractEvent(tenant, 'Other', { n });
        await store.append(tenant, stream, [note(0), other(1), other(2), note(3), other(4)], {
          expectedVersion: 'any',
        });
        await appendNotes(uniqueId('s'), 3, otherTenant);
        const all = await store.readAll(tenant);
        const scan = (after: Checkpoint) => store.scanAll(tenant, { after, types: ['Noted'], limit: 2 });

        const first = await scan(START);
        expect(first.events.map((e) => e.data.n)).toEqual([0]);
        expect(first.scannedTo).toBe(all[1]!.checkpoint);
        expect(first.reachedEnd).toBe(false);
        const second = await scan(first.scannedTo);
        expect(second.events.map((e) => e.data.n)).toEqual([3]);
        expect(second.events[0]!.checkpoint).toBe(all[3]!.checkpoint);
        expect(second.scannedTo).toBe(all[3]!.checkpoint);
        const last = await scan(second.scannedTo);
        expect(last.events).toEqual([]);
        expect(last.scannedTo).toBe(all[4]!.checkpoint);
        expect(last.reachedEnd).toBe(true);
        // At the end the edge stays where it was; the other tenant's events are never counted.
        expect(await scan(last.scannedTo)).toEqual({
          events: [],
          scannedTo: all[4]!.checkpoint,
          reachedEnd: true,
        });
        const unfiltered = await store.scanAll(tenant, { limit: 10 });
        expect(unfiltered.events.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
        expect(unfiltered).toMatchObject({ scannedTo: all[4]!.checkpoint, reachedEnd: true });
        expect(await store.scanAll(otherTenant, { after: START, types: ['Other'] })).toMatchObject({
          events: [],
          reachedEnd: true,
        });
      });

      it('tells whether a stream exists and its version', async () => {
        const stream = uniqueId('stream');
        expect(await store.streamExists(tenant, stream)).toBe(false);
        expect(await store.streamVersion(tenant, stream)).toBe(0);
        await appendNotes(stream, 2);
        expect(await store.streamExists(tenant, stream)).toBe(true);
        expect(await store.streamVersion(tenant, stream)).toBe(2);
      });

      it('refuses malformed appends with a typed error and writes nothing', async () => {
        const stream = uniqueId('stream');
        const bad: [string, () => Promise<unknown>][] = [
          ['no events', () => store.append(tenant, stream, [], { expectedVersion: 'any' })],
          ['empty stream id', () => store.append(tenant, '', [note(1)], { expectedVersion: 'any' })],
          ['empty tenant id', () => store.append('', stream, [note(1)], { expectedVersion: 'any' })],
          ['bad expected version', () => store.append(tenant, stream, [note(1)], { expectedVersion: -1 })],
          [
            'bad expected state',
            () =>
              store.append(tenant, stream, [note(1)], {
                expectedVersion: 'later' as unknown as ExpectedVersion,
              }),
          ],
          [
            'same id twice',
            () => {
              const event = note(1);
              return store.append(tenant, stream, [event, event], { expectedVersion: 'any' });
            },
          ],
          [
            'data that is not JSON',
            () =>
              store.append(tenant, stream, [note(1), contractEvent(tenant, 'Noted', { n: NaN })], {
                expectedVersion: 'any',
              }),
          ],
          [
            'a Date instead of an ISO string',
            () =>
              store.append(tenant, stream, [contractEvent(tenant, 'Noted', { at: new Date() })], {
                expectedVersion: 'any',
              }),
          ],
          [
            'schema version 0',
            () =>
              store.append(tenant, stream, [{ ...note(1), schemaVersion: 0 }], { expectedVersion: 'any' }),
          ],
        ];
        for (const [, attempt] of bad) {
          expect(await rejection(attempt())).toBeInstanceOf(InvalidAppendError);
        }
        expect(await store.streamExists(tenant, stream)).toBe(false);
        expect(await store.readAll(tenant)).toEqual([]);
      });

      it('appends all events of one call or none', async () => {
        const stream = uniqueId('stream');
        await store.append(tenant, stream, [note(1)], { expectedVersion: 'no_stream' });
        const error = await rejection(
          store.append(tenant, stream, [note(2), note(3)], { expectedVersion: 0 }),
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(tenant, stream)).map((e) => e.data.n)).toEqual([1]);
      });
    });

    describe('expected versions', () => {
      const cases: [ExpectedVersion, 'missing' | 'at 2', 'ok' | number][] = [
        ['any', 'missing', 'ok'],
        ['any', 'at 2', 'ok'],
        ['no_stream', 'missing', 'ok'],
        ['no_stream', 'at 2', 2],
        ['stream_exists', 'missing', 0],
        ['stream_exists', 'at 2', 'ok'],
        [0, 'missing', 'ok'],
        [0, 'at 2', 2],
        [2, 'at 2', 'ok'],
        [1, 'at 2', 2],
        [3, 'at 2', 2],
        [2, 'missing', 0],
      ];
      it.each(cases)('expected %p on a stream that is %s → %p', async (expected, state, outcome) => {
        const stream = uniqueId('stream');
        if (state === 'at 2') await appendNotes(stream, 2);
        const attempt = store.append(tenant, stream, [note(9)], { expectedVersion: expected });
        if (outcome === 'ok') {
          const result = await attempt;
          expect(result.nextExpectedVersion).toBe(state === 'at 2' ? 3 : 1);
        } else {
          const error = await rejection(attempt);
          expect(error).toBeInstanceOf(ConcurrencyError);
          expect(error).toMatchObject({
            expected,
            actual: outcome,
            streamId: stream,
            code: 'WRONG_EXPECTED_VERSION',
          });
          expect(await store.streamVersion(tenant, stream)).toBe(state === 'at 2' ? 2 : 0);
        }
      });
    });

    describe('idempotency', () => {
      it('returns the first result for a retried append and writes nothing, even with a stale expected version', async () => {
        const stream = uniqueId('stream');
        const events = [note(1), note(2)];
        const first = await store.append(tenant, stream, events, { expectedVersion: 'no_stream' });
        const retry = await store.append(tenant, stream, events, { expectedVersion: 'no_stream' });
        expect(retry).toEqual({ ...appendPositionsOf(first), duplicate: true });
        await store.append(tenant, stream, [note(3)], { expectedVersion: 2 });
        const late = await store.append(tenant, stream, events, { expectedVersion: 0 });
        // The first result whole: its version and checkpoint, not the stream's head now (invariant 8).
        expect(late).toEqual({ ...appendPositionsOf(first), duplicate: true });
        expect((await store.readAll(tenant)).length).toBe(3);
      });

      it('refuses the same event id with different content', async () => {
        const stream = uniqueId('stream');
        const event = note(1);
        await store.append(tenant, stream, [event], { expectedVersion: 'any' });
        const error = await rejection(
          store.append(tenant, stream, [{ ...event, data: { n: 2 } }], { expectedVersion: 'any' }),
        );
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect(error).toMatchObject({ reason: 'different_content', eventId: event.eventId });
        expect((await store.readStream(tenant, stream)).map((e) => e.data.n)).toEqual([1]);
      });

      it('refuses an event id already used in another stream, and a partial retry', async () => {
        const stream = uniqueId('stream');
        const [one, two] = [note(1), note(2)];
        await store.append(tenant, stream, [one!, two!], { expectedVersion: 'any' });
        expect(
          await rejection(store.append(tenant, uniqueId('other'), [one!], { expectedVersion: 'any' })),
        ).toMatchObject({
          reason: 'different_stream',
        });
        expect(
          await rejection(store.append(tenant, stream, [one!, note(3)], { expectedVersion: 'any' })),
        ).toMatchObject({
          reason: 'partial_retry',
        });
        expect(
          await rejection(store.append(tenant, stream, [two!, one!], { expectedVersion: 'any' })),
        ).toBeInstanceOf(IdempotencyConflictError);
        expect((await store.readAll(tenant)).length).toBe(2);
      });

      it('recognises the retry of an event with encrypted personal data', async () => {
        const stream = uniqueId('advocate');
        const event = contactRecorded(tenant, 'adv-1', 'Ada Lovelace', 'ada@example.com');
        const first = await store.append(tenant, stream, [event], { expectedVersion: 'no_stream' });
        const retry = await store.append(tenant, stream, [event], { expectedVersion: 'no_stream' });
        expect(retry.duplicate).toBe(true);
        expect(retry.events).toEqual(first.events);
        const changed = {
          ...event,
          data: { ...event.data, profile: { name: 'Ada King', email: 'ada@example.com' } },
        };
        expect(
          await rejection(store.append(tenant, stream, [changed], { expectedVersion: 'any' })),
        ).toMatchObject({
          reason: 'different_content',
        });
      });
    });

    describe('tenant isolation', () => {
      it('keeps streams of the same id in different tenants apart', async () => {
        const stream = uniqueId('stream');
        await appendNotes(stream, 2, tenant);
        await store.append(otherTenant, stream, [note(7, otherTenant)], { expectedVersion: 'no_stream' });
        expect((await store.readStream(tenant, stream)).length).toBe(2);
        expect((await store.readStream(otherTenant, stream)).map((e) => e.data.n)).toEqual([7]);
        expect((await store.readAll(otherTenant)).map((e) => e.metadata.tenantId)).toEqual([otherTenant]);
      });

      it('refuses an event whose metadata names another tenant, and writes nothing', async () => {
        const stream = uniqueId('stream');
        const error = await rejection(
          store.append(tenant, stream, [note(1), note(2, otherTenant)], { expectedVersion: 'any' }),
        );
        expect(error).toBeInstanceOf(TenantViolationError);
        expect(await store.readAll(tenant)).toEqual([]);
        expect(await store.readAll(otherTenant)).toEqual([]);
      });

      it('cannot reach another tenant through what a stream id contains', async () => {
        const victim = 'advocate-1';
        await store.append(otherTenant, victim, [note(1, otherTenant)], { expectedVersion: 'no_stream' });
        const tricks = [
          `${otherTenant}/${victim}`,
          `${otherTenant}:${victim}`,
          JSON.stringify([otherTenant, victim]),
          `${otherTenant}","${victim}`,
          `${otherTenant}\u0000${victim}`,
          `../${otherTenant}/${victim}`,
        ];
        for (const trick of tricks) {
          expect(await store.readStream(tenant, trick)).toEqual([]);
          expect(await store.streamExists(tenant, trick)).toBe(false);
          await store.append(tenant, trick, [note(2)], { expectedVersion: 'no_stream' });
        }
        expect((await store.readStream(otherTenant, victim)).map((e) => e.data.n)).toEqual([1]);
        expect(await store.streamVersion(otherTenant, victim)).toBe(1);
        expect((await store.readAll(otherTenant)).length).toBe(1);
        expect((await store.readAll(tenant)).length).toBe(tricks.length);
      });

      it('scopes event ids, checkpoints, subjects and digests to their tenant', async () => {
        const shared = note(1);
        await store.append(tenant, 's', [shared], { expectedVersion: 'any' });
        const theirs = { ...shared, metadata: { ...shared.metadata, tenantId: otherTenant } };
        const result = await store.append(otherTenant, 's', [theirs], { expectedVersion: 'any' });
        expect(result.duplicate).toBe(false);

        expect((await store.readAll(tenant)).map((e) => e.metadata.tenantId)).toEqual([tenant]);
        expect((await store.readAll(otherTenant)).map((e) => e.metadata.tenantId)).toEqual([otherTenant]);

        await store.append(tenant, 'adv', [contactRecorded(tenant, 'adv-1', 'Ada', 'ada@a.example')], {
          expectedVersion: 'any',
        });
        await store.append(
          otherTenant,
          'adv',
          [contactRecorded(otherTenant, 'adv-1', 'Bob', 'bob@b.example')],
          {
            expectedVersion: 'any',
          },
        );
        await store.forgetSubject(tenant, 'adv-1');
        const [bob] = await store.readStream(otherTenant, 'adv');
        expect(bob!.data.profile).toEqual({ name: 'Bob', email: 'bob@b.example' });
        expect((await store.digest(otherTenant)).streams).toBe(2);
      });
    });

    describe('catch-up subscriptions', () => {
      function collect(): { events: RecordedEvent[]; handler: (e: RecordedEvent) => void } {
        const events: RecordedEvent[] = [];
        return { events, handler: (e) => void events.push(e) };
      }

      async function until(condition: () => boolean, what: string): Promise<void> {
        const deadline = Date.now() + 5000;
        while (!condition()) {
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }

      it('delivers history, then live events, in order, each once', async () => {
        await appendNotes(uniqueId('s'), 5);
        const seen = collect();
        const subscription = store.subscribe(tenant, {
          handler: seen.handler,
          batchSize: 2,
          pollIntervalMs: 20,
        });
        await subscription.caughtUp;
        expect(seen.events.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
        await Promise.all([appendNotes(uniqueId('s'), 5), appendNotes(uniqueId('s'), 5)]);
        await until(() => seen.events.length === 15, '15 events');
        const log = await store.readAll(tenant);
        expect(seen.events.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
        expect(subscription.checkpoint).toBe(log[14]!.checkpoint);
        await subscription.stop();
        await appendNotes(uniqueId('s'), 1);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(seen.events.length).toBe(15);
      });

      it('has no gap and no duplicate while appends race with the catch-up', async () => {
        await appendNotes(uniqueId('s'), 10);
        const seen = collect();
        const subscription = store.subscribe(tenant, {
          handler: async (event) => {
            seen.handler(event);
            await new Promise((resolve) => setImmediate(resolve));
          },
          batchSize: 3,
          pollIntervalMs: 10,
        });
        const writers = Array.from({ length: 4 }, () => appendNotes(uniqueId('s'), 15));
        await Promise.all(writers);
        await until(() => seen.events.length >= 70, '70 events');
        await new Promise((resolve) => setTimeout(resolve, 30));
        await subscription.stop();
        const log = await store.readAll(tenant);
        expect(log.length).toBe(70);
        expect(seen.events.map((e) => e.checkpoint)).toEqual(log.map((e) => e.checkpoint));
      });

      it('resumes after a checkpoint and filters by type', async () => {
        const stream = uniqueId('s');
        await appendNotes(stream, 3);
        await store.append(tenant, stream, [contractEvent(tenant, 'Other', { n: 100 })], {
          expectedVersion: 'any',
        });
        const log = await store.readAll(tenant);
        const seen = collect();
        const subscription = store.subscribe(tenant, {
          after: log[0]!.checkpoint as Checkpoint,
          types: ['Noted'],
          handler: seen.handler,
        });
        await subscription.caughtUp;
        await store.append(tenant, stream, [contractEvent(tenant, 'Other', { n: 101 }), note(4)], {
          expectedVersion: 'any',
        });
        await until(() => seen.events.length === 3, '3 events');
        expect(seen.events.map((e) => e.data.n)).toEqual([1, 2, 4]);
        await subscription.stop();
      });

      it('moves a type-filtered checkpoint past events of other types and reports it', async () => {
        const stream = uniqueId('s');
        await appendNotes(stream, 2);
        const other = (n: number): EventEnvelope => contractEvent(tenant, 'Other', { n });
        await store.append(tenant, stream, [other(10), other(11), other(12)], { expectedVersion: 'any' });
        const log = await store.readAll(tenant);
        const seen = collect();
        const scanned: Checkpoint[] = [];
        const subscription = store.subscribe(tenant, {
          types: ['Noted'],
          handler: seen.handler,
          onScanned: (checkpoint) => void scanned.push(checkpoint),
          batchSize: 2,
          pollIntervalMs: 10,
        });
        await subscription.caughtUp;
        expect(seen.events.map((e) => e.data.n)).toEqual([0, 1]);
        expect(subscription.checkpoint).toBe(log[4]!.checkpoint);
        expect(scanned.at(-1)).toBe(log[4]!.checkpoint);
        // Live: an event it does not want still moves the checkpoint, and is not delivered.
        await store.append(tenant, stream, [other(13)], { expectedVersion: 'any' });
        const [live] = await store.readAll(tenant, { after: log[4]!.checkpoint });
        await until(() => subscription.checkpoint === live!.checkpoint, 'the checkpoint past the live event');
        expect(scanned.at(-1)).toBe(live!.checkpoint);
        expect(seen.events.length).toBe(2);
        await subscription.stop();
        // A restart from the reported checkpoint examines nothing again.
        const resumed = await store.scanAll(tenant, { after: scanned.at(-1)!, types: ['Noted'] });
        expect(resumed).toEqual({ events: [], scannedTo: live!.checkpoint, reachedEnd: true });
      });

      it('sees only its own tenant', async () => {
        const seen = collect();
        const subscription = store.subscribe(otherTenant, { handler: seen.handler, pollIntervalMs: 10 });
        await subscription.caughtUp;
        await appendNotes(uniqueId('s'), 3, tenant);
        await appendNotes(uniqueId('s'), 1, otherTenant);
        await until(() => seen.events.length === 1, 'the other tenant event');
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(seen.events.map((e) => e.metadata.tenantId)).toEqual([otherTenant]);
        await subscription.stop();
      });

      it('ends with the handler error, at the event that failed', async () => {
        await appendNotes(uniqueId('s'), 3);
        const seen: number[] = [];
        const subscription = store.subscribe(tenant, {
          handler: (event) => {
            if (event.data.n === 1) throw new Error('read model broke');
            seen.push(event.data.n as number);
          },
        });
        await expect(subscription.done).rejects.toThrow('read model broke');
        expect(seen).toEqual([0]);
        const log = await store.readAll(tenant);
        expect(subscription.checkpoint).toBe(log[0]!.checkpoint);
      });
    });

    describe('upcasting', () => {
      it('loads old schema versions as the current shape on every read path', async () => {
        const stream = uniqueId('s');
        await store.append(
          tenant,
          stream,
          [
            contractEvent(tenant, 'Renamed', { name: 'old' }, { schemaVersion: 1 }),
            contractEvent(tenant, 'Renamed', { fullName: 'middle' }, { schemaVersion: 2 }),
            contractEvent(tenant, 'Renamed', { fullName: 'new', source: 'writer' }, { schemaVersion: 3 }),
          ],
          { expectedVersion: 'no_stream' },
        );
        const expected = [
          { schemaVersion: 3, storedSchemaVersion: 1, data: { fullName: 'old', source: 'upcast' } },
          { schemaVersion: 3, storedSchemaVersion: 2, data: { fullName: 'middle', source: 'upcast' } },
          { schemaVersion: 3, storedSchemaVersion: 3, data: { fullName: 'new', source: 'writer' } },
        ];
        expect(await store.readStream(tenant, stream)).toMatchObject(expected);
        expect(await store.readAll(tenant)).toMatchObject(expected);
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribe(tenant, { handler: (e) => void seen.push(e) });
        await subscription.caughtUp;
        await subscription.stop();
        expect(seen).toMatchObject(expected);
        expect((await store.verifyStream(tenant, stream)).ok).toBe(true);
      });
    });

    describe('personal data', () => {
      it('reads personal fields back decrypted and says whose they are', async () => {
        const stream = uniqueId('advocate');
        await store.append(
          tenant,
          stream,
          [
            contactRecorded(tenant, 'adv-1', 'Ada Lovelace', 'ada@example.com'),
            contractEvent(tenant, 'NoteTaken', {
              advocateId: 'adv-1',
              note: { text: 'likes trains', topic: 'rail' },
            }),
            contractEvent(tenant, 'NoteTaken', { advocateId: 'adv-1', note: { topic: 'no text' } }),
          ],
          { expectedVersion: 'no_stream' },
        );
        const [contact, noteTaken, noText] = await store.readStream(tenant, stream);
        expect(contact!.data).toEqual({
          advocateId: 'adv-1',
          profile: { name: 'Ada Lovelace', email: 'ada@example.com' },
          seniority: 'VP',
        });
        expect(contact!.personalData).toEqual({ status: 'present', subjectId: 'adv-1' });
        expect(noteTaken!.data).toEqual({
          advocateId: 'adv-1',
          note: { text: 'likes trains', topic: 'rail' },
        });
        expect(noText!.personalData).toEqual({ status: 'none' });
      });

      it('after forgetSubject, reads show a placeholder with the erasure time and the chain still verifies', async () => {
        const stream = uniqueId('advocate');
        const other = uniqueId('advocate');
        await store.append(
          tenant,
          stream,
          [contactRecorded(tenant, 'adv-1', 'Ada Lovelace', 'ada@example.com')],
          {
            expectedVersion: 'no_stream',
          },
        );
        await store.append(
          tenant,
          stream,
          [
            contractEvent(tenant, 'NoteTaken', {
              advocateId: 'adv-1',
              note: { text: 'likes trains', topic: 'rail' },
            }),
          ],
          { expectedVersion: 1 },
        );
        await store.append(
          tenant,
          other,
          [contactRecorded(tenant, 'adv-2', 'Grace Hopper', 'grace@example.com')],
          {
            expectedVersion: 'no_stream',
          },
        );
        const digestBefore = await store.digest(tenant);

        const erasedAt = clock.advance(3_600_000);
        const receipt = await store.forgetSubject(tenant, 'adv-1');
        expect(receipt).toEqual({ tenantId: tenant, subjectId: 'adv-1', erasedAt, alreadyErased: false });
        clock.advance(1000);
        expect(await store.forgetSubject(tenant, 'adv-1')).toMatchObject({ erasedAt, alreadyErased: true });

        const [contact, noteTaken] = await store.readStream(tenant, stream);
        expect(contact!.data.advocateId).toBe('adv-1');
        expect(contact!.data.seniority).toBe('VP');
        expect(contact!.data.profile).toEqual({ kind: 'ErasedPersonalData', subjectId: 'adv-1', erasedAt });
        expect(isErasedPersonalData(contact!.data.profile)).toBe(true);
        expect(contact!.personalData).toEqual({ status: 'erased', subjectId: 'adv-1', erasedAt });
        expect(noteTaken!.data.note).toEqual({
          topic: 'rail',
          text: { kind: 'ErasedPersonalData', subjectId: 'adv-1', erasedAt },
        });
        expect(JSON.stringify(await store.readAll(tenant))).not.toMatch(/Ada|ada@example|likes trains/);

        const [grace] = await store.readStream(tenant, other);
        expect(grace!.data.profile).toEqual({ name: 'Grace Hopper', email: 'grace@example.com' });

        // Erased subjects are named with their erasure time; a subject in force or unknown is not.
        if (store.erasedSubjects) {
          const erased = await store.erasedSubjects(tenant, ['adv-1', 'adv-2', 'adv-unknown']);
          expect([...erased]).toEqual([['adv-1', erasedAt]]);
        }

        expect(await store.verifyTenant(tenant)).toMatchObject({ ok: true, eventsChecked: 3 });
        expect((await store.digest(tenant, digestBefore.checkpoint)).merkleRoot).toBe(
          digestBefore.merkleRoot,
        );
      });

      it('refuses new personal data of an erased subject, but not their other events', async () => {
        const stream = uniqueId('advocate');
        await store.append(tenant, stream, [contactRecorded(tenant, 'adv-9', 'Ada', 'ada@example.com')], {
          expectedVersion: 'no_stream',
        });
        await store.forgetSubject(tenant, 'adv-9');
        const error = await rejection(
          store.append(tenant, stream, [contactRecorded(tenant, 'adv-9', 'Ada again', 'ada2@example.com')], {
            expectedVersion: 1,
          }),
        );
        expect(error).toBeInstanceOf(SubjectErasedError);
        await store.append(
          tenant,
          stream,
          [contractEvent(tenant, 'AdvocateErased', { advocateId: 'adv-9' })],
          {
            expectedVersion: 1,
          },
        );
        expect(await store.streamVersion(tenant, stream)).toBe(2);
      });

      it('refuses personal data without a subject to encrypt it for', async () => {
        const error = await rejection(
          store.append(
            tenant,
            uniqueId('s'),
            [contractEvent(tenant, 'ContactRecorded', { profile: { name: 'Ada' } })],
            {
              expectedVersion: 'any',
            },
          ),
        );
        expect(error).toBeInstanceOf(InvalidAppendError);
      });
    });

    describe('several streams read at once (readStreamTails)', () => {
      it('answers each tail and the erasures exactly as the separate reads do, before and after an erasure', async () => {
        if (!store.readStreamTails) return; // optional: a store without it is read stream by stream
        const ADA = 'adv\\7'; // an id the SQL text escape must carry both ways
        const plain = uniqueId('plain');
        const personal = uniqueId('advocate');
        const empty = uniqueId('empty');
        await appendNotes(plain, 4);
        await appendNotes(plain, 2, otherTenant); // same stream id, another tenant: never answered
        await store.append(tenant, personal, [contactRecorded(tenant, ADA, 'Ada', 'ada@example.com')], {
          expectedVersion: 'no_stream',
        });
        await store.append(tenant, personal, [note(9)], { expectedVersion: 1 });
        const asked = [
          { streamId: plain, afterVersion: 1 },
          { streamId: personal, afterVersion: 0 },
          { streamId: empty, afterVersion: 0 },
          { streamId: plain, afterVersion: 0, limit: 2 },
          { streamId: personal, afterVersion: 2 },
        ];
        const subjects = [ADA, 'adv-unknown'];
        const separately = async () => ({
          tails: await Promise.all(
            asked.map((a) =>
              store.readStream(tenant, a.streamId, {
                fromVersion: a.afterVersion + 1,
                limit: a.limit ?? 1000,
              }),
            ),
          ),
          erased: await store.erasedSubjects!(tenant, subjects),
        });

        const before = await store.readStreamTails(tenant, asked, subjects);
        expect(before.tails.map((t) => t.map((e) => e.version))).toEqual([[2, 3, 4], [1, 2], [], [1, 2], []]);
        expect(before.tails[1]![0]!.data.profile).toEqual({ name: 'Ada', email: 'ada@example.com' });
        expect(before).toEqual(await separately());
        expect(before.erased.size).toBe(0);

        const erasedAt = clock.advance(60_000);
        await store.forgetSubject(tenant, ADA);
        const after = await store.readStreamTails(tenant, asked, subjects);
        expect(after).toEqual(await separately());
        expect([...after.erased]).toEqual([[ADA, erasedAt]]);
        expect(after.tails[1]![0]!.personalData).toEqual({ status: 'erased', subjectId: ADA, erasedAt });
        expect(JSON.stringify(after)).not.toMatch(/Ada|ada@example/);
        expect(await store.readStreamTails(tenant, [])).toEqual({ tails: [], erased: new Map() });
      });
    });

    describe('integrity', () => {
      it('verifies streams and tenants, and an empty stream trivially', async () => {
        const a = uniqueId('a');
        const b = uniqueId('b');
        await appendNotes(a, 3);
        await appendNotes(b, 2);
        expect(await store.verifyStream(tenant, a)).toEqual({
          ok: true,
          streamsChecked: 1,
          eventsChecked: 3,
        });
        expect(await store.verifyTenant(tenant)).toEqual({ ok: true, streamsChecked: 2, eventsChecked: 5 });
        expect(await store.verifyStream(tenant, uniqueId('none'))).toEqual({
          ok: true,
          streamsChecked: 0,
          eventsChecked: 0,
        });
      });

      it('signs a tenant digest that verifies offline with the public key only, and with no other', async () => {
        const a = uniqueId('a');
        await appendNotes(a, 3);
        await appendNotes(uniqueId('b'), 2);
        const signer = generateKeyPairSync('ed25519');
        const stranger = generateKeyPairSync('ed25519');
        const digest = await store.digest(tenant);
        expect(digest).toMatchObject({ tenantId: tenant, streams: 2, issuedAt: clock.now() });
        const signed = signTenantDigest(digest, signer.privateKey);
        const exported = JSON.parse(JSON.stringify(signed)) as typeof signed;
        const publicPem = signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();

        expect(verifySignedTenantDigest(exported, publicPem)).toBe(true);
        expect(verifySignedTenantDigest(exported, stranger.publicKey)).toBe(false);
        const flipped = exported.digest.merkleRoot.replace(/^./, (c) => (c === '0' ? '1' : '0'));
        expect(
          verifySignedTenantDigest(
            { ...exported, digest: { ...exported.digest, merkleRoot: flipped } },
            publicPem,
          ),
        ).toBe(false);
        expect(
          verifySignedTenantDigest({ ...exported, digest: { ...exported.digest, streams: 3 } }, publicPem),
        ).toBe(false);
      });

      it('commits to history at a checkpoint: later appends leave that digest alone and change the current one', async () => {
        const a = uniqueId('a');
        await appendNotes(a, 2);
        const then = await store.digest(tenant);
        await appendNotes(a, 1);
        await appendNotes(uniqueId('b'), 1);
        expect((await store.digest(tenant, then.checkpoint)).merkleRoot).toBe(then.merkleRoot);
        const now = await store.digest(tenant);
        expect(now.merkleRoot).not.toBe(then.merkleRoot);
        expect(now.streams).toBe(2);
        expect((await store.streamHeads(tenant, then.checkpoint)).heads).toEqual([
          expect.objectContaining({ streamId: a, version: 2 }),
        ]);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of 32 concurrent writers win each version, losing and duplicating nothing', async () => {
        const stream = uniqueId('contended');
        const writers = Array.from({ length: 32 }, (_, i) => note(i));

        const firstRound = await Promise.allSettled(
          writers.map((event) => store.append(tenant, stream, [event], { expectedVersion: 'no_stream' })),
        );
        const winners = firstRound.filter((r) => r.status === 'fulfilled');
        expect(winners.length).toBe(1);
        for (const outcome of firstRound) {
          if (outcome.status === 'rejected') {
            expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
            expect(outcome.reason).toMatchObject({ expected: 'no_stream', actual: 1 });
          }
        }

        // Every writer now retries with the version it reads until its event is in.
        await Promise.all(
          writers.map(async (event) => {
            for (;;) {
              const version = await store.streamVersion(tenant, stream);
              try {
                await store.append(tenant, stream, [event], { expectedVersion: version });
                return;
              } catch (error) {
                if (!(error instanceof ConcurrencyError)) throw error;
              }
            }
          }),
        );

        const events = await store.readStream(tenant, stream);
        expect(events.map((e) => e.version)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
        expect(new Set(events.map((e) => e.eventId))).toEqual(new Set(writers.map((e) => e.eventId)));
        expect(await store.verifyStream(tenant, stream)).toMatchObject({ ok: true, eventsChecked: 32 });
      });
    });
  });
}
