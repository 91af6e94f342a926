import type { Database } from 'better-sqlite3';
import {
  checkMasterKey,
  type MasterKeyCheckRecord,
  type RotationCursor,
  type WrappedDataKey,
} from '@vouch/event-store';

interface KeyCheckRow {
  value: string;
  rotating_to: string | null;
  rotation_after: string | null;
  rotated: number;
}

/** The store's key check record, if the table exists and holds one. */
export function readSqliteKeyCheck(db: Database): MasterKeyCheckRecord | undefined {
  if (!hasTable(db, 'master_key_check')) return undefined;
  const row = db
    .prepare('SELECT value, rotating_to, rotation_after, rotated FROM master_key_check WHERE id = 1')
    .get() as KeyCheckRow | undefined;
  if (!row) return undefined;
  return {
    value: row.value,
    rotatingTo: row.rotating_to,
    rotationAfter: row.rotation_after ? (JSON.parse(row.rotation_after) as RotationCursor) : null,
    rotated: row.rotated,
  };
}

/** Any still-wrapped data key, if the table exists. */
export function sampleSqliteWrappedKey(db: Database): WrappedDataKey | undefined {
  if (!hasTable(db, 'data_keys')) return undefined;
  const row = db
    .prepare('SELECT tenant_id, subject_id, wrapped_key FROM data_keys WHERE wrapped_key IS NOT NULL LIMIT 1')
    .get() as { tenant_id: string; subject_id: string; wrapped_key: Buffer } | undefined;
  return row && { tenantId: row.tenant_id, subjectId: row.subject_id, wrappedKey: row.wrapped_key };
}

/**
 * Checks the master key against the file before its schema is created or upgraded: throws
 * MasterKeyMismatchError (or KeyRotationInProgressError) having written nothing. Returns the
 * key check value to record once the schema is there, when the file has none yet.
 */
export function checkSqliteMasterKey(db: Database, masterKey: Buffer, store: string): string | undefined {
  const recorded = readSqliteKeyCheck(db);
  const sample = recorded ? undefined : sampleSqliteWrappedKey(db);
  return checkMasterKey(masterKey, { recorded, sample }, store).record;
}

/** Records the key check value unless one is there; then checks the key against the one kept. */
export function recordSqliteKeyCheck(
  db: Database,
  masterKey: Buffer,
  value: string,
  at: string,
  store: string,
): void {
  db.prepare(
    'INSERT INTO master_key_check (id, value, recorded_at) VALUES (1, ?, ?) ON CONFLICT DO NOTHING',
  ).run(value, at);
  // Two first opens with different keys: whichever recorded first is the file's key.
  checkMasterKey(masterKey, { recorded: readSqliteKeyCheck(db), sample: undefined }, store);
}

function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
