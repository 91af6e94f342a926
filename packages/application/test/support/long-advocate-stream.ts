import type { EventStore } from '@vouch/event-store';

/**
 * The parts of one advocate's long stream (`ines` of account `acme`) that the `subjectAsOf`
 * tests and benchmarks build alike: the account, the enrolment's attributes, and the clones
 * of a real event that make the stream long without a command per event.
 */

/** `RegisterAccount` data of the account `acme`. */
export const acmeAccount = {
  accountId: 'acme',
  name: 'Acme',
  industry: 'Retail',
  segment: 'ENTERPRISE',
  region: 'EMEA',
  products: ['Planner'],
  ownerId: 'olga',
} as const;

/** The matching attributes `ines` is enrolled and updated with. */
export const inesAttributes = {
  seniority: 'C_LEVEL',
  products: ['Planner'],
  useCases: ['planning'],
  languages: ['en'],
} as const;

/** `EnrolAdvocate` data of `ines` of `acme`, under `name`, with `attributes` (topics may be added). */
export function inesEnrolment(name: string, attributes: object = inesAttributes): object {
  return {
    advocateId: 'ines',
    accountId: 'acme',
    name,
    email: 'ines@acme.example',
    title: 'CFO',
    ...attributes,
  };
}

/**
 * Appends copies of the stream's last event until it holds `events` events, 500 at a time.
 * Copy `n` (its 0-based place in the stream) is `clone-<n>` in event and command id; `vary`
 * gives it other data or metadata members.
 */
export async function appendClonesOfLastEvent(
  store: EventStore,
  tenantId: string,
  streamId: string,
  events: number,
  vary: (n: number) => { data?: object; metadata?: object } = () => ({}),
): Promise<void> {
  const template = (await store.readStream(tenantId, streamId)).at(-1)!;
  for (let done = template.version; done < events;) {
    const batch = Array.from({ length: Math.min(500, events - done) }, (_, i) => {
      const n = done + i;
      const varied = vary(n);
      return {
        eventId: `clone-${n}`,
        type: template.type,
        schemaVersion: template.schemaVersion,
        data: { ...template.data, ...varied.data },
        metadata: { ...template.metadata, commandId: `clone-${n}`, ...varied.metadata },
      };
    });
    await store.append(tenantId, streamId, batch, { expectedVersion: 'any' });
    done += batch.length;
  }
}
