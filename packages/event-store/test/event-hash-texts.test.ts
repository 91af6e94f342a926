import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Instant } from '@vouch/domain';
import { canonicalJson, hashStoredEvent } from '@vouch/event-store';
import type { UnpositionedStoredEvent } from '@vouch/event-store';

// The chain hash writes its string members' quotes into its constant parts (no quoted copy
// per member). Held here to its definition — SHA-256 of the RFC 8785 text of the whole
// envelope — over strings of arbitrary UTF-16 code units (quotes, backslashes, controls,
// lone surrogates) in every string member, and over members a damaged row may hold instead
// of strings (numbers, null), which verification hashes too.

const codeUnits = fc.string({ unit: 'binary', maxLength: 12 });
const member = fc.oneof(
  { weight: 8, arbitrary: codeUnits },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constant(null)) },
);

function digestOfWhole(previousHash: unknown, event: Omit<UnpositionedStoredEvent, 'hash'>): string {
  const whole = { ...event, previousHash };
  return createHash('sha256').update(canonicalJson(whole), 'utf8').digest('hex');
}

describe('the chain hash of an event', () => {
  it('is SHA-256 of the canonical envelope, whatever its string members hold', () => {
    fc.assert(
      fc.property(
        fc.record({
          eventId: member,
          fingerprint: member,
          previousHash: member,
          recordedAt: member,
          streamId: member,
          tenantId: member,
          type: member,
          data: fc.dictionary(codeUnits, codeUnits, { maxKeys: 3 }),
          metadata: fc.dictionary(codeUnits, codeUnits, { maxKeys: 3 }),
        }),
        ({ previousHash, ...fields }) => {
          const event = {
            ...fields,
            schemaVersion: 1,
            version: 3,
            personal: null,
          } as unknown as Omit<UnpositionedStoredEvent, 'hash'>;
          expect(hashStoredEvent(previousHash as string, event)).toBe(digestOfWhole(previousHash, event));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the digest of an ordinary event', () => {
    const event: Omit<UnpositionedStoredEvent, 'hash'> = {
      tenantId: 'tenant-a',
      streamId: 'advocate-1',
      version: 1,
      eventId: 'event-1',
      type: 'AdvocateNominated',
      schemaVersion: 1,
      data: { advocateId: 'advocate-1' },
      metadata: {
        tenantId: 'tenant-a',
        actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
        commandId: 'command-1',
        correlationId: 'command-1',
        causationId: 'command-1',
        effectiveAt: '2026-12-01T00:00:00.000Z' as Instant,
      },
      personal: null,
      recordedAt: '2026-12-01T00:00:00.000Z' as Instant,
      fingerprint: 'f'.repeat(64),
    };
    expect(hashStoredEvent('0'.repeat(64), event)).toBe(digestOfWhole('0'.repeat(64), event));
  });
});
