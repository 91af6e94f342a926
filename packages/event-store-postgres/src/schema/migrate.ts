import { AdvisoryLockSpace } from '../database/advisory-locks';
import { whileAvailable } from '../database/connection-failure';
import type { PostgresDatabase } from '../database/postgres-database';
import type { Migration } from './migrations';
import { MIGRATIONS } from './migrations';

/**
 * Brings the schema up to the latest migration. Safe to run twice and from several
 * processes at once: a session advisory lock per schema makes starters take turns, and
 * each migration commits together with the row that records it.
 */
export async function migrate(
  database: PostgresDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const s = database.schema;
  return whileAvailable('migrate', async () => {
    const client = await database.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
        AdvisoryLockSpace.MIGRATIONS,
        database.schemaName,
      ]);
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
             version integer PRIMARY KEY,
             name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
           )`,
        );
        const applied = new Set(
          (await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).rows.map(
            (r) => r.version,
          ),
        );
        const ran: number[] = [];
        for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
          if (applied.has(migration.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(migration.sql(s, database.schemaName));
            await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
              migration.version,
              migration.name,
            ]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
          ran.push(migration.version);
        }
        return ran;
      } finally {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [
            AdvisoryLockSpace.MIGRATIONS,
            database.schemaName,
          ])
          .catch((error: Error) => (broken = error));
      }
    } catch (error) {
      broken ??= error as Error;
      throw error;
    } finally {
      // The session lock lives as long as the connection: destroy it after any failure.
      client.release(broken);
    }
  });
}
