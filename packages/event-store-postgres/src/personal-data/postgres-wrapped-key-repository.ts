import type { Instant } from '@vouch/domain';
import type { WrappedKeyRecord, WrappedKeyRepository } from '@vouch/event-store';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';

interface KeyRow {
  wrapped_key: Buffer | null;
  created_at: string;
  erased_at: string | null;
}

/**
 * Wrapped data keys in the `data_keys` table, beside the events. Erasure overwrites the
 * wrapped bytes with NULL in the same row (a tombstone that keeps when it happened); the
 * store vacuums the table afterwards so the old row version does not linger.
 */
export class PostgresWrappedKeyRepository implements WrappedKeyRepository {
  constructor(private readonly database: PostgresDatabase) {}

  async find(tenantId: string, subjectId: string): Promise<WrappedKeyRecord | undefined> {
    const [row] = await this.database.query<KeyRow>(
      'find data key',
      `SELECT wrapped_key, created_at, erased_at FROM ${this.database.schema}.data_keys
        WHERE tenant_id = $1 AND subject_id = $2`,
      [toSqlText(tenantId), toSqlText(subjectId)],
    );
    return row && recordOf(row);
  }

  async insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
  ): Promise<WrappedKeyRecord> {
    // ON CONFLICT DO NOTHING and a re-read, rather than DO UPDATE: the first key wins.
    const [inserted] = await this.database.query<KeyRow>(
      'store data key',
      `INSERT INTO ${this.database.schema}.data_keys (tenant_id, subject_id, wrapped_key, created_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, subject_id) DO NOTHING
       RETURNING wrapped_key, created_at, erased_at`,
      [toSqlText(tenantId), toSqlText(subjectId), wrappedKey, createdAt],
    );
    if (inserted) return recordOf(inserted);
    const existing = await this.find(tenantId, subjectId);
    if (!existing) throw new Error('A data key that conflicted on insert could not be read back.');
    return existing;
  }

  async erase(tenantId: string, subjectId: string, erasedAt: Instant): Promise<WrappedKeyRecord> {
    const [changed] = await this.database.query<KeyRow>(
      'erase data key',
      `INSERT INTO ${this.database.schema}.data_keys AS k (tenant_id, subject_id, wrapped_key, created_at, erased_at)
       VALUES ($1, $2, NULL, $3, $3)
       ON CONFLICT (tenant_id, subject_id) DO UPDATE SET wrapped_key = NULL, erased_at = EXCLUDED.erased_at
         WHERE k.erased_at IS NULL
       RETURNING wrapped_key, created_at, erased_at`,
      [toSqlText(tenantId), toSqlText(subjectId), erasedAt],
    );
    if (changed) return recordOf(changed);
    const tombstone = await this.find(tenantId, subjectId);
    if (!tombstone) throw new Error('An erased data key could not be read back.');
    return tombstone;
  }
}

function recordOf(row: KeyRow): WrappedKeyRecord {
  return { wrappedKey: row.wrapped_key, createdAt: row.created_at, erasedAt: row.erased_at };
}
