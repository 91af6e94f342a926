import { EventStoreErrorCode, isEventStoreError } from './event-store-error';

// What the saved state itself can be at fault for; a runner relearns from the log on these only.
const SAVED_STATE_FAULTS: ReadonlySet<string> = new Set([
  EventStoreErrorCode.SAVED_STATE_UNREADABLE, // broken JSON, a piece missing
  EventStoreErrorCode.SAVED_STATE_SHAPE, // a layout this code does not write
  EventStoreErrorCode.SEAL_UNOPENABLE, // a seal that does not open under its subject's key
  EventStoreErrorCode.DATA_KEY_MISSING, // a seal whose key is gone without an erasure record
]);

/**
 * Whether opening a saved state failed because of the saved state (it is then rebuilt from the
 * log, which holds everything it did), rather than a store out of reach or a fault of the code
 * opening it, which must fail the start: relearning would hide the fault and drop the snapshot.
 */
export function isSavedStateFault(error: unknown): boolean {
  return isEventStoreError(error) && SAVED_STATE_FAULTS.has(error.code);
}
