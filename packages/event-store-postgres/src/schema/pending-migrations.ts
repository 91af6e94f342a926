import type { PostgresDatabase } from '../database/postgres-database';
import { MIGRATIONS, type Migration } from './migrations';

/** A database migrated by a newer release than this one: upgrade Vouch, never run older code on it. */
export class PostgresSchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(
    readonly schemaName: string,
    readonly unknownVersions: readonly number[],
  ) {
    super(
      `Schema ${schemaName} has migration${unknownVersions.length > 1 ? 's' : ''} ${unknownVersions.join(', ')} that this code does not know. Upgrade Vouch.`,
    );
    this.name = 'PostgresSchemaTooNewError';
  }
}

/** What a schema has and lacks: the versions applied, and the migrations still to run (oldest first). */
export interface MigrationPlan {
  readonly applied: readonly number[];
  readonly pending: readonly Migration[];
}

/**
 * The migrations `migrate` would run, read in a READ ONLY transaction: creates nothing (not
 * even the schema or its migrations table), takes no lock. Throws PostgresSchemaTooNewError
 * when the schema holds a migration this code does not know.
 */
export async function planMigrations(
  database: PostgresDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationPlan> {
  const applied = await database.transaction('plan migrations', async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    const table = await client.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
      `${database.schema}.schema_migrations`,
    ]);
    if (table.rows[0]?.found == null) return [];
    const rows = await client.query<{ version: number }>(
      `SELECT version FROM ${database.schema}.schema_migrations ORDER BY version`,
    );
    return rows.rows.map((r) => r.version);
  });
  const known = new Set(migrations.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  if (unknown.length > 0) throw new PostgresSchemaTooNewError(database.schemaName, unknown);
  const done = new Set(applied);
  return {
    applied,
    pending: [...migrations].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version)),
  };
}
