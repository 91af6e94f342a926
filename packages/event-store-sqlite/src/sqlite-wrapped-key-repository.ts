import type { Database } from 'better-sqlite3';
import type { Instant } from '@vouch/domain';
import {
  StoreUnavailableError,
  type KeyRotationRepository,
  type MasterKeyCheckRecord,
  type RewrappedKey,
  type RotationCursor,
  type WrappedDataKey,
  type WrappedKeyRecord,
  type WrappedKeyRepository,
} from '@vouch/event-store';
import { readSqliteKeyCheck, sampleSqliteWrappedKey } from './sqlite-master-key-check';

interface KeyRow {
  wrapped_key: Buffer | null;
  created_at: string;
  erased_at: string | null;
}

interface WrappedRow {
  tenant_id: string;
  subject_id: string;
  wrapped_key: Buffer;
}

export interface SqliteWrappedKeyRepositoryOptions {
  /**
   * Truncate the WAL after each erasure, here rather than by the store: for a key file kept
   * beside a store of another kind (EventStoreDB), whose own erasure hook cannot reach it.
   */
  readonly truncateWalAfterErase?: boolean;
}

/**
 * Wrapped data keys in the `data_keys` table of the event store's own file. Erasing
 * deletes the row and writes a tombstone without the key; with `secure_delete` on, SQLite
 * zeroes the freed bytes, and the store (or this repository, when told) then truncates the
 * WAL that may still hold them.
 * The master key's check value and a rotation's progress live in `master_key_check`.
 */
export class SqliteWrappedKeyRepository implements WrappedKeyRepository, KeyRotationRepository {
  private readonly find_;
  private readonly findMany_;
  private readonly insert;
  private readonly remove;
  private readonly tombstone;

  constructor(
    private readonly db: Database,
    /** Told of every failed and successful write, so readiness sees a full disk. */
    private readonly health?: { failed(error: unknown): void; succeeded(): void },
    private readonly options: SqliteWrappedKeyRepositoryOptions = {},
  ) {
    this.find_ = db.prepare(
      'SELECT wrapped_key, created_at, erased_at FROM data_keys WHERE tenant_id = ? AND subject_id = ?',
    );
    // The subjects as one JSON array parameter: one statement for any number of them.
    this.findMany_ = db.prepare(
      `SELECT subject_id, wrapped_key, created_at, erased_at FROM data_keys
       WHERE tenant_id = ? AND subject_id IN (SELECT value FROM json_each(?))`,
    );
    // Only while the file's key check value is the inserting vault's and no rotation runs.
    this.insert = db.prepare(
      `INSERT INTO data_keys (tenant_id, subject_id, wrapped_key, created_at)
       SELECT ?, ?, ?, ? WHERE NOT EXISTS
         (SELECT 1 FROM master_key_check WHERE id = 1 AND (value <> ? OR rotating_to IS NOT NULL))
       ON CONFLICT DO NOTHING`,
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

  async findMany(
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<ReadonlyMap<string, WrappedKeyRecord>> {
    const rows = this.run(
      'read',
      () => this.findMany_.all(tenantId, JSON.stringify(subjectIds)) as (KeyRow & { subject_id: string })[],
    );
    return new Map(rows.map((row) => [row.subject_id, toRecord(row)]));
  }

  async insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
    keyCheck: string,
  ): Promise<WrappedKeyRecord | undefined> {
    this.run('write', () => this.insert.run(tenantId, subjectId, wrappedKey, createdAt, keyCheck));
    const row = this.run('read', () => this.find_.get(tenantId, subjectId) as KeyRow | undefined);
    return row && toRecord(row);
  }

  async erase(tenantId: string, subjectId: string, erasedAt: Instant): Promise<WrappedKeyRecord> {
    const record = this.run('write', () =>
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
    if (this.options.truncateWalAfterErase)
      this.run('write', () => this.db.pragma('wal_checkpoint(TRUNCATE)'));
    return record;
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

  async removeUnused(tenantId: string, subjectId: string, wrappedKey: Buffer): Promise<boolean> {
    // Scans the tenant's personal events only on this rare path (an append that failed).
    const result = this.run('write', () =>
      this.db
        .prepare(
          `DELETE FROM data_keys
            WHERE tenant_id = ? AND subject_id = ? AND wrapped_key = ?
              AND NOT EXISTS (SELECT 1 FROM events WHERE tenant_id = ? AND personal IS NOT NULL
                                AND json_extract(personal, '$.subjectId') = ?)`,
        )
        .run(tenantId, subjectId, wrappedKey, tenantId, subjectId),
    );
    return result.changes === 1;
  }

  async readKeyCheck(): Promise<MasterKeyCheckRecord | undefined> {
    return readSqliteKeyCheck(this.db);
  }

  async sampleWrappedKey(): Promise<WrappedDataKey | undefined> {
    return sampleSqliteWrappedKey(this.db);
  }

  async recordKeyCheck(value: string, at: Instant): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO master_key_check (id, value, recorded_at) VALUES (1, ?, ?) ON CONFLICT DO NOTHING',
      )
      .run(value, at);
  }

  async beginRotation(from: string, to: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const current = readSqliteKeyCheck(this.db);
        if (!current || current.value !== from) return false;
        if (current.rotatingTo !== null) return current.rotatingTo === to;
        this.db
          .prepare(
            'UPDATE master_key_check SET rotating_to = ?, rotation_after = NULL, rotated = 0 WHERE id = 1',
          )
          .run(to);
        return true;
      })
      .immediate();
  }

