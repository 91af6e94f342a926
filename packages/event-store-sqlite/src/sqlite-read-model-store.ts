import type { Database, Statement, Transaction } from 'better-sqlite3';
import type {
  AppendOnlyEntries,
  Checkpoint,
  Clock,
  ReadModelStore,
  SaveReadModelOptions,
  SavedReadModel,
  SavedStateRow,
} from '@vouch/event-store';
import { SavedVersionChangedError } from './saved-version-changed-error';
import {
  jsonPieces,
  parseSavedJson,
  parseSavedJsonPieces,
  SavedStateUnreadableError,
  systemClock,
} from '@vouch/event-store';

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

/**
 * A save writes its pieces before it takes the write lock to switch to them: each save's pieces
 * get their own block of `seq` numbers, [base, base + count), with base a multiple of this (a
 * row saved before blocks, its snapshot '', has its pieces in the first block). A crashed or
 * failed save leaves only pieces outside the row's block, which the next save clears.
 */
export const PIECE_BLOCK = 1 << 20;

/** Characters of pieces written per short transaction while a save stages its pieces. */
export const STAGED_CHARS_PER_TRANSACTION = 4 << 20;

// The row's snapshot column when its pieces are a block: `@pieces <base> <count> <entries>`
// (never JSON, so neither this code nor an older one can take it for a snapshot). `entries` is
// how many append-only entries the save reflects: rows staged past it before a crash are not
// read. A mark without it (saved before entries were staged) reflects every entry row held.
const BLOCK_MARK = '@pieces ';
const blockMark = (base: number, count: number, entries: number) =>
  `${BLOCK_MARK}${base} ${count} ${entries}`;

/** The block of pieces a row's snapshot column points at ('' = the first block, of any length). */
function blockOf(snapshot: string): { base: number; count?: number; entries?: number } | undefined {
  if (snapshot === '') return { base: 0 };
  if (!snapshot.startsWith(BLOCK_MARK)) return undefined;
  const [base, count, entries] = snapshot.slice(BLOCK_MARK.length).split(' ').map(Number);
  return { base: base!, count: count!, ...(entries !== undefined ? { entries } : {}) };
}

/**
 * The append-only entries of a save: staged from `held` (what the row reflected) in `rows` rows
 * up to `count`; or, over a row saved before entries were staged (`beforeStaging`), the new
 * ones (`atSwitch`, if any) appended at the switch, as then, and the count marked from then on.
 */
interface StagedEntries {
  readonly held: number;
  readonly rows: number;
  readonly count: number;
  readonly beforeStaging: boolean;
  readonly atSwitch: AppendOnlyEntries | undefined;
}

// Pieces dropped per short transaction (a previous save's, after the switch).
const PIECES_PER_DROP = 4;

