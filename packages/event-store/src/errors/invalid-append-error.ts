import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/** The append request itself is malformed (no events, a bad id, data that is not JSON...). */
export class InvalidAppendError extends EventStoreError {
  constructor(message: string) {
    super(EventStoreErrorCode.INVALID_APPEND, message);
  }
}
