import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  AppendOnlyEntries,
  Checkpoint,
  Clock,
  ReadModelStore,
  SaveReadModelOptions,
  SavedReadModel,
} from '@vouch/event-store';
import { parseSavedJson, systemClock, writeJsonPieces } from '@vouch/event-store';

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

// A snapshot's JSON text in pieces of about CHUNK_CHARS, in order (`seq`); the row in
// read_models then holds '' as its snapshot (never valid JSON, so it cannot be mistaken for
// one). SQLite writes one 25 MB value as a long overflow chain at several times the CPU of
// the same bytes in 1 MB rows (measured in docs/benchmarks.md, rebuild15).
const CREATE_CHUNKS = `CREATE TABLE IF NOT EXISTS read_model_chunks (
  tenant_id  TEXT    NOT NULL,
  projection TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  text       TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, projection, version, seq)
)`;

// A version's append-only entries (its audit history), kept out of the snapshot: a save adds
// rows for the entries appended since the last one and never rewrites the others. A row holds
// a JSON array of up to ENTRIES_PER_ROW entries, the first at position `seq`.
const CREATE_ENTRIES = `CREATE TABLE IF NOT EXISTS read_model_entries (
  tenant_id  TEXT    NOT NULL,
  projection TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  count      INTEGER NOT NULL,
  entries    TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, projection, version, seq)
)`;

/** Append-only entries per stored row (a rebuild's thousands of entries go in rows of this many). */
export const ENTRIES_PER_ROW = 1024;

