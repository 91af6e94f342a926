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
  /**
   * The subject's data key, created on first use; throws SubjectErasedError once destroyed.
   * Pair every call made for an append with `settle` once the append is decided.
   */
  dataKeyFor(tenantId: string, subjectId: string, now: Instant): Promise<Buffer>;
  /**
   * Tells the vault whether the append a data key was asked for got stored. A key created
   * for appends that all failed is removed again (unless events already use it): no key
   * lingers for a subject that has nothing stored.
   */
  settle(tenantId: string, subjectId: string, appended: boolean): Promise<void>;
  /** The subject's key if it exists, without creating one. */
  lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup>;
  /** Destroys the subject's key for good; repeating it returns the first erasure time. */
  destroy(tenantId: string, subjectId: string, at: Instant): Promise<ErasureReceipt>;
}
