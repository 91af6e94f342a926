import { randomBytes } from 'node:crypto';
import type { EventEnvelope } from '@vouch/domain';

/** The i-th event `bench:sqlite` appends (and `bench:sqlite-allocations`): one per append, `streams` advocates. */
export function sqliteBenchEnvelope(i: number, tenantId: string, streams: number): EventEnvelope {
  return {
    eventId: `event-${i}-${randomBytes(4).toString('hex')}`,
    type: 'AdvocateAttributesUpdated',
    schemaVersion: 1,
    data: {
      advocateId: `advocate-${i % streams}`,
      seniority: 'VP',
      languages: ['en', 'de'],
      topics: ['migration'],
    },
    metadata: {
      tenantId,
      actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
      commandId: `command-${i}`,
      correlationId: `command-${i}`,
      causationId: `command-${i}`,
      effectiveAt: '2026-01-01T00:00:00.000Z',
    },
  };
}