/** Characters (UTF-16 code units) per stored piece of a snapshot's JSON text. */
export const SNAPSHOT_CHUNK_CHARS = 1 << 20;

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
      saved: SavedReadModel,
      activate: boolean,
      entries: AppendOnlyEntries | undefined,
    ) => void
  >;
  private readonly commitActivate: Transaction<
    (tenantId: string, projection: string, version: number) => void
  >;
  private readonly selectChunks: Statement<[string, string, number], string>;
  private readonly insertChunk: Statement<[string, string, number, number, string]>;
  private readonly dropChunks: Statement<[string, string, number]>;
  private readonly dropOtherChunks: Statement<[string, string, number]>;
  private readonly selectEntries: Statement<[string, string, number], string>;
  private readonly selectHeld: Statement<[string, string, number], number>;
  private readonly insertEntries: Statement<[string, string, number, number, number, string]>;
  private readonly dropEntries: Statement<[string, string, number]>;
  private readonly dropOtherEntries: Statement<[string, string, number]>;
  private readonly commitDiscard: Transaction<
    (tenantId: string, projection: string, version: number) => void
  >;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock,
    /** Characters per stored piece of a snapshot (tests make it small). */
    private readonly chunkChars: number = SNAPSHOT_CHUNK_CHARS,
  ) {
    db.exec(CREATE_TABLE);
    db.exec(CREATE_CHUNKS);
    db.exec(CREATE_ENTRIES);
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
    this.selectChunks = db
      .prepare<[string, string, number], string>(
        `SELECT text FROM read_model_chunks ${where} AND version = ? ORDER BY seq`,
      )
      .pluck();
    this.insertChunk = db.prepare(
      'INSERT INTO read_model_chunks (tenant_id, projection, version, seq, text) VALUES (?, ?, ?, ?, ?)',
    );
    this.dropChunks = db.prepare(`DELETE FROM read_model_chunks ${where} AND version = ?`);
    this.dropOtherChunks = db.prepare(`DELETE FROM read_model_chunks ${where} AND version <> ?`);
    this.selectEntries = db
      .prepare<[string, string, number], string>(
        `SELECT entries FROM read_model_entries ${where} AND version = ? ORDER BY seq`,
      )
      .pluck();
    this.selectHeld = db
      .prepare<[string, string, number], number>(
        `SELECT seq + count FROM read_model_entries ${where} AND version = ? ORDER BY seq DESC LIMIT 1`,
      )
      .pluck();
    this.insertEntries = db.prepare(
      'INSERT INTO read_model_entries (tenant_id, projection, version, seq, count, entries) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.dropEntries = db.prepare(`DELETE FROM read_model_entries ${where} AND version = ?`);
    this.dropOtherEntries = db.prepare(`DELETE FROM read_model_entries ${where} AND version <> ?`);

    this.commitActivate = db.transaction((tenantId: string, projection: string, version: number) => {
      this.markActive.run(version, tenantId, projection);
      this.dropOthers.run(tenantId, projection, version);
      this.dropOtherChunks.run(tenantId, projection, version);
      this.dropOtherEntries.run(tenantId, projection, version);
    });
    this.commitDiscard = db.transaction((tenantId: string, projection: string, version: number) => {
      if (this.selectActive.get(tenantId, projection) === version) {
        throw new RangeError(
          `Read model ${projection} v${version} of ${tenantId} is active; it cannot be discarded.`,
        );
      }
      this.dropInactive.run(tenantId, projection, version);
      this.dropChunks.run(tenantId, projection, version);
      this.dropEntries.run(tenantId, projection, version);
    });
    this.commitSave = db.transaction((tenantId, projection, version, saved, activate: boolean, entries) => {
      const current = this.selectCheckpoint.get(tenantId, projection, version);
      if (current !== undefined && saved.checkpoint < current) {
        throw new RangeError(
          `Read model ${projection} v${version} of ${tenantId} is at ${current}; it cannot move back to ${saved.checkpoint}.`,
        );
      }
      // The pieces replace the version's previous ones in the same transaction as its row.
      // Each is serialised, written and let go before the next: a snapshot's whole JSON text
      // (170 MB at 100k advocates) never exists at once. The write lock is held meanwhile —
      // nothing else runs in this process during it anyway (the driver is synchronous).
      this.dropChunks.run(tenantId, projection, version);
      let seq = 0;
      writeJsonPieces(saved.snapshot, this.chunkChars, (piece) =>
        this.insertChunk.run(tenantId, projection, version, seq++, piece),
      );
      this.upsert.run(tenantId, projection, version, saved.checkpoint, saved.schemaVersion, '', this.clock());
      // In the same transaction: a failed or refused append rolls the snapshot back with it.
      if (entries) this.appendEntries(tenantId, projection, version, entries);
      if (activate) this.commitActivate(tenantId, projection, version);
    });
  }

  async load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    const row = this.select.get(tenantId, projection, version);
    if (!row) return undefined;
    // A row saved before snapshots were stored in pieces holds its JSON itself.
    const text =
      row.snapshot !== '' ? row.snapshot : this.selectChunks.all(tenantId, projection, version).join('');
    return {
      checkpoint: row.checkpoint as Checkpoint,
      schemaVersion: row.schema_version,
      snapshot: parseSavedJson(text, {
        tenantId,
        projection,
        version,
        checkpoint: row.checkpoint as Checkpoint,
        part: 'snapshot',
      }),
    };
  }

  async save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void> {
    this.commitSave.immediate(
      tenantId,
      projection,
      version,
      saved,
      options?.activate === true,
      options?.entries,
    );
  }

  async loadEntries(tenantId: string, projection: string, version: number): Promise<unknown[]> {
    const entries: unknown[] = [];
    for (const text of this.selectEntries.all(tenantId, projection, version)) {
      const row = parseSavedJson(text, { tenantId, projection, version, part: 'entries' }) as unknown[];
      for (const entry of row) entries.push(entry);
    }
    return entries;
  }

  async activeVersion(tenantId: string, projection: string): Promise<number | undefined> {
    return this.selectActive.get(tenantId, projection);
  }

  async activate(tenantId: string, projection: string, version: number): Promise<void> {
    this.commitActivate.immediate(tenantId, projection, version);
  }

  async discard(tenantId: string, projection: string, version: number): Promise<void> {
    this.commitDiscard.immediate(tenantId, projection, version);
  }

  // Inside the save's transaction: appends the entries the version does not hold yet.
  private appendEntries(
    tenantId: string,
    projection: string,
    version: number,
    entries: AppendOnlyEntries,
  ): void {
    const held = this.selectHeld.get(tenantId, projection, version) ?? 0;
    if (entries.count < held) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} holds ${held} entries; it cannot go back to ${entries.count}.`,
      );
    }
    const added = entries.slice(held);
    for (let start = 0; start < added.length; start += ENTRIES_PER_ROW) {
      const row = added.slice(start, start + ENTRIES_PER_ROW);
      this.insertEntries.run(tenantId, projection, version, held + start, row.length, JSON.stringify(row));
    }
  }
}