  async countWrappedKeys(after: RotationCursor | null): Promise<number> {
    const row = (
      after === null
        ? this.db.prepare('SELECT count(*) AS n FROM data_keys WHERE wrapped_key IS NOT NULL').get()
        : this.db
            .prepare(
              'SELECT count(*) AS n FROM data_keys WHERE wrapped_key IS NOT NULL AND (tenant_id, subject_id) > (?, ?)',
            )
            .get(after.tenantId, after.subjectId)
    ) as { n: number };
    return row.n;
  }

  async wrappedKeysAfter(after: RotationCursor | null, limit: number): Promise<WrappedDataKey[]> {
    const rows = (
      after === null
        ? this.db
            .prepare(
              'SELECT tenant_id, subject_id, wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL ORDER BY tenant_id, subject_id LIMIT ?',
            )
            .all(limit)
        : this.db
            .prepare(
              `SELECT tenant_id, subject_id, wrapped_key FROM data_keys
                WHERE wrapped_key IS NOT NULL AND (tenant_id, subject_id) > (?, ?)
                ORDER BY tenant_id, subject_id LIMIT ?`,
            )
            .all(after.tenantId, after.subjectId, limit)
    ) as WrappedRow[];
    return rows.map((r) => ({ tenantId: r.tenant_id, subjectId: r.subject_id, wrappedKey: r.wrapped_key }));
  }

  async saveRewrapped(
    rewrapped: readonly RewrappedKey[],
    progress: { readonly after: RotationCursor; readonly rotated: number },
  ): Promise<void> {
    const replace = this.db.prepare(
      'UPDATE data_keys SET wrapped_key = ? WHERE tenant_id = ? AND subject_id = ? AND wrapped_key = ?',
    );
    const advance = this.db.prepare(
      'UPDATE master_key_check SET rotation_after = ?, rotated = ? WHERE id = 1 AND rotating_to IS NOT NULL',
    );
    this.db
      .transaction(() => {
        for (const { key, wrappedKey } of rewrapped) {
          replace.run(wrappedKey, key.tenantId, key.subjectId, key.wrappedKey);
        }
        advance.run(JSON.stringify(progress.after), progress.rotated);
      })
      .immediate();
  }

  async finishRotation(from: string, to: string): Promise<boolean> {
    const result = this.db
      .prepare(
        `UPDATE master_key_check SET value = rotating_to, rotating_to = NULL, rotation_after = NULL, rotated = 0
          WHERE id = 1 AND value = ? AND rotating_to = ?`,
      )
      .run(from, to);
    return result.changes === 1;
  }
}

function toRecord(row: KeyRow): WrappedKeyRecord {
  return { wrappedKey: row.wrapped_key, createdAt: row.created_at, erasedAt: row.erased_at };
}
