import type { EventEnvelope, PersonalDataDeclaration } from '@vouch/domain';
import type { PersonalDataLookup } from '../personal-data/personal-data-lookup';
import type { Upcaster } from '../upcasting/upcaster-registry';

/**
 * Event types of the contract suite, independent of the domain's catalogue:
 * `ContactRecorded` keeps a whole `profile` (name, email) personal, `NoteTaken` only
 * `note.text`, and `Renamed` has old schema versions that upcasters lift.
 */
export const CONTRACT_PERSONAL_DATA: Readonly<Record<string, PersonalDataDeclaration>> = {
  ContactRecorded: { subjectField: 'advocateId', fields: ['profile'] },
  NoteTaken: { subjectField: 'advocateId', fields: ['note.text'] },
};

/** The personal-data lookup to configure a store under test with. */
export const contractPersonalData: PersonalDataLookup = (type) => CONTRACT_PERSONAL_DATA[type];

/** Renamed v1 `{ name }` → v2 `{ fullName }` → v3 `{ fullName, source }`. */
export const contractUpcasters: readonly Upcaster[] = [
  { type: 'Renamed', fromVersion: 1, upcast: ({ name, ...rest }) => ({ ...rest, fullName: name }) },
  { type: 'Renamed', fromVersion: 2, upcast: (data) => ({ ...data, source: 'upcast' }) },
];

let sequence = 0;

/** A unique id for test events and streams. */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A well-formed envelope of the given type for a tenant. */
export function contractEvent(
  tenantId: string,
  type: string,
  data: Record<string, unknown>,
  overrides: Partial<Pick<EventEnvelope, 'eventId' | 'schemaVersion'>> = {},
): EventEnvelope {
  return {
    eventId: overrides.eventId ?? uniqueId('event'),
    type,
    schemaVersion: overrides.schemaVersion ?? 1,
    data,
    metadata: {
      tenantId,
      actor: { userId: 'user-1', roles: ['PROGRAM_MANAGER'] },
      commandId: uniqueId('command'),
      correlationId: 'correlation-1',
      causationId: 'cause-1',
      effectiveAt: '2025-12-31T00:00:00.000Z',
    },
  };
}

/** A personal event: an advocate's name and email under `profile`. */
export function contactRecorded(
  tenantId: string,
  advocateId: string,
  name: string,
  email: string,
): EventEnvelope {
  return contractEvent(tenantId, 'ContactRecorded', {
    advocateId,
    profile: { name, email },
    seniority: 'VP',
  });
}
