// Upgrading a store the previous release wrote (schema version 1, with events, data keys,
// an erased subject and a projection checkpoint in it) to the current schema.
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MasterKeyMismatchError } from '@vouch/event-store';
import {
  SCHEMA_VERSION,
  SchemaTooNewError,
  SqliteEventStore,
  sqliteFileSchemaVersion,
  sqliteMigrationsAfter,
} from '@vouch/event-store-sqlite';
import { directorySnapshot } from '../../../test/support/directory-snapshot';
import {
  expectPreviousDataServed,
  fixtureStoreOptions,
} from '../../../test/fixtures/previous-schema/expect-upgraded-store';
import { useTempDirectory } from './support/temp-files';

const FIXTURE = join(__dirname, 'fixtures', 'schema-v1.sqlite3');
const nextFile = useTempDirectory();

/** A copy of the previous release's file, readable by others as that release left it. */
function previousStore(): string {
  const filename = nextFile();
  copyFileSync(FIXTURE, filename);
  return filename;
}

const objects = (filename: string) => {
  const db = new Database(filename, { readonly: true });
  try {
    return (
      db.prepare('SELECT type, name FROM sqlite_master ORDER BY name').all() as {
        type: string;
        name: string;
      }[]
    ).map((r) => `${r.type} ${r.name}`);
  } finally {
    db.close();
  }
};

describe('upgrading a SQLite store from the previous schema', () => {
  it('reads the previous version from the file header and plans exactly the missing steps', () => {
    const filename = previousStore();
    expect(sqliteFileSchemaVersion(filename)).toBe(1);
    expect(SCHEMA_VERSION).toBe(2);
    expect(sqliteMigrationsAfter(1).map((m) => m.version)).toEqual([2]);
    expect(sqliteMigrationsAfter(SCHEMA_VERSION)).toEqual([]);
    expect(sqliteFileSchemaVersion(join(filename, '..', 'absent.db'))).toBe(0);
  });

  it('migrates on open: new tables, version 2, every old event served, erasure kept, chains intact, new appends', async () => {
    const filename = previousStore();
    const store = SqliteEventStore.open({ filename, ...fixtureStoreOptions() });
    try {
      expect(store.database.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(await store.checkpoints.load('fixture-projection')).toBe('0000000000000005');
      await expectPreviousDataServed(store);
      // The signed-digest log the upgrade created is append-only, as on a new file.
      store.database
        .prepare(
          "INSERT INTO signed_digests VALUES ('acme', 1, '0000000000000006', '2026-11-30T00:00:00Z', 'digest')",
        )
        .run();
      expect(() => store.database.prepare('DELETE FROM signed_digests').run()).toThrow('append-only');
    } finally {
      await store.close();
    }
    // The previous release left the file readable by others; it holds wrapped keys.
    expect(statSync(filename).mode & 0o777).toBe(0o600);
    // The upgraded file has the same objects as a file this release creates.
    const fresh = nextFile();
    await SqliteEventStore.open({ filename: fresh, ...fixtureStoreOptions() }).close();
    expect(objects(filename)).toEqual(objects(fresh));
  });

  it('refuses another master key before migrating: the file is left as it was', () => {
    const filename = previousStore();
    const dir = join(filename, '..');
    const before = directorySnapshot(dir);
    expect(() =>
      SqliteEventStore.open({ filename, ...fixtureStoreOptions(), masterKey: Buffer.alloc(32, 7) }),
    ).toThrow(MasterKeyMismatchError);
    expect(directorySnapshot(dir)).toEqual(before);
    expect(sqliteFileSchemaVersion(filename)).toBe(1);
  });

  it('refuses a file from a newer release, changing nothing', () => {
    const filename = previousStore();
    const bytes = readFileSync(filename);
    bytes.writeUInt32BE(SCHEMA_VERSION + 1, 60); // the header's user_version
    writeFileSync(filename, bytes);
    expect(sqliteFileSchemaVersion(filename)).toBe(SCHEMA_VERSION + 1);
    expect(() => sqliteMigrationsAfter(SCHEMA_VERSION + 1)).toThrow(SchemaTooNewError);
    expect(() => SqliteEventStore.open({ filename, ...fixtureStoreOptions() })).toThrow(SchemaTooNewError);
    expect(readFileSync(filename).equals(bytes)).toBe(true);
  });

  it('refuses to read the version of a file that is not SQLite', () => {
    const filename = nextFile();
    writeFileSync(filename, 'x'.repeat(200));
    expect(() => sqliteFileSchemaVersion(filename)).toThrow('is not a SQLite database');
  });
});
