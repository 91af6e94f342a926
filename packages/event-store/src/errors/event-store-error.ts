/** Stable codes of every refusal or failure of an event store. */
export const EventStoreErrorCode = {
  WRONG_EXPECTED_VERSION: 'WRONG_EXPECTED_VERSION',
  IDEMPOTENCY_CONFLICT: 'IDEMPOTENCY_CONFLICT',
  INVALID_APPEND: 'INVALID_APPEND',
  TENANT_VIOLATION: 'TENANT_VIOLATION',
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  SUBJECT_ERASED: 'SUBJECT_ERASED',
  DATA_KEY_MISSING: 'DATA_KEY_MISSING',
  UPCAST_FAILED: 'UPCAST_FAILED',
  CORRUPT_EVENT: 'CORRUPT_EVENT',
  MASTER_KEY_MISMATCH: 'MASTER_KEY_MISMATCH',
  KEY_ROTATION_IN_PROGRESS: 'KEY_ROTATION_IN_PROGRESS',
  SAVED_STATE_UNREADABLE: 'SAVED_STATE_UNREADABLE',
  SEAL_UNOPENABLE: 'SEAL_UNOPENABLE',
  SAVED_STATE_SHAPE: 'SAVED_STATE_SHAPE',
} as const;

export type EventStoreErrorCode = (typeof EventStoreErrorCode)[keyof typeof EventStoreErrorCode];

/**
 * Base of every typed error an event store throws: a stable `code` for programs and a
 * message for people. Details never carry personal data.
 */
export class EventStoreError extends Error {
  constructor(
    readonly code: EventStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Narrows an unknown thrown value to an EventStoreError, optionally of one code. */
export function isEventStoreError(error: unknown, code?: EventStoreErrorCode): error is EventStoreError {
  return error instanceof EventStoreError && (code === undefined || error.code === code);
}
