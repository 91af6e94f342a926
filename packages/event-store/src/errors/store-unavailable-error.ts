import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * The store could not do its work (closed, disk or database failure). Nothing is known
 * to be written; the caller may retry the same append, which is idempotent.
 */
export class StoreUnavailableError extends EventStoreError {
  constructor(message: string, cause?: unknown) {
    super(EventStoreErrorCode.STORE_UNAVAILABLE, message, cause === undefined ? undefined : { cause });
  }
}
