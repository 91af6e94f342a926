import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * A sealed value (a saved snapshot's contact, a process manager's pending nomination) does
 * not open under its subject's key, and the subject is not erased: the key is not the one it
 * was sealed with (a vault restored apart from the saved state, a row copied from elsewhere)
 * or the sealed bytes were changed. Names the subject and purpose, never the value.
 */
export class SealUnopenableError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly purpose: string,
  ) {
    super(
      EventStoreErrorCode.SEAL_UNOPENABLE,
      `A value sealed for ${purpose} under subject ${subjectId} of tenant ${tenantId} does not open under the subject's key, and the subject is not erased (a key vault restored apart from the saved state, or changed bytes).`,
    );
  }
}
