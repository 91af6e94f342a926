import type { PersonalDataDeclaration } from './personal-data';

/** The aggregates of the domain, one stream each. */
export type AggregateName =
  'Account' | 'Advocate' | 'Nomination' | 'ReferenceRequest' | 'ContentAsset' | 'Program';

/**
 * The catalogue entry of one event type: its schema version, the aggregate whose stream
 * holds it, what it means, and the personal data it carries. The event store reads
 * `personalData` from here; `docs/events.md` is generated from these entries together with
 * the event's TypeScript type (its fields), so neither can drift from the code.
 */
export interface EventDefinition {
  readonly type: string;
  readonly version: number;
  readonly aggregate: AggregateName;
  readonly description: string;
  readonly personalData?: PersonalDataDeclaration;
}
