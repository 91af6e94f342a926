import Database from 'better-sqlite3';
import { openDatabase } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();

describe('the signed digests of a SQLite store are append-only (invariant 12)', () => {
  it('refuses UPDATE and DELETE from any connection, and keeps the rows', () => {
    const filename = nextFile();
    const store = openDatabase({ filename });
    store
      .prepare(
        'INSERT INTO signed_digests (tenant_id, sequence, checkpoint, issued_at, digest) VALUES (?, ?, ?, ?, ?)',
      )
      .run('t', 1, '0000000000000001', '2026-11-30T07:00:00.000Z', '{}');
    const other = new Database(filename, { timeout: 30_000 });
    try {
      for (const db of [store, other]) {
        expect(() => db.exec('UPDATE signed_digests SET digest = \'{"forged":true}\'')).toThrow(
          /append-only/,
        );
        expect(() => db.exec('DELETE FROM signed_digests')).toThrow(/append-only/);
        expect(() => db.prepare('DELETE FROM signed_digests WHERE sequence = ?').run(1)).toThrow(
          /append-only/,
        );
      }
      expect(other.prepare('SELECT count(*) AS n FROM signed_digests').get()).toEqual({ n: 1 });
    } finally {
      other.close();
      store.close();
    }
  });
});
