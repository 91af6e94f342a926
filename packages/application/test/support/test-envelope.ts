import type { EventEnvelope } from '@vouch/domain';

/**
 * Builds envelopes for store-level tests: fresh, ordered event ids and a PROGRAM_MANAGER
 * writer of the given tenant, effective at `now`. One counter per builder.
 */
export function envelopeBuilder(
  tenantId: string,
  now: string,
): (type: string, data: Record<string, unknown>) => EventEnvelope {
  let sequence = 0;
  return (type, data) => {
    sequence += 1;
    return {
      eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
      type,
      schemaVersion: 1,
      data,
      metadata: {
        tenantId,
        actor: { userId: 'writer', roles: ['PROGRAM_MANAGER'] },
        commandId: `command-${sequence}`,
        correlationId: `command-${sequence}`,
        causationId: `command-${sequence}`,
        effectiveAt: now,
      },
    };
  };
}
