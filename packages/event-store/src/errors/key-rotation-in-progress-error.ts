import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * A master-key rotation was started and not finished: some data keys are wrapped by the old
 * key and some by the new one, so the store opens for nothing but finishing the rotation.
 */
export class KeyRotationInProgressError extends EventStoreError {
  constructor(readonly store: string) {
    super(
      EventStoreErrorCode.KEY_ROTATION_IN_PROGRESS,
      `A master-key rotation of ${store} was started and not finished: run \`vouch keys rotate\` again with the same old and new key to finish it. Nothing was read or written.`,
    );
  }
}
