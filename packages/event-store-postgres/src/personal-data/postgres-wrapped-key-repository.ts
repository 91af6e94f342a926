import type { Instant } from '@vouch/domain';
import type {
  KeyRotationRepository,
  MasterKeyCheckRecord,
  RewrappedKey,
  RotationCursor,
  WrappedDataKey,
  WrappedKeyRecord,
  WrappedKeyRepository,
} from '@vouch/event-store';
import type { PostgresDatabase } from '../database/postgres-database';
import { fromSqlText, toSqlText } from '../database/sql-text';
import { insertKeyCheck, readPostgresKeyCheck, samplePostgresWrappedKey } from './postgres-master-key-check';

interface KeyRow {
  wrapped_key: Buffer | null;
  created_at: string;
  erased_at: string | null;
}

/**
 * Wrapped data keys in the `data_keys` table, beside the events. Erasure overwrites the
 * wrapped bytes with NULL in the same row (a tombstone that keeps when it happened); the
 * store vacuums the table afterwards so the old row version does not linger. The master
 * key's check value and a rotation's progress live in `master_key_check`.
 */
export class PostgresWrappedKeyRepository implements WrappedKeyRepository, KeyRotationRepository {
  constructor(private readonly database: PostgresDatabase) {}

  async find(tenantId: string, subjectId: string): Promise<WrappedKeyRecord | undefined> {
    const [row] = await this.database.query<KeyRow>(
      'find data key',
      `SELECT wrapped_key, created_at, erased_at FROM ${this.database.schema}.data_keys
        WHERE tenant_id = $1 AND subject_id = $2`,
      [toSqlText(tenantId), toSqlText(subjectId)],
      // Prepared: a probe of the primary key, whichever plan the table's statistics give.
      'find_data_key',
    );
    return row && recordOf(row);
  }

