import type { EventMetadata } from '@vouch/domain';
import type { RecordedEvent } from './recorded-event';

/**
 * An event as a replay over time folds it (a subject's state as of an instant): its type and
 * data as every read gives them (upcast, personal fields decrypted or erased), where it sits in
 * the log, when it was recorded and when it took effect. Every `RecordedEvent` is one; a store
 * may hand out less (no ids, no metadata but `effectiveAt`) so a long replay does not pay for
 * the rest.
 */
export type ReplayEvent = Pick<RecordedEvent, 'type' | 'data' | 'checkpoint' | 'recordedAt'> & {
  readonly metadata: Pick<EventMetadata, 'effectiveAt'>;
};
