import type { Instant } from '@vouch/domain';

/** Values sealed under one subject's data key, for keeping outside events (e.g. in a read-model snapshot). */
export interface SealedValue {
  readonly subjectId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

/**
 * Keyed work under subjects' data keys for what lives beside the events: command
 * fingerprints and read-model snapshots. Whatever is keyed by a subject becomes
 * meaningless once that subject is erased, exactly like their personal fields in events.
 */
export interface SubjectKeys {
  /**
   * HMAC-SHA256 of `text` under a key derived from every named subject's data key (keys
   * created when missing), or from the tenant's own digest key when none is named.
   * Throws SubjectErasedError when any of the subjects is erased.
   */
  digest(tenantId: string, text: string, subjectIds: readonly string[], now: Instant): Promise<string>;
  /** Encrypts values under the subject's data key for a purpose; undefined when the subject is erased or has no key. */
  seal(
    tenantId: string,
    subjectId: string,
    purpose: string,
    values: unknown,
  ): Promise<SealedValue | undefined>;
  /**
   * Decrypts what `seal` made for the same tenant and purpose; undefined once the subject is
   * erased. Throws DataKeyMissingError when the key is gone without an erasure record, and
   * SealUnopenableError when the value does not open under the subject's key.
   */
  open(tenantId: string, sealed: SealedValue, purpose: string): Promise<unknown>;
  /** `seal` of many values (a snapshot's), their subjects' keys looked up together; results in order. */
  sealMany(
    tenantId: string,
    purpose: string,
    items: readonly { readonly subjectId: string; readonly values: unknown }[],
  ): Promise<(SealedValue | undefined)[]>;
  /** `open` of many sealed values, their subjects' keys looked up together; results in order (same errors). */
  openMany(tenantId: string, sealed: readonly SealedValue[], purpose: string): Promise<unknown[]>;
}
