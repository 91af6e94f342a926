import type { Instant } from '@vouch/domain';
import { checkMasterKey, type MasterKeyCheckRecord, type RotationCursor } from '@vouch/event-store';
import type { PostgresDatabase } from '../database/postgres-database';
import { fromSqlText } from '../database/sql-text';

interface KeyCheckRow {
  value: string;
  rotating_to: string | null;
  rotation_after: string | null;
  rotated: string | number;
}

/** The schema's key check record, if its table exists and holds one. */
export async function readPostgresKeyCheck(
  database: PostgresDatabase,
): Promise<MasterKeyCheckRecord | undefined> {
  if (!(await hasTable(database, 'master_key_check'))) return undefined;
  const [row] = await database.query<KeyCheckRow>(
    'read master key check',
    `SELECT value, rotating_to, rotation_after, rotated FROM ${database.schema}.master_key_check WHERE id = 1`,
  );
  if (!row) return undefined;
  return {
    value: row.value,
    rotatingTo: row.rotating_to,
    rotationAfter: row.rotation_after ? (JSON.parse(row.rotation_after) as RotationCursor) : null,
    rotated: Number(row.rotated),
  };
}

/** Any still-wrapped data key of the schema, if its table exists. */
export async function samplePostgresWrappedKey(
  database: PostgresDatabase,
): Promise<{ tenantId: string; subjectId: string; wrappedKey: Buffer } | undefined> {
  if (!(await hasTable(database, 'data_keys'))) return undefined;
  const [row] = await database.query<{ tenant_id: string; subject_id: string; wrapped_key: Buffer }>(
    'sample data key',
    `SELECT tenant_id, subject_id, wrapped_key FROM ${database.schema}.data_keys WHERE wrapped_key IS NOT NULL LIMIT 1`,
  );
  return (
    row && {
      tenantId: fromSqlText(row.tenant_id),
      subjectId: fromSqlText(row.subject_id),
      wrappedKey: row.wrapped_key,
    }
  );
}

/**
 * Checks the master key against the schema before it is migrated: throws
 * MasterKeyMismatchError (or KeyRotationInProgressError) having written nothing. Returns the
 * key check value to record once the schema is migrated, when it has none yet.
 */
export async function checkPostgresMasterKey(
  database: PostgresDatabase,
  masterKey: Buffer,
  store: string,
): Promise<string | undefined> {
  const recorded = await readPostgresKeyCheck(database);
  const sample = recorded ? undefined : await samplePostgresWrappedKey(database);
  return checkMasterKey(masterKey, { recorded, sample }, store).record;
}

/** Records the key check value unless one is there; then checks the key against the one kept. */
export async function recordPostgresKeyCheck(
  database: PostgresDatabase,
  masterKey: Buffer,
  value: string,
  at: Instant,
  store: string,
): Promise<void> {
  await insertKeyCheck(database, value, at);
  // Two first opens with different keys: whichever recorded first is the schema's key.
  checkMasterKey(masterKey, { recorded: await readPostgresKeyCheck(database), sample: undefined }, store);
}

/** Inserts the key check row unless there is one. */
export async function insertKeyCheck(database: PostgresDatabase, value: string, at: Instant): Promise<void> {
  await database.query(
    'record master key check',
    `INSERT INTO ${database.schema}.master_key_check (id, value, recorded_at) VALUES (1, $1, $2)
     ON CONFLICT (id) DO NOTHING`,
    [value, at],
  );
}

async function hasTable(database: PostgresDatabase, table: string): Promise<boolean> {
  const [row] = await database.query<{ found: boolean }>(
    'find table',
    `SELECT to_regclass(format('%I.%I', $1::text, $2::text)) IS NOT NULL AS found`,
    [database.schemaName, table],
  );
  return row?.found === true;
}
