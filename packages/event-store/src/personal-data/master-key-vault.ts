import { randomBytes } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import { KeyRotationInProgressError } from '../errors/key-rotation-in-progress-error';
import { MasterKeyMismatchError } from '../errors/master-key-mismatch-error';
import { SubjectErasedError } from '../errors/subject-erased-error';
import { masterKeyCheckValue } from './master-key-check';
import { unwrapDataKey, wrapDataKey } from './data-key-wrapping';
import type { DataKeyLookup, ErasureReceipt, KeyVault } from './key-vault';
import type { WrappedKeyRecord, WrappedKeyRepository } from './wrapped-key-repository';

const KEY_BYTES = 32;
/** Unwrapped keys kept per vault (≈ 100 bytes each): a catch-up meets a subject again pages later. */
export const UNWRAPPED_KEPT = 4096;
const MISSING: DataKeyLookup = { status: 'missing' };

/** Reads a 256-bit master key from configuration (base64 or hex of exactly 32 bytes). */
export function masterKeyFrom(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new RangeError(`The master key must be 32 bytes (base64 or hex); got ${key.length}.`);
  }
  return key;
}

/**
 * A key vault whose data keys are random 256-bit keys wrapped (AES-256-GCM) by a master
 * key from configuration and persisted through a repository. The wrap is bound to tenant
 * and subject, so a wrapped key moved to another subject does not unwrap.
 */
export class MasterKeyVault implements KeyVault {
  private readonly masterKey: Buffer;
  private readonly keyCheck: string;
  /** Keys this process created that no stored append has used yet, as wrapped. */
  private readonly unconfirmed = new Map<string, Buffer>();
  /**
   * Data keys already unwrapped, with the wrapped bytes they came from. The repository is
   * still asked on every look-up (an erasure by any process shows on the next read); only
   * the unwrap — an AES-GCM decryption as costly as opening an event's personal fields, paid
   * again on every page a subject appears in — is skipped when the stored bytes are the same.
   */
  private readonly unwrapped = new Map<string, { wrapped: Buffer; key: Buffer }>();

  constructor(
    masterKey: Buffer,
    private readonly repository: WrappedKeyRepository,
  ) {
    if (masterKey.length !== KEY_BYTES) throw new RangeError('The master key must be 32 bytes.');
    this.masterKey = Buffer.from(masterKey);
    this.keyCheck = masterKeyCheckValue(masterKey);
  }

  async dataKeyFor(tenantId: string, subjectId: string, now: Instant): Promise<Buffer> {
    let record = await this.repository.find(tenantId, subjectId);
    if (!record) {
      const wrapped = this.wrap(tenantId, subjectId, randomBytes(KEY_BYTES));
      // Two writers may create a key at once: whichever insert wins is the key for everyone.
      const kept = await this.repository.insertIfAbsent(tenantId, subjectId, wrapped, now, this.keyCheck);
      if (!kept) throw await this.refusal();
      record = kept;
      if (record.wrappedKey?.equals(wrapped)) this.unconfirmed.set(keyOf(tenantId, subjectId), wrapped);
    }
    if (record.erasedAt !== null || record.wrappedKey === null) {
      this.unwrapped.delete(keyOf(tenantId, subjectId));
      throw new SubjectErasedError(tenantId, subjectId, record.erasedAt ?? now);
    }
    return this.unwrap(tenantId, subjectId, record.wrappedKey);
  }

  async settle(tenantId: string, subjectId: string, appended: boolean): Promise<void> {
    const id = keyOf(tenantId, subjectId);
    const wrapped = this.unconfirmed.get(id);
    if (!wrapped) return;
    // Either stored events use the key now, or it is removed: this path never sees it again.
    this.unconfirmed.delete(id);
    if (!appended) await this.repository.removeUnused(tenantId, subjectId, wrapped);
  }

  async lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup> {
    return this.lookupOf(tenantId, subjectId, await this.repository.find(tenantId, subjectId));
  }

