import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { EventEnvelope } from '@vouch/domain';
import {
  EMPTY_STREAM,
  InMemoryWrappedKeyRepository,
  MasterKeyVault,
  canonicalJson,
  hashStoredEvent,
  planAppend,
  prepareAppend,
} from '@vouch/event-store';
import type { UnpositionedStoredEvent } from '@vouch/event-store';
import { CONTRACT_PERSONAL_DATA, contractPersonalData } from '@vouch/event-store/testing';
import { takeFields } from '../src/personal-data/field-paths';

// An append's data and metadata travel as their RFC 8785 texts (parsed only when an adapter
// reads the objects). These properties hold that fast path to the straightforward one: the
// objects encoded, split, parsed back and hashed member by member.

const tenant = 'tenant-a';
const at = '2026-01-02T03:04:05.678Z';

const json = fc.jsonValue({ maxDepth: 3 });
const data = fc.record(
  {
    advocateId: fc.constantFrom('advocate-1', 'advocate-2'),
    profile: fc.dictionary(fc.string(), json, { maxKeys: 3 }),
    note: fc.record(
      { text: fc.string(), tags: fc.array(fc.string(), { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
    extra: fc.dictionary(fc.string(), json, { maxKeys: 4 }),
  },
  { requiredKeys: ['advocateId'] },
);
const envelope = fc.record({
  type: fc.constantFrom('ContactRecorded', 'NoteTaken', 'Plain'),
  data,
  extraMetadata: fc.dictionary(fc.string({ minLength: 1 }), json, { maxKeys: 3 }),
});

function toEnvelope(
  e: { type: string; data: Record<string, unknown>; extraMetadata: Record<string, unknown> },
  n: number,
): EventEnvelope {
  return {
    eventId: `event-${n}`,
    type: e.type,
    schemaVersion: 1,
    data: e.data,
    metadata: {
      ...e.extraMetadata,
      tenantId: tenant,
      actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
      commandId: `command-${n}`,
      correlationId: 'correlation-1',
      causationId: 'cause-1',
      effectiveAt: '2025-12-31T00:00:00.000Z',
    },
  } as EventEnvelope;
}

/** What is stored of an envelope's data, the straightforward way: split, encoded, parsed back. */
function storedDataOf(event: EventEnvelope): Record<string, unknown> {
  const declaration = CONTRACT_PERSONAL_DATA[event.type];
  const { rest } = declaration ? takeFields(event.data, declaration.fields) : { rest: event.data };
  return JSON.parse(canonicalJson(rest)) as Record<string, unknown>;
}

describe('append preparation by canonical texts', () => {
  const vault = new MasterKeyVault(randomBytes(32), new InMemoryWrappedKeyRepository());
  const options = { personalData: contractPersonalData, vault, now: () => at };

  it('stores, parses and hashes exactly what the straightforward encoding does, for any JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(envelope, { minLength: 1, maxLength: 4 }), async (drawn) => {
        const events = structuredClone(drawn).map(toEnvelope); // fast-check reuses its values
        const before = JSON.stringify(events);
        const prepared = await prepareAppend(tenant, 'stream-1', events, 'any', options);
        // Changing the caller's objects after preparation changes nothing that is stored.
        for (const event of events) (event.data as Record<string, unknown>).advocateId = 'changed';
        const restored = JSON.parse(before) as EventEnvelope[];
        const plan = planAppend(prepared, EMPTY_STREAM, () => undefined, at);
        if (plan.kind !== 'write') throw new Error('expected a write');

        let previousHash = EMPTY_STREAM.hash;
        plan.events.forEach((planned, i) => {
          const expectedData = storedDataOf(restored[i]!);
          const expectedMetadata = JSON.parse(canonicalJson(restored[i]!.metadata)) as object;
          expect(prepared.events[i]!.dataText).toBe(canonicalJson(expectedData));
          expect(prepared.events[i]!.metadataText).toBe(canonicalJson(restored[i]!.metadata));
          expect(planned.data).toEqual(expectedData);
          expect(planned.metadata).toEqual(expectedMetadata);
          // The chain hash recomputed from plain objects, member by member, as verification does.
          const plain: Omit<UnpositionedStoredEvent, 'hash'> = {
            tenantId: planned.tenantId,
            streamId: planned.streamId,
            version: planned.version,
            eventId: planned.eventId,
            type: planned.type,
            schemaVersion: planned.schemaVersion,
            data: expectedData,
            personal: planned.personal,
            metadata: expectedMetadata as UnpositionedStoredEvent['metadata'],
            recordedAt: planned.recordedAt,
            fingerprint: planned.fingerprint,
          };
          previousHash = hashStoredEvent(previousHash, plain);
          expect(planned.hash).toBe(previousHash);
          if (planned.personal === null) {
            const content = canonicalJson({ type: planned.type, schemaVersion: 1, data: restored[i]!.data });
            expect(planned.fingerprint).toBe(createHash('sha256').update(content).digest('hex'));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('parses the data once and hands out the same object on every read', async () => {
    const [event] = [toEnvelope({ type: 'Plain', data: { advocateId: 'advocate-1' }, extraMetadata: {} }, 1)];
    const prepared = await prepareAppend(tenant, 'stream-1', [event!], 'any', options);
    const plan = planAppend(prepared, EMPTY_STREAM, () => undefined, at);
    if (plan.kind !== 'write') throw new Error('expected a write');
    expect(plan.events[0]!.data).toBe(plan.events[0]!.data);
    expect(plan.events[0]!.data).toBe(prepared.events[0]!.data);
    expect(plan.events[0]!.metadata).toBe(prepared.events[0]!.metadata);
  });
});
