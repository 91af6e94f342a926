import type { EventEnvelope, Instant } from '@vouch/domain';
import type { Checkpoint } from './checkpoint';

/** Whether an event carried personal data, and whether it can still be read. */
export type PersonalDataStatus =
  | { readonly status: 'none' }
  | { readonly status: 'present'; readonly subjectId: string }
  | { readonly status: 'erased'; readonly subjectId: string; readonly erasedAt: Instant };

/**
 * An event as read back: the envelope (upcast to the current schema version, personal
 * fields decrypted or replaced by an `ErasedPersonalData` placeholder) plus what the store
 * stamped on it.
 */
export interface RecordedEvent<
  Type extends string = string,
  Data extends object = Record<string, unknown>,
> extends EventEnvelope<Type, Data> {
  readonly streamId: string;
  /** 1 for the first event of the stream. */
  readonly version: number;
  /** Where the event sits in the tenant's log; resume a subscription after it. */
  readonly checkpoint: Checkpoint;
  /** When the store wrote it (from the store's injected clock). */
  readonly recordedAt: Instant;
  /** The schema version it was written with, before upcasting. */
  readonly storedSchemaVersion: number;
  readonly personalData: PersonalDataStatus;
}