  async lookupMany(
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<ReadonlyMap<string, DataKeyLookup>> {
    const lookups = new Map<string, DataKeyLookup>();
    if (!this.repository.findMany) {
      for (const subjectId of subjectIds) lookups.set(subjectId, await this.lookup(tenantId, subjectId));
      return lookups;
    }
    return this.lookupsFrom(tenantId, subjectIds, await this.repository.findMany(tenantId, subjectIds));
  }

  /**
   * The look-ups of the subjects from records of this vault's repository read some other way
   * (a store whose events and keys share a database reads them with events, in one statement);
   * a subject without a record is missing, as in `lookupMany`.
   */
  lookupsFrom(
    tenantId: string,
    subjectIds: readonly string[],
    records: ReadonlyMap<string, WrappedKeyRecord>,
  ): Map<string, DataKeyLookup> {
    const lookups = new Map<string, DataKeyLookup>();
    // The keys kept unwrapped are answered before any other is unwrapped: a batch longer than
    // the keys kept would otherwise evict, with its own first unwraps, the kept keys it asks
    // for later (a rebuild's final save sealed 5,000 contacts in the order the catch-up had
    // read them, and unwrapped every one of their keys a second time).
    let unwrapLater: string[] | undefined;
    for (const subjectId of subjectIds) {
      const record = records.get(subjectId);
      if (
        record?.wrappedKey &&
        record.erasedAt === null &&
        !this.keeps(tenantId, subjectId, record.wrappedKey)
      ) {
        (unwrapLater ??= []).push(subjectId);
        lookups.set(subjectId, MISSING); // holds its place: the answer keeps the order asked
      } else lookups.set(subjectId, this.lookupOf(tenantId, subjectId, record));
    }
    if (unwrapLater) {
      for (const subjectId of unwrapLater) {
        lookups.set(subjectId, this.lookupOf(tenantId, subjectId, records.get(subjectId)));
      }
    }
    return lookups;
  }

  // Whether the key wrapped as `wrapped` is kept unwrapped (no AES-GCM to answer it).
  private keeps(tenantId: string, subjectId: string, wrapped: Buffer): boolean {
    return this.unwrapped.get(keyOf(tenantId, subjectId))?.wrapped.equals(wrapped) === true;
  }

  async erasures(tenantId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, Instant>> {
    const erased = new Map<string, Instant>();
    const records = this.repository.findMany
      ? await this.repository.findMany(tenantId, subjectIds)
      : new Map(
          await Promise.all(
            subjectIds.map(async (s) => [s, await this.repository.find(tenantId, s)] as const),
          ),
        );
    for (const subjectId of subjectIds) {
      const record = records.get(subjectId);
      if (record && (record.erasedAt !== null || record.wrappedKey === null)) {
        erased.set(subjectId, record.erasedAt ?? record.createdAt);
      }
    }
    return erased;
  }

  private lookupOf(tenantId: string, subjectId: string, record: WrappedKeyRecord | undefined): DataKeyLookup {
    if (!record || record.erasedAt !== null || record.wrappedKey === null) {
      // Erased (or removed) by any process: this vault forgets the plaintext key at once too.
      this.unwrapped.delete(keyOf(tenantId, subjectId));
      if (!record) return { status: 'missing' };
      return { status: 'erased', erasedAt: record.erasedAt ?? record.createdAt };
    }
    return { status: 'active', key: this.unwrap(tenantId, subjectId, record.wrappedKey) };
  }

  async destroy(tenantId: string, subjectId: string, at: Instant): Promise<ErasureReceipt> {
    const before = await this.repository.find(tenantId, subjectId);
    this.unwrapped.delete(keyOf(tenantId, subjectId));
    const tombstone = await this.repository.erase(tenantId, subjectId, at);
    return {
      tenantId,
      subjectId,
      erasedAt: tombstone.erasedAt ?? at,
      alreadyErased: before?.erasedAt != null,
    };
  }

  // The store moved on to another master key (or is rotating) since this vault was made.
  private async refusal(): Promise<Error> {
    const recorded = await this.repository.readKeyCheck();
    return recorded?.rotatingTo != null
      ? new KeyRotationInProgressError('the key vault')
      : new MasterKeyMismatchError('the key vault');
  }

  private wrap(tenantId: string, subjectId: string, dataKey: Buffer): Buffer {
    return wrapDataKey(this.masterKey, tenantId, subjectId, dataKey);
  }

  private unwrap(tenantId: string, subjectId: string, wrapped: Buffer): Buffer {
    const id = keyOf(tenantId, subjectId);
    const known = this.unwrapped.get(id);
    if (known?.wrapped.equals(wrapped)) return Buffer.from(known.key);
    const key = unwrapDataKey(this.masterKey, tenantId, subjectId, wrapped);
    if (known) this.unwrapped.delete(id);
    else if (this.unwrapped.size >= UNWRAPPED_KEPT)
      this.unwrapped.delete(this.unwrapped.keys().next().value!);
    // Copies in and out: a caller that zeroes its key after use leaves this one intact.
    this.unwrapped.set(id, { wrapped: Buffer.from(wrapped), key: Buffer.from(key) });
    return key;
  }
}

function keyOf(tenantId: string, subjectId: string): string {
  return JSON.stringify([tenantId, subjectId]);
}
