import type { ExpectedVersion } from '../expected-version';
import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * The stream was not at the version the writer expected: someone else appended first (or
 * the stream's existence differs). Re-read the stream, decide again, and retry.
 */
export class ConcurrencyError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's current version; 0 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(
      EventStoreErrorCode.WRONG_EXPECTED_VERSION,
      `Stream ${streamId} is at version ${actual}, but the append expected ${String(expected)}. Read the stream again, decide again and retry.`,
    );
  }
}
