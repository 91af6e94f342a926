import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/** Personal data of a subject whose key was destroyed cannot be written again. */
export class SubjectErasedError extends EventStoreError {
  constructor(
    readonly tenantId: string,
    readonly subjectId: string,
    readonly erasedAt: string,
  ) {
    super(
      EventStoreErrorCode.SUBJECT_ERASED,
      `Subject ${subjectId} was erased at ${erasedAt}; their personal data cannot be stored again.`,
    );
  }
}
