import {
  jsonPieces,
  parseSavedJson,
  JsonPiecesParser,
  SavedStateUnreadableError,
  type AppendOnlyEntries,
  type Checkpoint,
  type ReadModelStore,
  type SaveReadModelOptions,
  type SavedReadModel,
  type SavedStateRow,
} from '@vouch/event-store';
import type { PoolClient } from 'pg';
import { AdvisoryLockSpace } from '../database/advisory-locks';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';

/** Append-only entries per stored row (a rebuild's thousands of entries go in rows of this many). */
export const ENTRIES_PER_ROW = 1024;

/** Characters (UTF-16 code units) per stored piece of a snapshot's JSON text. */
export const SNAPSHOT_PIECE_CHARS = 1 << 20;

// Characters of pieces sent per INSERT while saving, and pieces read per query while loading:
// a few MB at a time, never the whole text (170 MB at 100k advocates).
export const PIECE_CHARS_PER_STATEMENT = 4 << 20;
const PIECES_PER_READ = 4;

/**
 * Read-model snapshots in the store's own database and schema (`PostgresEventStore.database`).
 * Snapshot, checkpoint, schema version and activation of a version commit in one
 * transaction, so after a crash a projection resumes exactly after the last event its
 * saved snapshot reflects: every event is reflected once.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private constructor(
    private readonly database: PostgresDatabase,
    private readonly pieceChars: number,
    private readonly charsPerStatement: number,
  ) {}

  /**
   * Creates the `read_models` tables if they are missing and returns the store (`pieceChars`:
   * characters per stored piece of a snapshot, `charsPerStatement`: of pieces per INSERT; tests
   * make them small).
   */
  static async open(
    database: PostgresDatabase,
    pieceChars: number = SNAPSHOT_PIECE_CHARS,
    charsPerStatement: number = PIECE_CHARS_PER_STATEMENT,
  ): Promise<PostgresReadModelStore> {
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
      // A version's append-only entries (its audit history), kept out of the snapshot: a save
      // adds rows for the entries appended since the last one. A row holds a JSON array of up
      // to ENTRIES_PER_ROW entries, the first at position `seq`.
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.read_model_entries (
           tenant_id text NOT NULL,
           projection text NOT NULL,
           version integer NOT NULL,
           seq integer NOT NULL,
           count integer NOT NULL,
           entries text NOT NULL,
           PRIMARY KEY (tenant_id, projection, version, seq)
         )`,
      );
      // A snapshot's JSON text in pieces of about pieceChars, in order (`seq`), written as
      // writeJsonPieces cuts it; the read_models row then holds '' as its snapshot (never JSON).
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.read_model_chunks (
           tenant_id text NOT NULL,
           projection text NOT NULL,
           version integer NOT NULL,
           seq integer NOT NULL,
           text text NOT NULL,
           PRIMARY KEY (tenant_id, projection, version, seq)
         )`,
      );
    });
    return new PostgresReadModelStore(database, pieceChars, charsPerStatement);
  }

  async load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    const s = this.database.schema;
    const tenant = toSqlText(tenantId);
    const name = toSqlText(projection);
    // One snapshot of the database: the row and its pieces are of the same save.
    return this.database.transaction('load read model', async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      const { rows } = await client.query<{ checkpoint: string; schema_version: number; snapshot: string }>(
        `SELECT checkpoint, schema_version, snapshot FROM ${s}.read_models
          WHERE tenant_id = $1 AND projection = $2 AND version = $3`,
        [tenant, name, version],
      );
      const row = rows[0];
      if (!row) return undefined;
      const where: SavedStateRow = {
        tenantId,
        projection,
        version,
        checkpoint: row.checkpoint as Checkpoint,
        part: 'snapshot',
      };
      return {
        checkpoint: row.checkpoint as Checkpoint,
        schemaVersion: row.schema_version,
        // A row saved before pieces holds its JSON itself; pieces are read a few at a time and
        // parsed as they come, so the whole text never exists at once.
        snapshot:
          row.snapshot !== ''
            ? parseSavedJson(row.snapshot, where)
            : await this.parsePieces(client, tenant, name, version, where),
      };
    });
  }

  /**
   * Saves in one transaction: the row (refused if further along), then the snapshot's pieces
   * in place of the version's previous ones, serialised a few MB at a time (writeJsonPieces'
   * cut), then the entries and the activation. Until it commits, readers see the previous
   * snapshot; a failure rolls all of it back.
   */
  async save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void> {
    const s = this.database.schema;
    const tenant = toSqlText(tenantId);
    const name = toSqlText(projection);
    await this.database.transaction('save read model', async (client) => {
      // The upsert leaves a row that is further along untouched and returns nothing then.
      const { rows } = await client.query<{ version: number }>(
        `INSERT INTO ${s}.read_models AS r
           (tenant_id, projection, version, checkpoint, schema_version, snapshot)
         VALUES ($1, $2, $3, $4, $5, '')
         ON CONFLICT (tenant_id, projection, version) DO UPDATE SET
           checkpoint = EXCLUDED.checkpoint, schema_version = EXCLUDED.schema_version,
           snapshot = EXCLUDED.snapshot, saved_at = now()
           WHERE r.checkpoint COLLATE "C" <= EXCLUDED.checkpoint COLLATE "C"
         RETURNING version`,
        [tenant, name, version, saved.checkpoint, saved.schemaVersion],
      );
      if (rows.length === 0) {
        throw new RangeError(
          `Read model ${projection} v${version} of ${tenantId} is further along; it cannot move back to ${saved.checkpoint}.`,
        );
      }
      // After the upsert, which holds the version's row lock: concurrent saves write in turn.
      await client.query(
        `DELETE FROM ${s}.read_model_chunks WHERE tenant_id = $1 AND projection = $2 AND version = $3`,
        [tenant, name, version],
      );
      let seq = 0;
      let batch: string[] = [];
      let chars = 0;
      const flush = async () => {
        const values: unknown[] = [tenant, name, version];
        const tuples = batch.map((piece) => {
          values.push(seq++, piece);
          return `($1, $2, $3, $${values.length - 1}, $${values.length})`;
        });
        batch = [];
        chars = 0;
        await client.query(
          `INSERT INTO ${s}.read_model_chunks (tenant_id, projection, version, seq, text) VALUES ${tuples.join(', ')}`,
          values,
        );
      };
      for (const piece of jsonPieces(saved.snapshot, this.pieceChars)) {
        batch.push(piece);
        chars += piece.length;
        if (chars >= this.charsPerStatement) await flush();
      }
      if (batch.length > 0) await flush();
      if (options?.entries) await this.appendEntriesIn(client, tenant, name, version, options.entries);
      if (options?.activate) await this.activateIn(client, tenant, name, version);
    });
  }

  async loadEntries(tenantId: string, projection: string, version: number): Promise<unknown[]> {
    const rows = await this.database.query<{ entries: string }>(
      'load read model entries',
      `SELECT entries FROM ${this.database.schema}.read_model_entries
        WHERE tenant_id = $1 AND projection = $2 AND version = $3 ORDER BY seq`,
      [toSqlText(tenantId), toSqlText(projection), version],
    );
    const entries: unknown[] = [];
    for (const row of rows) {
      const held = parseSavedJson(row.entries, {
        tenantId,
        projection,
        version,
        part: 'entries',
      }) as unknown[];
      for (const entry of held) entries.push(entry);
    }
    return entries;
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
    const s = this.database.schema;
    const tenant = toSqlText(tenantId);
    const name = toSqlText(projection);
    // The entries go with the row, in one transaction, and only when the version is not active.
    const dropped = await this.database.transaction('discard read model', async (client) => {
      const { rows } = await client.query<{ active: boolean }>(
        `SELECT active FROM ${s}.read_models
          WHERE tenant_id = $1 AND projection = $2 AND version = $3 FOR UPDATE`,
        [tenant, name, version],
      );
      if (rows[0]?.active) return false;
      await client.query(
        `DELETE FROM ${s}.read_models WHERE tenant_id = $1 AND projection = $2 AND version = $3`,
        [tenant, name, version],
      );
      await client.query(
        `DELETE FROM ${s}.read_model_entries WHERE tenant_id = $1 AND projection = $2 AND version = $3`,
        [tenant, name, version],
      );
      await client.query(
        `DELETE FROM ${s}.read_model_chunks WHERE tenant_id = $1 AND projection = $2 AND version = $3`,
        [tenant, name, version],
      );
      return true;
    });
    if (!dropped) {
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
    await client.query(
      `DELETE FROM ${s}.read_model_entries WHERE tenant_id = $1 AND projection = $2 AND version <> $3`,
      [tenant, name, version],
    );
    await client.query(
      `DELETE FROM ${s}.read_model_chunks WHERE tenant_id = $1 AND projection = $2 AND version <> $3`,
      [tenant, name, version],
    );
  }

  // The version's pieces, a few per query, fed to the parser as they come.
  private async parsePieces(
    client: PoolClient,
    tenant: string,
    name: string,
    version: number,
    where: SavedStateRow,
  ): Promise<unknown> {
    const parser = new JsonPiecesParser();
    let next = 0;
    try {
      for (;;) {
        const { rows } = await client.query<{ seq: number; text: string }>(
          `SELECT seq, text FROM ${this.database.schema}.read_model_chunks
            WHERE tenant_id = $1 AND projection = $2 AND version = $3 AND seq >= $4 ORDER BY seq LIMIT $5`,
          [tenant, name, version, next, PIECES_PER_READ],
        );
        for (const row of rows) {
          // The pieces are numbered from 0 without a gap: a missing one is a broken snapshot.
          if (row.seq !== next) throw new SavedStateUnreadableError(where);
          parser.push(row.text);
          next++;
        }
        if (rows.length < PIECES_PER_READ) break;
      }
      return parser.end();
    } catch (error) {
      if (error instanceof SyntaxError) throw new SavedStateUnreadableError(where);
      throw error;
    }
  }

  // Inside the save's transaction: appends the entries the version does not hold yet.
  private async appendEntriesIn(
    client: PoolClient,
    tenant: string,
    name: string,
    version: number,
    entries: AppendOnlyEntries,
  ): Promise<void> {
    const s = this.database.schema;
    const { rows } = await client.query<{ held: number }>(
      `SELECT seq + count AS held FROM ${s}.read_model_entries
        WHERE tenant_id = $1 AND projection = $2 AND version = $3 ORDER BY seq DESC LIMIT 1`,
      [tenant, name, version],
    );
    const held = rows[0]?.held ?? 0;
    if (entries.count < held) {
      throw new RangeError(
        `Read model ${name} v${version} of ${tenant} holds ${held} entries; it cannot go back to ${entries.count}.`,
      );
    }
    const added = entries.slice(held);
    // Many rows per statement: a rebuild's activation writes its whole history at once.
    const rowsPerStatement = 64;
    for (let start = 0; start < added.length; start += ENTRIES_PER_ROW * rowsPerStatement) {
      const values: unknown[] = [tenant, name, version];
      const tuples: string[] = [];
      const end = Math.min(added.length, start + ENTRIES_PER_ROW * rowsPerStatement);
      for (let first = start; first < end; first += ENTRIES_PER_ROW) {
        const row = added.slice(first, Math.min(end, first + ENTRIES_PER_ROW));
        values.push(held + first, row.length, JSON.stringify(row));
        const n = values.length;
        tuples.push(`($1, $2, $3, $${n - 2}, $${n - 1}, $${n})`);
      }
      await client.query(
        `INSERT INTO ${s}.read_model_entries (tenant_id, projection, version, seq, count, entries)
         VALUES ${tuples.join(', ')}`,
        values,
      );
    }
  }
}
