import { randomBytes } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import { SubjectErasedError } from '../errors/subject-erased-error';
import { unwrapDataKey, wrapDataKey } from './data-key-wrapping';
import type { DataKeyLookup, ErasureReceipt, KeyVault } from './key-vault';
import type { WrappedKeyRepository } from './wrapped-key-repository';

const KEY_BYTES = 32;

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

  constructor(
    masterKey: Buffer,
    private readonly repository: WrappedKeyRepository,
  ) {
    if (masterKey.length !== KEY_BYTES) throw new RangeError('The master key must be 32 bytes.');
    this.masterKey = Buffer.from(masterKey);
  }

  async dataKeyFor(tenantId: string, subjectId: string, now: Instant): Promise<Buffer> {
    let record = await this.repository.find(tenantId, subjectId);
    if (!record) {
      const fresh = randomBytes(KEY_BYTES);
      // Two writers may create a key at once: whichever insert wins is the key for everyone.
      record = await this.repository.insertIfAbsent(
        tenantId,
        subjectId,
        this.wrap(tenantId, subjectId, fresh),
        now,
      );
    }
    if (record.erasedAt !== null || record.wrappedKey === null) {
      throw new SubjectErasedError(tenantId, subjectId, record.erasedAt ?? now);
    }
    return this.unwrap(tenantId, subjectId, record.wrappedKey);
  }

  async lookup(tenantId: string, subjectId: string): Promise<DataKeyLookup> {
    const record = await this.repository.find(tenantId, subjectId);
    if (!record) return { status: 'missing' };
    if (record.erasedAt !== null || record.wrappedKey === null) {
      return { status: 'erased', erasedAt: record.erasedAt ?? record.createdAt };
    }
    return { status: 'active', key: this.unwrap(tenantId, subjectId, record.wrappedKey) };
  }

  async destroy(tenantId: string, subjectId: string, at: Instant): Promise<ErasureReceipt> {
    const before = await this.repository.find(tenantId, subjectId);
    const tombstone = await this.repository.erase(tenantId, subjectId, at);
    return {
      tenantId,
      subjectId,
      erasedAt: tombstone.erasedAt ?? at,
      alreadyErased: before?.erasedAt != null,
    };
  }

  private wrap(tenantId: string, subjectId: string, dataKey: Buffer): Buffer {
    return wrapDataKey(this.masterKey, tenantId, subjectId, dataKey);
  }

  private unwrap(tenantId: string, subjectId: string, wrapped: Buffer): Buffer {
    return unwrapDataKey(this.masterKey, tenantId, subjectId, wrapped);
  }
}
