import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * An event holds encrypted personal data but the vault has neither the subject's key nor a
 * record of its erasure: the vault and the events are out of step (restored separately?).
 */
export class DataKeyMissingError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
  ) {
    super(
      EventStoreErrorCode.DATA_KEY_MISSING,
      `No data key and no erasure record for subject ${subjectId}. Restore the key vault that belongs to this event store.`,
    );
  }
}