  async findMany(
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<ReadonlyMap<string, WrappedKeyRecord>> {
    // One round trip for a page's subjects instead of one per subject.
    const rows = await this.database.query<KeyRow & { subject_id: string }>(
      'find data keys',
      `SELECT subject_id, wrapped_key, created_at, erased_at FROM ${this.database.schema}.data_keys
        WHERE tenant_id = $1 AND subject_id = ANY($2::text[])`,
      [toSqlText(tenantId), subjectIds.map(toSqlText)],
    );
    return new Map(rows.map((row) => [fromSqlText(row.subject_id), recordOf(row)]));
  }

  async insertIfAbsent(
    tenantId: string,
    subjectId: string,
    wrappedKey: Buffer,
    createdAt: Instant,
    keyCheck: string,
  ): Promise<WrappedKeyRecord | undefined> {
    const s = this.database.schema;
    // ON CONFLICT DO NOTHING and a re-read, rather than DO UPDATE: the first key wins. Only
    // while the schema's key check value is the inserting vault's and no rotation runs.
    const [inserted] = await this.database.query<KeyRow>(
      'store data key',
      `INSERT INTO ${s}.data_keys (tenant_id, subject_id, wrapped_key, created_at)
       SELECT $1, $2, $3, $4 WHERE NOT EXISTS
         (SELECT 1 FROM ${s}.master_key_check WHERE id = 1 AND (value <> $5 OR rotating_to IS NOT NULL))
       ON CONFLICT (tenant_id, subject_id) DO NOTHING
       RETURNING wrapped_key, created_at, erased_at`,
      [toSqlText(tenantId), toSqlText(subjectId), wrappedKey, createdAt, keyCheck],
    );
    if (inserted) return recordOf(inserted);
    return this.find(tenantId, subjectId);
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

  async removeUnused(tenantId: string, subjectId: string, wrappedKey: Buffer): Promise<boolean> {
    const s = this.database.schema;
    // Scans the tenant's personal events only on this rare path (an append that failed).
    const rows = await this.database.query(
      'remove unused data key',
      `DELETE FROM ${s}.data_keys
        WHERE tenant_id = $1 AND subject_id = $2 AND wrapped_key = $3
          AND NOT EXISTS (SELECT 1 FROM ${s}.events WHERE tenant_id = $1 AND personal IS NOT NULL
                            AND personal->>'subjectId' = $4)
        RETURNING subject_id`,
      [toSqlText(tenantId), toSqlText(subjectId), wrappedKey, subjectId],
    );
    return rows.length === 1;
  }

  async readKeyCheck(): Promise<MasterKeyCheckRecord | undefined> {
    return readPostgresKeyCheck(this.database);
  }

  async sampleWrappedKey(): Promise<WrappedDataKey | undefined> {
    return samplePostgresWrappedKey(this.database);
  }

  async recordKeyCheck(value: string, at: Instant): Promise<void> {
    await insertKeyCheck(this.database, value, at);
  }

  async beginRotation(from: string, to: string): Promise<boolean> {
    const [row] = await this.database.query<{ rotating_to: string }>(
      'begin key rotation',
      `UPDATE ${this.database.schema}.master_key_check
          SET rotating_to = $2,
              rotation_after = CASE WHEN rotating_to IS NULL THEN NULL ELSE rotation_after END,
              rotated = CASE WHEN rotating_to IS NULL THEN 0 ELSE rotated END
        WHERE id = 1 AND value = $1 AND (rotating_to IS NULL OR rotating_to = $2)
        RETURNING rotating_to`,
      [from, to],
    );
    return row !== undefined;
  }

  async countWrappedKeys(after: RotationCursor | null): Promise<number> {
    const [row] = await this.database.query<{ n: string }>(
      'count data keys',
      `SELECT count(*) AS n FROM ${this.database.schema}.data_keys
        WHERE wrapped_key IS NOT NULL AND ($1::text IS NULL OR (tenant_id, subject_id) > ($1, $2))`,
      [after && toSqlText(after.tenantId), after && toSqlText(after.subjectId)],
    );
    return Number(row?.n ?? 0);
  }

  async wrappedKeysAfter(after: RotationCursor | null, limit: number): Promise<WrappedDataKey[]> {
    const rows = await this.database.query<{ tenant_id: string; subject_id: string; wrapped_key: Buffer }>(
      'page data keys',
      `SELECT tenant_id, subject_id, wrapped_key FROM ${this.database.schema}.data_keys
        WHERE wrapped_key IS NOT NULL AND ($1::text IS NULL OR (tenant_id, subject_id) > ($1, $2))
        ORDER BY tenant_id, subject_id LIMIT $3`,
      [after && toSqlText(after.tenantId), after && toSqlText(after.subjectId), limit],
    );
    return rows.map((r) => ({
      tenantId: fromSqlText(r.tenant_id),
      subjectId: fromSqlText(r.subject_id),
      wrappedKey: r.wrapped_key,
    }));
  }

  async saveRewrapped(
    rewrapped: readonly RewrappedKey[],
    progress: { readonly after: RotationCursor; readonly rotated: number },
  ): Promise<void> {
    const s = this.database.schema;
    await this.database.transaction('save re-wrapped data keys', async (client) => {
      if (rewrapped.length > 0) {
        // Only rows that still hold the bytes read: a key erased meanwhile stays erased.
        await client.query(
          `UPDATE ${s}.data_keys AS k SET wrapped_key = r.next
             FROM unnest($1::text[], $2::text[], $3::bytea[], $4::bytea[]) AS r(tenant_id, subject_id, previous, next)
            WHERE k.tenant_id = r.tenant_id AND k.subject_id = r.subject_id AND k.wrapped_key = r.previous`,
          [
            rewrapped.map((r) => toSqlText(r.key.tenantId)),
            rewrapped.map((r) => toSqlText(r.key.subjectId)),
            rewrapped.map((r) => r.key.wrappedKey),
            rewrapped.map((r) => r.wrappedKey),
          ],
        );
      }
      await client.query(
        `UPDATE ${s}.master_key_check SET rotation_after = $1, rotated = $2 WHERE id = 1 AND rotating_to IS NOT NULL`,
        [JSON.stringify(progress.after), progress.rotated],
      );
    });
  }

  async finishRotation(from: string, to: string): Promise<boolean> {
    const rows = await this.database.query(
      'finish key rotation',
      `UPDATE ${this.database.schema}.master_key_check
          SET value = rotating_to, rotating_to = NULL, rotation_after = NULL, rotated = 0
        WHERE id = 1 AND value = $1 AND rotating_to = $2
        RETURNING id`,
      [from, to],
    );
    return rows.length === 1;
  }
}

function recordOf(row: KeyRow): WrappedKeyRecord {
  return { wrappedKey: row.wrapped_key, createdAt: row.created_at, erasedAt: row.erased_at };
}
