import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/** A stored event cannot be decoded or decrypted: its bytes were damaged or tampered with. */
export class CorruptEventError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    readonly streamId: string,
    readonly version: number,
    detail: string,
  ) {
    super(
      EventStoreErrorCode.CORRUPT_EVENT,
      `Event ${version} of stream ${streamId} cannot be read (${detail}). Run verifyStream to see where the history was changed.`,
    );
  }
}
