import type { Instant } from '@vouch/domain';
import type { WrappedDataKey } from './data-key-wrapping';
import type { MasterKeyCheckRecord, RotationCursor } from './master-key-check';
import type { KeyRotationRepository, RewrappedKey } from './rotate-master-key';
import type { WrappedKeyRecord, WrappedKeyRepository } from './wrapped-key-repository';

/** Wrapped data keys in a Map: for tests and the in-memory store. */
export class InMemoryWrappedKeyRepository implements WrappedKeyRepository, KeyRotationRepository {
  private readonly records = new Map<string, WrappedKeyRecord>();
  private keyCheck: MasterKeyCheckRecord | undefined;

  async find(tenantId: string, subjectId: string): Promise<WrappedKeyRecord | undefined> {
    return this.records.get(keyOf(tenantId, subjectId));
  }

  async insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
    keyCheck: string,
  ): Promise<WrappedKeyRecord | undefined> {
    const key = keyOf(tenantId, subjectId);
    const existing = this.records.get(key);
    if (existing) return existing;
    if (this.keyCheck && (this.keyCheck.value !== keyCheck || this.keyCheck.rotatingTo !== null))
      return undefined;
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

  // The in-memory store keeps its events elsewhere: the vault's own count of users decides.
  async removeUnused(tenantId: string, subjectId: string, wrappedKey: Buffer): Promise<boolean> {
    const key = keyOf(tenantId, subjectId);
    if (!this.records.get(key)?.wrappedKey?.equals(wrappedKey)) return false;
    this.records.get(key)!.wrappedKey!.fill(0);
    return this.records.delete(key);
  }

  async readKeyCheck(): Promise<MasterKeyCheckRecord | undefined> {
    return this.keyCheck;
  }

  async sampleWrappedKey(): Promise<WrappedDataKey | undefined> {
    return (await this.wrappedKeysAfter(null, 1))[0];
  }

  async recordKeyCheck(value: string): Promise<void> {
    this.keyCheck ??= { value, rotatingTo: null, rotationAfter: null, rotated: 0 };
  }

  async beginRotation(from: string, to: string): Promise<boolean> {
    const current = this.keyCheck;
    if (!current || current.value !== from) return false;
    if (current.rotatingTo !== null) return current.rotatingTo === to;
    this.keyCheck = { ...current, rotatingTo: to, rotationAfter: null, rotated: 0 };
    return true;
  }

  async countWrappedKeys(after: RotationCursor | null): Promise<number> {
    return this.wrapped(after).length;
  }

  async wrappedKeysAfter(after: RotationCursor | null, limit: number): Promise<WrappedDataKey[]> {
    return this.wrapped(after).slice(0, limit);
  }

  async saveRewrapped(
    rewrapped: readonly RewrappedKey[],
    progress: { readonly after: RotationCursor; readonly rotated: number },
  ): Promise<void> {
    for (const { key, wrappedKey } of rewrapped) {
      const record = this.records.get(keyOf(key.tenantId, key.subjectId));
      if (record?.wrappedKey?.equals(key.wrappedKey)) {
        this.records.set(keyOf(key.tenantId, key.subjectId), {
          ...record,
          wrappedKey: Buffer.from(wrappedKey),
        });
      }
    }
    this.keyCheck = { ...this.keyCheck!, rotationAfter: progress.after, rotated: progress.rotated };
  }

  async finishRotation(from: string, to: string): Promise<boolean> {
    if (this.keyCheck?.value !== from || this.keyCheck.rotatingTo !== to) return false;
    this.keyCheck = { value: to, rotatingTo: null, rotationAfter: null, rotated: 0 };
    return true;
  }

  private wrapped(after: RotationCursor | null): WrappedDataKey[] {
    return [...this.records.entries()]
      .map(([key, record]) => {
        const [tenantId, subjectId] = JSON.parse(key) as [string, string];
        return { tenantId, subjectId, wrappedKey: record.wrappedKey };
      })
      .filter((k): k is WrappedDataKey => k.wrappedKey !== null)
      .filter((k) => after === null || compare(k, after) > 0)
      .sort(compare);
  }
}

function compare(a: RotationCursor, b: RotationCursor): number {
  if (a.tenantId !== b.tenantId) return a.tenantId < b.tenantId ? -1 : 1;
  if (a.subjectId !== b.subjectId) return a.subjectId < b.subjectId ? -1 : 1;
  return 0;
}

function keyOf(tenantId: string, subjectId: string): string {
  return JSON.stringify([tenantId, subjectId]);
}
