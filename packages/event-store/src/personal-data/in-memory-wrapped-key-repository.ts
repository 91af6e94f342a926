import type { Instant } from '@vouch/domain';
import type { WrappedKeyRecord, WrappedKeyRepository } from './wrapped-key-repository';

/** Wrapped data keys in a Map: for tests and the in-memory store. */
export class InMemoryWrappedKeyRepository implements WrappedKeyRepository {
  private readonly records = new Map<string, WrappedKeyRecord>();

  async find(tenantId: string, subjectId: string): Promise<WrappedKeyRecord | undefined> {
    return this.records.get(keyOf(tenantId, subjectId));
  }

  async insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
  ): Promise<WrappedKeyRecord> {
    const key = keyOf(tenantId, subjectId);
    const existing = this.records.get(key);
    if (existing) return existing;
    const record = { wrappedKey: Buffer.from(wrappedKey), createdAt, erasedAt: null };
    this.records.set(key, record);
    return record;
  }

  async erase(tenantId: string, subjectId: string, erasedAt: Instant): Promise<WrappedKeyRecord> {
    const key = keyOf(tenantId, subjectId);
    const existing = this.records.get(key);
    if (existing?.erasedAt) return existing;
    existing?.wrappedKey?.fill(0);
    const tombstone = { wrappedKey: null, createdAt: existing?.createdAt ?? erasedAt, erasedAt };
    this.records.set(key, tombstone);
    return tombstone;
  }
}

function keyOf(tenantId: string, subjectId: string): string {
  return JSON.stringify([tenantId, subjectId]);
}
