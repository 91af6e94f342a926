import type { PersonalDataDeclaration } from './personal-data';

/** The aggregates of the domain, one stream each. */
export type AggregateName =
  'Account' | 'Advocate' | 'Nomination' | 'ReferenceRequest' | 'ContentAsset' | 'Program';

/**
 * The catalogue entry of one event type: its schema version, the aggregate whose stream
 * holds it, its fields in words, and the personal data it carries. `docs/events.md` is
 * generated from these entries and the event store reads `personalData` from them.
 */
export interface EventDefinition {
  readonly type: string;
  readonly version: number;
  readonly aggregate: AggregateName;
  readonly description: string;
  /** Field name → type and meaning in words. Every key a decider writes must be listed. */
  readonly fields: Readonly<Record<string, string>>;
  /** Field names that may be absent. */
  readonly optional?: readonly string[];
  readonly personalData?: PersonalDataDeclaration;
}
