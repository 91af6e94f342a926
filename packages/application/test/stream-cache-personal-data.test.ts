import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import { InMemoryEventStore, type EventStore, type RecordedEvent } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { isWithheldPersonalData, readWholeStream, StreamCache } from '../src';
import { seeStreamReads } from './support/stream-reads-seen';
import { envelopeBuilder } from './support/test-envelope';

// Personal-data streams held by the command path's cache (issue 15, ninth pass): held with
// their personal values withheld, an erasure by anyone shown on the next read.
const TENANT = 'acme';
const NOW = '2026-11-30T09:00:00.000Z';
const CONTACTS = ['Ada Lovelace', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];

const event = envelopeBuilder(TENANT, NOW);

// The domain's catalogue: `contact` of AdvocateContactUpdated is personal, the attributes are not.
const contactUpdated = (advocateId: string, name: string) =>
  event('AdvocateContactUpdated', { advocateId, contact: { name, email: `${advocateId}@example.com` } });
const attributesUpdated = (advocateId: string, n: number) =>
  event('AdvocateAttributesUpdated', { advocateId, attributes: { seniority: 'VP', topics: [`t${n}`] } });

async function append(store: EventStore, streamId: string, events: EventEnvelope[]): Promise<void> {
  const version = await store.streamVersion(TENANT, streamId);
  await store.append(TENANT, streamId, events, { expectedVersion: version === 0 ? 'no_stream' : version });
}

/** What the cache must answer: the store's whole read, each readable personal field withheld. */
function expectedOf(whole: readonly RecordedEvent[]) {
  return whole.map((e) => {
    const data: Record<string, unknown> =
      e.personalData.status === 'present'
        ? { ...e.data, contact: { kind: 'WithheldPersonalData', subjectId: e.personalData.subjectId } }
        : e.data;
    return { id: e.eventId, version: e.version, data, personal: e.personalData, meta: e.metadata };
  });
}
const summary = (events: readonly RecordedEvent[]) =>
  events.map((e) => ({
    id: e.eventId,
    version: e.version,
    data: e.data,
    personal: e.personalData,
    meta: e.metadata,
  }));

/** Everything the cache holds, as text: no personal value may be in it. */
const heldText = (cache: StreamCache): string =>
  JSON.stringify([...(cache as unknown as { entries: Map<string, unknown> }).entries], (_, value: unknown) =>
    value instanceof Map ? [...value] : value instanceof Set ? [...value] : value,
  );