// Lets the event loop run between two short transactions of a save (queries, appends).
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
      block: { base: number; count: number },
      activate: boolean,
      entries: StagedEntries,
    ) => void
  >;
  private readonly commitActivate: Transaction<
    (tenantId: string, projection: string, version: number) => void
  >;
  private readonly selectChunks: Statement<[string, string, number, number, number], string>;
  private readonly countChunks: Statement<[string, string, number, number, number], number>;
  private readonly maxChunk: Statement<[string, string, number], number | null>;
  private readonly selectOutside: Statement<[string, string, number, number, number], number>;
  private readonly dropPieces: Transaction<
    (tenantId: string, projection: string, version: number, seqs: number[]) => void
  >;
  private readonly selectSnapshot: Statement<[string, string, number], string>;
  private readonly dropChunkRange: Statement<[string, string, number, number, number]>;
  private readonly insertPieces: Transaction<
    (tenantId: string, projection: string, version: number, seq: number, pieces: string[]) => void
  >;
  private readonly insertChunk: Statement<[string, string, number, number, string]>;
  private readonly dropChunks: Statement<[string, string, number]>;
  private readonly dropOtherChunks: Statement<[string, string, number]>;
  private readonly selectEntries: Statement<[string, string, number], string>;
  private readonly selectHeld: Statement<[string, string, number], number>;
  private readonly insertEntries: Statement<[string, string, number, number, number, string]>;
  private readonly insertEntryRows: Transaction<
    (tenantId: string, projection: string, version: number, rows: [number, number, string][]) => void
  >;
  private readonly countEntryRows: Statement<[string, string, number, number, number], number>;
  private readonly dropEntriesFrom: Statement<[string, string, number, number]>;
  private readonly readEntries: Transaction<
    (tenantId: string, projection: string, version: number) => string[]
  >;
  private readonly dropEntries: Statement<[string, string, number]>;
  private readonly dropOtherEntries: Statement<[string, string, number]>;
  private readonly readSaved: Transaction<
    (tenantId: string, projection: string, version: number) => SavedReadModel | undefined
  >;
  private readonly commitDiscard: Transaction<
    (tenantId: string, projection: string, version: number) => void
  >;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock,
    /** Characters per stored piece of a snapshot (tests make it small). */
    private readonly chunkChars: number = SNAPSHOT_CHUNK_CHARS,
    /** Characters of pieces written per short transaction of a save (tests make it small). */
    private readonly stagedChars: number = STAGED_CHARS_PER_TRANSACTION,
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
    const range = 'AND version = ? AND seq >= ? AND seq < ?';
    this.selectChunks = db
      .prepare<[string, string, number, number, number], string>(
        `SELECT text FROM read_model_chunks ${where} ${range} ORDER BY seq`,
      )
      .pluck();
    this.countChunks = db
      .prepare<[string, string, number, number, number], number>(
        `SELECT count(*) FROM read_model_chunks ${where} ${range}`,
      )
      .pluck();
    this.maxChunk = db
      .prepare<[string, string, number], number | null>(
        `SELECT max(seq) FROM read_model_chunks ${where} AND version = ?`,
      )
      .pluck();
    this.selectSnapshot = db
      .prepare<[string, string, number], string>(`SELECT snapshot FROM read_models ${where} AND version = ?`)
      .pluck();
    this.dropChunkRange = db.prepare(`DELETE FROM read_model_chunks ${where} ${range}`);
    this.selectOutside = db
      .prepare<[string, string, number, number, number], number>(
        `SELECT seq FROM read_model_chunks ${where} AND version = ? AND NOT (seq >= ? AND seq < ?) ORDER BY seq`,
      )
      .pluck();
    const dropPiece = db.prepare<[string, string, number, number]>(
      `DELETE FROM read_model_chunks ${where} AND version = ? AND seq = ?`,
    );
    this.dropPieces = db.transaction(
      (tenantId: string, projection: string, version: number, seqs: number[]) => {
        for (const seq of seqs) dropPiece.run(tenantId, projection, version, seq);
      },
    );
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
    this.insertEntryRows = db.transaction(
      (tenantId: string, projection: string, version: number, rows: [number, number, string][]) => {
        for (const [seq, count, text] of rows)
          this.insertEntries.run(tenantId, projection, version, seq, count, text);
      },
    );
    this.countEntryRows = db
      .prepare<[string, string, number, number, number], number>(
        `SELECT count(*) FROM read_model_entries ${where} ${range}`,
      )
      .pluck();
    this.dropEntriesFrom = db.prepare(`DELETE FROM read_model_entries ${where} AND version = ? AND seq >= ?`);
    const selectEntriesBefore = db
      .prepare<[string, string, number, number], string>(
        `SELECT entries FROM read_model_entries ${where} AND version = ? AND seq < ? ORDER BY seq`,
      )
      .pluck();
    // One read transaction: the rows the row's save reflects, never rows staged past them.
    this.readEntries = db.transaction((tenantId: string, projection: string, version: number) => {
      const held = this.reflectedEntries(tenantId, projection, version);
      return held === undefined
        ? this.selectEntries.all(tenantId, projection, version)
        : selectEntriesBefore.all(tenantId, projection, version, held);
    });
    this.dropOtherEntries = db.prepare(`DELETE FROM read_model_entries ${where} AND version <> ?`);

    this.insertPieces = db.transaction((tenantId, projection, version, seq: number, pieces: string[]) => {
      for (const piece of pieces) this.insertChunk.run(tenantId, projection, version, seq++, piece);
    });
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
    // One read transaction: the row and its pieces are of the same save.
    this.readSaved = db.transaction((tenantId: string, projection: string, version: number) => {
      const row = this.select.get(tenantId, projection, version);
      if (!row) return undefined;
      const where = {
        tenantId,
        projection,
        version,
        checkpoint: row.checkpoint as Checkpoint,
        part: 'snapshot' as const,
      };
      return {
        checkpoint: row.checkpoint as Checkpoint,
        schemaVersion: row.schema_version,
        // A row saved before snapshots were stored in pieces holds its JSON itself. Pieces are
        // read and parsed one at a time: the whole text (170 MB at 100k advocates) never exists.
        snapshot: this.parseSnapshot(row.snapshot, where),
      };
    });
    // The switch to pieces already written: one short transaction, whatever the snapshot's size.
    this.commitSave = db.transaction(
      (
        tenantId: string,
        projection: string,
        version: number,
        saved: SavedReadModel,
        block: { base: number; count: number },
        activate: boolean,
        entries: StagedEntries,
      ) => {
        this.refuseBackwards(tenantId, projection, version, saved.checkpoint);
        // An activation or discard of this version meanwhile (this process or another) took them.
        const { base, count } = block;
        if (this.countChunks.get(tenantId, projection, version, base, base + count) !== count) {
          throw new SavedVersionChangedError(tenantId, projection, version, 'its staged pieces were dropped');
        }
        let reflects = entries.count;
        if (entries.beforeStaging) {
          reflects = entries.atSwitch
            ? this.appendEntries(tenantId, projection, version, entries.atSwitch)
            : (this.selectHeld.get(tenantId, projection, version) ?? 0);
        } else if (this.reflectedEntries(tenantId, projection, version) !== entries.held) {
          // Entries saved meanwhile: the staged rows would double or overwrite them.
          throw new SavedVersionChangedError(tenantId, projection, version, 'entries were saved meanwhile');
        } else if (
          this.countEntryRows.get(tenantId, projection, version, entries.held, Number.MAX_SAFE_INTEGER) !==
          entries.rows
        ) {
          throw new SavedVersionChangedError(
            tenantId,
            projection,
            version,
            'its staged entries were dropped',
          );
        }
        // The switch: the row now points at the new pieces and reflects the staged entries.
        this.upsert.run(
          tenantId,
          projection,
          version,
          saved.checkpoint,
          saved.schemaVersion,
          blockMark(base, count, reflects),
          this.clock(),
        );
        if (activate) this.commitActivate(tenantId, projection, version);
      },
    );
  }

  async load(tenantId: string, projection: string, version: number): Promise<SavedReadModel | undefined> {
    return this.readSaved(tenantId, projection, version);
  }

  /**
   * Serialises and writes the snapshot's pieces and the new append-only entries outside the
   * write lock — in short transactions of a few MB, letting the event loop run between them —
   * under `seq` numbers no row reflects yet; then one short IMMEDIATE transaction checks the
   * checkpoint and switches the row (with its activation) to them. Until that switch, loads and
   * a crash see the previous snapshot and entries; the previous pieces are dropped after it.
   */
  async save(
    tenantId: string,
    projection: string,
    version: number,
    saved: SavedReadModel,
    options?: SaveReadModelOptions,
  ): Promise<void> {
    // Refused before any piece is written (and checked again at the switch).
    this.refuseBackwards(tenantId, projection, version, saved.checkpoint);
    // What a crashed or failed save left goes first; the new block starts after every piece held.
    await this.dropPiecesOutsideRow(tenantId, projection, version);
    this.dropEntriesOutsideRow(tenantId, projection, version);
    const heldPiece = this.maxChunk.get(tenantId, projection, version);
    const base =
      heldPiece === null || heldPiece === undefined
        ? 0
        : (Math.floor(heldPiece / PIECE_BLOCK) + 1) * PIECE_BLOCK;
    // A row saved before entries were staged reflects every entry row there is: its new entries
    // are appended at the switch, as then (staged rows would be read after a crash).
    const reflected = this.reflectedEntries(tenantId, projection, version);
    const held = reflected ?? this.selectHeld.get(tenantId, projection, version) ?? 0;
    if (options?.entries && options.entries.count < held) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} holds ${held} entries; it cannot go back to ${options.entries.count}.`,
      );
    }
    let count = 0;
    try {
      let batch: string[] = [];
      let chars = 0;
      for (const piece of jsonPieces(saved.snapshot, this.chunkChars)) {
        batch.push(piece);
        chars += piece.length;
        if (chars < this.stagedChars) continue;
        this.insertPieces.immediate(tenantId, projection, version, base + count, batch);
        count += batch.length;
        batch = [];
        chars = 0;
        await turn();
      }
      this.insertPieces.immediate(tenantId, projection, version, base + count, batch);
      count += batch.length;
      await turn();
      const entries = options?.entries;
      const staged = entries !== undefined && reflected !== undefined;
      const rows = staged ? await this.stageEntries(tenantId, projection, version, held, entries) : 0;
      this.commitSave.immediate(
        tenantId,
        projection,
        version,
        saved,
        { base, count },
        options?.activate === true,
        {
          held,
          rows,
          count: entries?.count ?? held,
          beforeStaging: reflected === undefined,
          atSwitch: staged ? undefined : entries,
        },
      );
    } catch (error) {
      // The staged pieces and entries are nobody's: dropped now (or by the next save, if this fails too).
      try {
        this.dropChunkRange.run(tenantId, projection, version, base, base + PIECE_BLOCK);
        this.dropEntriesOutsideRow(tenantId, projection, version);
      } catch {
        // Left for the next save.
      }
      throw error;
    }
    await this.dropPiecesOutsideRow(tenantId, projection, version);
  }

  async loadEntries(tenantId: string, projection: string, version: number): Promise<unknown[]> {
    const entries: unknown[] = [];
    for (const text of this.readEntries(tenantId, projection, version)) {
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

  // Throws when the version's saved checkpoint is further along than `checkpoint`.
  private refuseBackwards(
    tenantId: string,
    projection: string,
    version: number,
    checkpoint: Checkpoint,
  ): void {
    const current = this.selectCheckpoint.get(tenantId, projection, version);
    if (current !== undefined && checkpoint < current) {
      throw new RangeError(
        `Read model ${projection} v${version} of ${tenantId} is at ${current}; it cannot move back to ${checkpoint}.`,
      );
    }
  }

  // The row's snapshot: its own JSON (saved before pieces) or its block of pieces, parsed one
  // piece at a time — the whole text (170 MB at 100k advocates) never exists at once.
  private parseSnapshot(snapshot: string, where: SavedStateRow): unknown {
    const block = blockOf(snapshot);
    if (!block) return parseSavedJson(snapshot, where);
    const { tenantId, projection, version } = where;
    const end = block.count === undefined ? block.base + PIECE_BLOCK : block.base + block.count;
    let read = 0;
    const pieces = this.selectChunks.iterate(tenantId, projection, version, block.base, end);
    const value = parseSavedJsonPieces(
      (function* counted() {
        for (const piece of pieces) {
          read++;
          yield piece;
        }
      })(),
      where,
    );
    // A piece missing between two values could leave valid JSON with values missing.
    if (block.count !== undefined && read !== block.count) throw new SavedStateUnreadableError(where);
    return value;
  }

  /**
   * Drops the version's pieces outside the block its row points at (all of them when there is
   * no row): a previous save's, or what a crashed or failed save left. A few pieces per short
   * transaction, letting the event loop run between them.
   */
  private async dropPiecesOutsideRow(tenantId: string, projection: string, version: number): Promise<void> {
    const snapshot = this.selectSnapshot.get(tenantId, projection, version);
    const block = snapshot === undefined ? undefined : blockOf(snapshot);
    // No row: nothing is kept (from = to = -1 keeps no seq).
    const from = block ? block.base : -1;
    const to = block ? (block.count === undefined ? PIECE_BLOCK : block.base + block.count) : -1;
    const seqs = this.selectOutside.all(tenantId, projection, version, from, to);
    for (let i = 0; i < seqs.length; i += PIECES_PER_DROP) {
      this.dropPieces.immediate(tenantId, projection, version, seqs.slice(i, i + PIECES_PER_DROP));
      await turn();
    }
  }

  // Inside the switch, over a row saved before entries were staged: appends the entries the
  // version does not hold yet; answers how many it holds then.
  private appendEntries(
    tenantId: string,
    projection: string,
    version: number,
    entries: AppendOnlyEntries,
  ): number {
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
    return held + added.length;
  }

  /**
   * Writes the entries after `held` as rows of ENTRIES_PER_ROW, serialised outside any
   * transaction and inserted a few MB per short transaction; no row reflects them until the
   * save's switch. Answers how many rows it wrote.
   */
  private async stageEntries(
    tenantId: string,
    projection: string,
    version: number,
    held: number,
    entries: AppendOnlyEntries,
  ): Promise<number> {
    const added = entries.slice(held);
    let batch: [number, number, string][] = [];
    let chars = 0;
    let rows = 0;
    for (let start = 0; start < added.length; start += ENTRIES_PER_ROW) {
      const row = added.slice(start, start + ENTRIES_PER_ROW);
      const text = JSON.stringify(row);
      batch.push([held + start, row.length, text]);
      chars += text.length;
      rows++;
      if (chars < this.stagedChars) continue;
      this.insertEntryRows.immediate(tenantId, projection, version, batch);
      batch = [];
      chars = 0;
      await turn();
    }
    if (batch.length > 0) this.insertEntryRows.immediate(tenantId, projection, version, batch);
    return rows;
  }

  // How many entries the version's row reflects: its mark's count (0 without a row); undefined
  // for a row saved before entries were staged, which reflects every entry row held.
  private reflectedEntries(tenantId: string, projection: string, version: number): number | undefined {
    const snapshot = this.selectSnapshot.get(tenantId, projection, version);
    if (snapshot === undefined) return 0;
    return blockOf(snapshot)?.entries;
  }

  // Drops entry rows no row reflects: staged by a save that crashed or failed before its switch.
  private dropEntriesOutsideRow(tenantId: string, projection: string, version: number): void {
    const reflected = this.reflectedEntries(tenantId, projection, version);
    if (reflected !== undefined) this.dropEntriesFrom.run(tenantId, projection, version, reflected);
  }
}
