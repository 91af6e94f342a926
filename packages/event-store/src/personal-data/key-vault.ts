import type { Instant } from '@vouch/domain';

/** What the vault knows of one subject's data key. */
export type DataKeyLookup =
  | { readonly status: 'active'; readonly key: Buffer }
  | { readonly status: 'erased'; readonly erasedAt: Instant }
  | { readonly status: 'missing' };

/** The outcome of destroying a subject's key. */
export interface ErasureReceipt {
  readonly tenantId: string;
  readonly subjectId: string;
  readonly erasedAt: Instant;
  /** True when the key had been destroyed before: nothing changed. */
  readonly alreadyErased: boolean;
}

/**
 * Holds one 256-bit data key per (tenant, subject). Destroying a key is what erases the
 * subject's personal data from every event (crypto-shredding); the vault keeps only a
 * tombstone with the erasure time.
 */
export interface KeyVault {
  /** The subject's data key, created on first use; throws SubjectErasedError once destroyed. */
  dataKeyFor(tenantId: string, subjectId: string, now: Instant): Promise<Buffer>;
  /**
   * Tells the vault how the appends that used a subject's key ended: `true` once one is
   * stored, `false` when the last in flight failed. A key this vault created that no stored
   * append used is removed again (unless events use it): none lingers for a subject that has
   * nothing stored.
   */
  settle(tenantId: string, subjectId: string, appended: boolean): Promise<void>;
  /** The subject's key if it exists, without creating one. */
  lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup>;
  /**
   * `lookup` of several subjects at once (the subjects of one page of events), in one
   * round trip where the vault can; an entry for every subject asked. Optional: without it
   * a reader calls `lookup` per subject.
   */
  lookupMany?(tenantId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, DataKeyLookup>>;
  /**
   * Which of the subjects are erased, with their erasure times (others are left out), in
   * one round trip where the vault can and without unwrapping any key. Optional: without it
   * a caller uses `lookupMany`/`lookup`.
   */
  erasures?(tenantId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, Instant>>;
  /** Destroys the subject's key for good; repeating it returns the first erasure time. */
  destroy(tenantId: string, subjectId: string, at: Instant): Promise<ErasureReceipt>;
}
