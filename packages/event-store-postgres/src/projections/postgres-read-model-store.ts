import type { Checkpoint, ReadModelStore, SaveReadModelOptions, SavedReadModel } from '@vouch/event-store';
import type { PoolClient } from 'pg';
import { AdvisoryLockSpace } from '../database/advisory-locks';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';

/**
 * Read-model snapshots in the store's own database and schema (`PostgresEventStore.database`).
 * Snapshot, checkpoint, schema version and activation of a version commit in one
 * transaction, so after a crash a projection resumes exactly after the last event its
 * saved snapshot reflects: every event is reflected once.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private constructor(private readonly database: PostgresDatabase) {}

  /** Creates the `read_models` table if it is missing and returns the store. */
  static async open(database: PostgresDatabase): Promise<PostgresReadModelStore> {
    const s = database.schema;
    await database.transaction('create read_models', async (client) => {
      // Two processes opening at once would race on the catalogue: they take turns, as migrations do.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        AdvisoryLockSpace.MIGRATIONS,
        database.schemaName,
      ]);
      // text, not json: stored and returned as written, with no parse on either side.
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.read_models (
           tenant_id text NOT NULL,
           projection text NOT NULL,
           version integer NOT NULL,
           checkpoint text NOT NULL,
           schema_version integer NOT NULL,
           active boolean NOT NULL DEFAULT false,
           snapshot text NOT NULL,
           saved_at timestamptz NOT NULL DEFAULT now(),
           PRIMARY KEY (tenant_id, projection, version)
         )`,
      );
    });
    return new PostgresReadModelStore(database);
  }

  async load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    const [row] = await this.database.query<{ checkpoint: string; schema_version: number; snapshot: string }>(
      'load read model',
      `SELECT checkpoint, schema_version, snapshot FROM ${this.database.schema}.read_models
        WHERE tenant_id = $1 AND projection = $2 AND version = $3`,
      [toSqlText(tenantId), toSqlText(projection), version],
    );
    if (!row) return undefined;
    return {
      checkpoint: row.checkpoint as Checkpoint,
      schemaVersion: row.schema_version,
      snapshot: JSON.parse(row.snapshot) as unknown,
    };
  }

  async save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void> {
    const text = JSON.stringify(saved.snapshot);
    const tenant = toSqlText(tenantId);
    const name = toSqlText(projection);
    await this.database.transaction('save read model', async (client) => {
      // The upsert leaves a row that is further along untouched and returns nothing then.
      const { rows } = await client.query<{ version: number }>(
        `INSERT INTO ${this.database.schema}.read_models AS r
           (tenant_id, projection, version, checkpoint, schema_version, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tenant_id, projection, version) DO UPDATE SET
           checkpoint = EXCLUDED.checkpoint, schema_version = EXCLUDED.schema_version,
           snapshot = EXCLUDED.snapshot, saved_at = now()
           WHERE r.checkpoint COLLATE "C" <= EXCLUDED.checkpoint COLLATE "C"
         RETURNING version`,
        [tenant, name, version, saved.checkpoint, saved.schemaVersion, text],
      );
      if (rows.length === 0) {
        throw new RangeError(
          `Read model ${projection} v${version} of ${tenantId} is further along; it cannot move back to ${saved.checkpoint}.`,
        );
      }
      if (options?.activate) await this.activateIn(client, tenant, name, version);
    });
  }

  async activeVersion(tenantId: string, projection: string): Promise<number | undefined> {
    const [row] = await this.database.query<{ version: number }>(
      'load active read model',
      `SELECT version FROM ${this.database.schema}.read_models
        WHERE tenant_id = $1 AND projection = $2 AND active`,
      [toSqlText(tenantId), toSqlText(projection)],
    );
    return row?.version;
  }

  async activate(tenantId: string, projection: string, version: number): Promise<void> {
    await this.database.transaction('activate read model', (client) =>
      this.activateIn(client, toSqlText(tenantId), toSqlText(projection), version),
    );
  }

  async discard(tenantId: string, projection: string, version: number): Promise<void> {
    const [row] = await this.database.query<{ active: boolean }>(
      'discard read model',
      `DELETE FROM ${this.database.schema}.read_models
        WHERE tenant_id = $1 AND projection = $2 AND version = $3 AND NOT active
        RETURNING active`,
      [toSqlText(tenantId), toSqlText(projection), version],
    );
    if (!row && (await this.activeVersion(tenantId, projection)) === version) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} is active; it cannot be discarded.`,
      );
    }
  }

  private async activateIn(client: PoolClient, tenant: string, name: string, version: number): Promise<void> {
    const s = this.database.schema;
    await client.query(
      `UPDATE ${s}.read_models SET active = (version = $3) WHERE tenant_id = $1 AND projection = $2`,
      [tenant, name, version],
    );
    await client.query(
      `DELETE FROM ${s}.read_models WHERE tenant_id = $1 AND projection = $2 AND version <> $3`,
      [tenant, name, version],
    );
  }
}
