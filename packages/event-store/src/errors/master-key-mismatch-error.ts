import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * The master key given is not the one the store's data keys are wrapped with (its key check
 * value differs). Thrown when the store is opened, before anything is read, decrypted or
 * written: a wrong key would otherwise write new data keys nobody else can unwrap.
 */
export class MasterKeyMismatchError extends EventStoreError {
  constructor(readonly store: string) {
    super(
      EventStoreErrorCode.MASTER_KEY_MISMATCH,
      `The master key does not match ${store} (its key check value differs): start with the master key this store was created with, or move it to a new key with \`vouch keys rotate\`. Nothing was read or written.`,
    );
  }
}
