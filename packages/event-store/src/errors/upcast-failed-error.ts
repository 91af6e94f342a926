import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/** An upcaster threw while loading an old event into the current shape. */
export class UpcastFailedError extends EventStoreError {
  constructor(
    readonly eventId: string,
    readonly type: string,
    readonly fromVersion: number,
    cause: unknown,
  ) {
    super(
      EventStoreErrorCode.UPCAST_FAILED,
      `Upcasting ${type} v${fromVersion} (event ${eventId}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
