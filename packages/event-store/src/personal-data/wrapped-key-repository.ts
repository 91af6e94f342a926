import type { Instant } from '@vouch/domain';

/** A data key as persisted: wrapped by the master key, or destroyed (only the tombstone left). */
export interface WrappedKeyRecord {
  readonly wrappedKey: Buffer | null;
  readonly createdAt: Instant;
  readonly erasedAt: Instant | null;
}

/**
 * Persistence of wrapped data keys, so the vault can live in memory, in the SQLite file
 * beside the events, or elsewhere. Implementations must destroy the wrapped bytes on
 * `erase` (not merely flag them), since the master key could otherwise unwrap them.
 */
export interface WrappedKeyRepository {
  find(tenantId: string, subjectId: string): Promise<WrappedKeyRecord | undefined>;
  /** Stores the key unless the subject already has a record; returns whichever record is kept. */
  insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
  ): Promise<WrappedKeyRecord>;
  /** Destroys the wrapped key and keeps a tombstone; returns the (possibly earlier) tombstone. */
  erase(tenantId: string, subjectId: string, erasedAt: Instant): Promise<WrappedKeyRecord>;
  /**
   * Deletes the subject's key if it still holds exactly these bytes and no stored event
   * carries personal data of the subject (a key created for an append that failed).
   */
  removeUnused(tenantId: string, subjectId: string, wrappedKey: Buffer): Promise<boolean>;
}
