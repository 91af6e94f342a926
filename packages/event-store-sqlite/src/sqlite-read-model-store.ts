import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  Checkpoint,
  Clock,
  ReadModelStore,
  SaveReadModelOptions,
  SavedReadModel,
} from '@vouch/event-store';
import { systemClock } from '@vouch/event-store';

// One row per (tenant, projection, version): a rebuild writes its version beside the live
// one. The snapshot is JSON text; `active` marks the version queries are served from.
// Created on open rather than in the store's schema: a file without projections never
// carries the table, and the events schema keeps its own version.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS read_models (
  tenant_id      TEXT    NOT NULL,
  projection     TEXT    NOT NULL,
  version        INTEGER NOT NULL,
  checkpoint     TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  active         INTEGER NOT NULL DEFAULT 0,
  snapshot       TEXT    NOT NULL,
  saved_at       TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, projection, version)
)`;

interface Row {
  readonly checkpoint: string;
  readonly schema_version: number;
  readonly snapshot: string;
}

/**
 * Read-model snapshots in the event store's own SQLite file (`SqliteEventStore.database`).
 * Snapshot, checkpoint, schema version and activation of a version commit in one
 * IMMEDIATE transaction, so after a crash a projection resumes exactly after the last
 * event its saved snapshot reflects: every event is reflected once.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly select: Statement<[string, string, number], Row>;
  private readonly selectCheckpoint: Statement<[string, string, number], string>;
  private readonly selectActive: Statement<[string, string], number>;
  private readonly upsert: Statement<[string, string, number, string, number, string, string]>;
  private readonly markActive: Statement<[number, string, string]>;
  private readonly dropOthers: Statement<[string, string, number]>;
  private readonly dropInactive: Statement<[string, string, number]>;
  private readonly commitSave: Transaction<
    (
      tenantId: string,
      projection: string,
      version: number,
      saved: { checkpoint: Checkpoint; schemaVersion: number; text: string },
      activate: boolean,
    ) => void
  >;
  private readonly commitActivate: Transaction<
    (tenantId: string, projection: string, version: number) => void
  >;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock,
  ) {
    db.exec(CREATE_TABLE);
    const where = 'WHERE tenant_id = ? AND projection = ?';
    this.select = db.prepare(
      `SELECT checkpoint, schema_version, snapshot FROM read_models ${where} AND version = ?`,
    );
    this.selectCheckpoint = db
      .prepare<[string, string, number], string>(
        `SELECT checkpoint FROM read_models ${where} AND version = ?`,
      )
      .pluck();
    this.selectActive = db
      .prepare<[string, string], number>(`SELECT version FROM read_models ${where} AND active = 1`)
      .pluck();
    this.upsert = db.prepare(
      `INSERT INTO read_models (tenant_id, projection, version, checkpoint, schema_version, snapshot, saved_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, projection, version) DO UPDATE SET
         checkpoint = excluded.checkpoint, schema_version = excluded.schema_version,
         snapshot = excluded.snapshot, saved_at = excluded.saved_at`,
    );
    this.markActive = db.prepare(`UPDATE read_models SET active = (version = ?) ${where}`);
    this.dropOthers = db.prepare(`DELETE FROM read_models ${where} AND version <> ?`);
    this.dropInactive = db.prepare(`DELETE FROM read_models ${where} AND version = ? AND active = 0`);

    this.commitActivate = db.transaction((tenantId: string, projection: string, version: number) => {
      this.markActive.run(version, tenantId, projection);
      this.dropOthers.run(tenantId, projection, version);
    });
    this.commitSave = db.transaction((tenantId, projection, version, saved, activate: boolean) => {
      const current = this.selectCheckpoint.get(tenantId, projection, version);
      if (current !== undefined && saved.checkpoint < current) {
        throw new RangeError(
          `Read model ${projection} v${version} of ${tenantId} is at ${current}; it cannot move back to ${saved.checkpoint}.`,
        );
      }
      this.upsert.run(
        tenantId,
        projection,
        version,
        saved.checkpoint,
        saved.schemaVersion,
        saved.text,
        this.clock(),
      );
      if (activate) this.commitActivate(tenantId, projection, version);
    });
  }

  async load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    const row = this.select.get(tenantId, projection, version);
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
    // Serialised before the transaction opens, so the write lock is held only for the write.
    const text = JSON.stringify(saved.snapshot);
    this.commitSave.immediate(
      tenantId,
      projection,
      version,
      { checkpoint: saved.checkpoint, schemaVersion: saved.schemaVersion, text },
      options?.activate === true,
    );
  }

  async activeVersion(tenantId: string, projection: string): Promise<number | undefined> {
    return this.selectActive.get(tenantId, projection);
  }

  async activate(tenantId: string, projection: string, version: number): Promise<void> {
    this.commitActivate.immediate(tenantId, projection, version);
  }

  async discard(tenantId: string, projection: string, version: number): Promise<void> {
    const dropped = this.dropInactive.run(tenantId, projection, version).changes;
    if (dropped === 0 && this.selectActive.get(tenantId, projection) === version) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} is active; it cannot be discarded.`,
      );
    }
  }
}
