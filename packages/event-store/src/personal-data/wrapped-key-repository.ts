import type { Instant } from '@vouch/domain';
import type { MasterKeyCheckRecord } from './master-key-check';

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
  /**
   * `find` of several subjects in one query; subjects without a record are absent from the
   * map. Optional: without it the vault calls `find` per subject.
   */
  findMany?(tenantId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, WrappedKeyRecord>>;
  /**
   * Stores the key unless the subject already has a record; returns whichever record is
   * kept, or undefined when nothing was stored because the store's recorded key check value
   * is not `keyCheck` or a rotation runs (a process still holding an old master key must not
   * add keys nobody else can unwrap).
   */
  insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
    keyCheck: string,
  ): Promise<WrappedKeyRecord | undefined>;
  /** Destroys the wrapped key and keeps a tombstone; returns the (possibly earlier) tombstone. */
  erase(tenantId: string, subjectId: string, erasedAt: Instant): Promise<WrappedKeyRecord>;
  /** The store's key check record, if it has one. */
  readKeyCheck(): Promise<MasterKeyCheckRecord | undefined>;
  /**
   * Deletes the subject's key if it still holds exactly these bytes and no stored event
   * carries personal data of the subject (a key created for an append that failed).
   */
  removeUnused(tenantId: string, subjectId: string, wrappedKey: Buffer): Promise<boolean>;
}