describe('StreamCache and personal data', () => {
  it('answers every stream as the store reads it, personal values withheld, erasures shown at once', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('contact' as const), stream: fc.nat(1), name: fc.nat(3) }),
      fc.record({ kind: fc.constant('attributes' as const), stream: fc.nat(1) }),
      fc.record({ kind: fc.constant('read' as const), stream: fc.nat(1) }),
      fc.record({ kind: fc.constant('fold' as const), stream: fc.nat(1) }),
      fc.record({ kind: fc.constant('erase' as const), stream: fc.nat(1) }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 30 }),
        fc.integer({ min: 1, max: 8 }),
        async (steps, max) => {
          const store = new InMemoryEventStore({ clock: () => NOW });
          const cache = new StreamCache(store, max);
          const erased = new Set<number>();
          const names = (events: readonly RecordedEvent[]) =>
            events.map((e) => (e.data.contact as { name?: unknown } | undefined)?.name ?? null);
          for (const s of steps) {
            const advocateId = `adv-${s.stream}`;
            const streamId = `advocate-${advocateId}`;
            if (s.kind === 'contact' && !erased.has(s.stream)) {
              await append(store, streamId, [contactUpdated(advocateId, CONTACTS[s.name]!)]);
            } else if (s.kind === 'attributes') {
              await append(store, streamId, [attributesUpdated(advocateId, s.stream)]);
            } else if (s.kind === 'erase') {
              await store.forgetSubject(TENANT, advocateId);
              erased.add(s.stream);
            } else if (s.kind === 'read') {
              const whole = await readWholeStream(store, TENANT, streamId);
              expect(summary(await cache.read(TENANT, streamId))).toEqual(expectedOf(whole));
            } else if (s.kind === 'fold') {
              const whole = expectedOf(await readWholeStream(store, TENANT, streamId));
              const folded = await cache.fold(TENANT, streamId, [] as unknown[], (list, e) => [
                ...list,
                (e.data.contact as { name?: unknown } | undefined)?.name ?? e.data.contact ?? null,
              ]);
              expect(folded).toEqual(
                whole.map((e) => {
                  const contact = e.data.contact as { name?: unknown } | undefined;
                  return contact?.name ?? contact ?? null;
                }),
              );
              expect(names(await cache.read(TENANT, streamId)).every((n) => n === null)).toBe(true);
            }
            for (const name of CONTACTS) expect(heldText(cache)).not.toContain(name);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('holds a personal-data stream: the next use reads only its tail and withholds the values', async () => {
    const store = new InMemoryEventStore({ clock: () => NOW });
    await append(store, 'advocate-ada', [contactUpdated('ada', 'Ada Lovelace'), attributesUpdated('ada', 1)]);
    const cache = new StreamCache(store);
    const first = await cache.read(TENANT, 'advocate-ada');
    expect(isWithheldPersonalData(first[0]!.data.contact)).toBe(true);
    const asked: number[] = [];
    seeStreamReads(store, (_, fromVersion) => asked.push(fromVersion));
    await append(store, 'advocate-ada', [attributesUpdated('ada', 2)]);
    expect((await cache.read(TENANT, 'advocate-ada')).map((e) => e.version)).toEqual([1, 2, 3]);
    expect(asked).toEqual([3]);
    expect(heldText(cache)).not.toContain('Ada Lovelace');
  });

  it('shows an erasure on the very next read, exactly in the form the store reads, and refolds', async () => {
    const store = new InMemoryEventStore({ clock: () => NOW });
    await append(store, 'advocate-ada', [contactUpdated('ada', 'Ada Lovelace')]);
    const cache = new StreamCache(store);
    const contactOf = (s: unknown, e: RecordedEvent) => e.data.contact ?? s;
    expect(isWithheldPersonalData(await cache.fold(TENANT, 'advocate-ada', undefined, contactOf))).toBe(true);
    await store.forgetSubject(TENANT, 'ada');
    const after = await cache.read(TENANT, 'advocate-ada');
    expect(summary(after)).toEqual(summary(await readWholeStream(store, TENANT, 'advocate-ada')));
    expect(after[0]!.personalData.status).toBe('erased');
    expect(await cache.fold(TENANT, 'advocate-ada', undefined, contactOf)).toMatchObject({
      kind: 'ErasedPersonalData',
      subjectId: 'ada',
    });
  });

  it('shows an erasure made by another process on the same SQLite file at once (hostile: the key is shredded behind its back)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-stream-cache-'));
    const filename = join(dir, 'vouch.db');
    const masterKey = randomBytes(32);
    const ours = SqliteEventStore.open({ filename, masterKey, durability: 'NORMAL' });
    const theirs = SqliteEventStore.open({ filename, masterKey, durability: 'NORMAL' });
    try {
      await append(ours, 'advocate-ada', [
        contactUpdated('ada', 'Ada Lovelace'),
        attributesUpdated('ada', 1),
      ]);
      const cache = new StreamCache(ours);
      expect((await cache.read(TENANT, 'advocate-ada'))[0]!.personalData.status).toBe('present');
      await theirs.forgetSubject(TENANT, 'ada');
      const after = await cache.read(TENANT, 'advocate-ada');
      expect(summary(after)).toEqual(summary(await readWholeStream(ours, TENANT, 'advocate-ada')));
      expect(after[0]!.personalData).toMatchObject({ status: 'erased', subjectId: 'ada' });
      expect(JSON.stringify(after)).not.toContain('Ada Lovelace');
    } finally {
      await theirs.close();
      await ours.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not hold personal-data streams of a store that cannot tell erasures, and still withholds', async () => {
    const inner = new InMemoryEventStore({ clock: () => NOW });
    await append(inner, 'advocate-ada', [contactUpdated('ada', 'Ada Lovelace')]);
    const asked: (number | undefined)[] = [];
    const store = new Proxy(inner, {
      get(target, property, receiver) {
        // Neither way of telling erasures: alone, nor with a batched read.
        if (property === 'erasedSubjects' || property === 'readStreamTails') return undefined;
        if (property === 'readStream') {
          return (...args: Parameters<EventStore['readStream']>) => {
            asked.push(args[2]?.fromVersion);
            return target.readStream(...args);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const cache = new StreamCache(store);
    await cache.read(TENANT, 'advocate-ada');
    const second = await cache.read(TENANT, 'advocate-ada');
    expect(asked).toEqual([1, 1]);
    expect(isWithheldPersonalData(second[0]!.data.contact)).toBe(true);
    await inner.forgetSubject(TENANT, 'ada');
    expect((await cache.read(TENANT, 'advocate-ada'))[0]!.personalData.status).toBe('erased');
  });
});
