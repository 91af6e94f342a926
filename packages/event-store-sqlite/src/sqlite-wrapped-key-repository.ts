import type { Database } from 'better-sqlite3';
import type { Instant } from '@vouch/domain';
import { StoreUnavailableError, type WrappedKeyRecord, type WrappedKeyRepository } from '@vouch/event-store';

interface KeyRow {
  wrapped_key: Buffer | null;
  created_at: string;
  erased_at: string | null;
}

/**
 * Wrapped data keys in the `data_keys` table of the event store's own file. Erasing
 * deletes the row and writes a tombstone without the key; with `secure_delete` on, SQLite
 * zeroes the freed bytes, and the store then truncates the WAL that may still hold them.
 */
export class SqliteWrappedKeyRepository implements WrappedKeyRepository {
  private readonly find_;
  private readonly insert;
  private readonly remove;
  private readonly tombstone;

  constructor(
    private readonly db: Database,
    /** Told of every failed and successful write, so readiness sees a full disk. */
    private readonly health?: { failed(error: unknown): void; succeeded(): void },
  ) {
    this.find_ = db.prepare(
      'SELECT wrapped_key, created_at, erased_at FROM data_keys WHERE tenant_id = ? AND subject_id = ?',
    );
    this.insert = db.prepare(
      'INSERT INTO data_keys (tenant_id, subject_id, wrapped_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.remove = db.prepare('DELETE FROM data_keys WHERE tenant_id = ? AND subject_id = ?');
    this.tombstone = db.prepare(
      'INSERT INTO data_keys (tenant_id, subject_id, wrapped_key, created_at, erased_at) VALUES (?, ?, NULL, ?, ?)',
    );
  }

  async find(tenantId: string, subjectId: string): Promise<WrappedKeyRecord | undefined> {
    const row = this.run('read', () => this.find_.get(tenantId, subjectId) as KeyRow | undefined);
    return row && toRecord(row);
  }

  async insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
  ): Promise<WrappedKeyRecord> {
    this.run('write', () => this.insert.run(tenantId, subjectId, wrappedKey, createdAt));
    return toRecord(this.run('read', () => this.find_.get(tenantId, subjectId) as KeyRow));
  }

  async erase(tenantId: string, subjectId: string, erasedAt: Instant): Promise<WrappedKeyRecord> {
    return this.run('write', () =>
      this.db
        .transaction(() => {
          const row = this.find_.get(tenantId, subjectId) as KeyRow | undefined;
          if (row?.erased_at) return toRecord(row);
          this.remove.run(tenantId, subjectId);
          this.tombstone.run(tenantId, subjectId, row?.created_at ?? erasedAt, erasedAt);
          return { wrappedKey: null, createdAt: row?.created_at ?? erasedAt, erasedAt };
        })
        .immediate(),
    );
  }

  /** A database failure (a full disk, a read-only file, a closed connection) as STORE_UNAVAILABLE. */
  private run<T>(kind: 'read' | 'write', operation: () => T): T {
    try {
      const result = operation();
      if (kind === 'write') this.health?.succeeded();
      return result;
    } catch (error) {
      if (kind === 'write') this.health?.failed(error);
      throw new StoreUnavailableError(
        `The event store could not ${kind} a data key; nothing was written.`,
        error,
      );
    }
  }
}

function toRecord(row: KeyRow): WrappedKeyRecord {
  return { wrappedKey: row.wrapped_key, createdAt: row.created_at, erasedAt: row.erased_at };
}
