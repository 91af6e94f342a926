import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * An event id was appended before with different content, to another stream, or only
 * some ids of a retried append were stored: the append is neither new nor a retry.
 */
export class IdempotencyConflictError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    readonly streamId: string,
    readonly eventId: string,
    readonly reason: 'different_content' | 'different_stream' | 'partial_retry',
  ) {
    super(
      EventStoreErrorCode.IDEMPOTENCY_CONFLICT,
      `Event id ${eventId} was already appended (${reason.replace('_', ' ')}). A retry must repeat the same events unchanged; new events need new ids.`,
    );
  }
}
