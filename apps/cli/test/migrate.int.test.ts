// `vouch migrate [--dry-run]` on stores the previous release wrote, run as a real process.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteFileSchemaVersion } from '@vouch/event-store-sqlite';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { directorySnapshot } from '../../../test/support/directory-snapshot';
import {
  createPreviousPostgresDatabase,
  withClient,
} from '../../../test/fixtures/previous-schema/previous-postgres-database';
import { runCliProcess } from './support/cli-process';

const FIXTURE = join(__dirname, '../../../packages/event-store-sqlite/test/fixtures/schema-v1.sqlite3');
const TIMEOUT = 120_000;

describe('vouch migrate on SQLite', () => {
  const work = mkdtempSync(join(tmpdir(), 'vouch-migrate-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A data directory holding the previous release's store. */
  const previousDataDir = (name: string) => {
    const dir = join(work, name);
    mkdirSync(dir);
    copyFileSync(FIXTURE, join(dir, 'vouch.db'));
    return dir;
  };

  it(
    '--dry-run prints the steps and leaves every byte of the directory as it was',
    async () => {
      const dir = previousDataDir('dry');
      const before = directorySnapshot(dir);
      const run = await runCliProcess(['migrate', '--data-dir', dir, '--dry-run']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `SQLite ${join(dir, 'vouch.db')}: schema version 1; this release writes version 2.`,
      );
      expect(run.stdout).toMatch(/1 step would run:\n +2 {2}master key check value and signed digests/);
      expect(run.stdout).toContain('Dry run: nothing was changed.');
      // Same names, modes, sizes, modification times and SHA-256: no -wal or -shm file either.
      expect(directorySnapshot(dir)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'migrates, then finds nothing to do, with or without --dry-run',
    async () => {
      const dir = previousDataDir('apply');
      const run = await runCliProcess(['migrate', '--data-dir', dir]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/1 step ran:\n +2 {2}master key check value/);
      expect(run.stdout).toContain('Done: schema version 2.');
      expect(sqliteFileSchemaVersion(join(dir, 'vouch.db'))).toBe(2);
      for (const extra of [[], ['--dry-run']]) {
        const again = await runCliProcess(['migrate', '--data-dir', dir, ...extra]);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('schema version 2; this release writes version 2.');
        expect(again.stdout).toContain('Up to date: nothing to do.');
      }
    },
    TIMEOUT,
  );

  it(
    'refuses a directory without a store (exit 2), creating nothing',
    async () => {
      const dir = join(work, 'empty');
      mkdirSync(dir);
      const run = await runCliProcess(['migrate', '--data-dir', dir, '--dry-run']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`There is no store at ${join(dir, 'vouch.db')}`);
      expect(directorySnapshot(dir)).toEqual({});
    },
    TIMEOUT,
  );

  it(
    'refuses a store from a newer release (exit 1), changing nothing',
    async () => {
      const dir = previousDataDir('newer');
      const file = join(dir, 'vouch.db');
      const bytes = readFileSync(file);
      bytes.writeUInt32BE(3, 60); // the header's user_version
      writeFileSync(file, bytes);
      const before = directorySnapshot(dir);
      for (const extra of [['--dry-run'], []]) {
        const run = await runCliProcess(['migrate', '--data-dir', dir, ...extra]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('has schema version 3; this code knows up to 2. Upgrade Vouch.');
      }
      expect(directorySnapshot(dir)).toEqual(before);
    },
    TIMEOUT,
  );
});

describe('vouch migrate on PostgreSQL', () => {
  const server = usePostgresTestServer({}, TIMEOUT);

  const migrations = (url: string) =>
    withClient(url, async (client) =>
      (
        await client.query<{ version: number }>('SELECT version FROM vouch.schema_migrations ORDER BY 1')
      ).rows.map((r) => r.version),
    );

  it(
    '--dry-run lists the pending migrations and applies none; then migrates; then is up to date',
    async () => {
      const url = await createPreviousPostgresDatabase(server.url, `cli_migrate_${process.pid}`);
      const args = ['migrate', '--store', 'postgres', '--database-url', url];

      const dry = await runCliProcess([...args, '--dry-run']);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('schema vouch: migrations 1, 2, 3 applied.');
      expect(dry.stdout).toMatch(
        /6 migrations would run:\n +4 {2}master_key_check.*\n +5 {2}signed_digests.*\n +6 {2}append_one.*\n +7 {2}append_one: the event ids checked by the insert.*\n +8 {2}append_one, append_group: rows taken by subscript.*\n +9 {2}read_stream_tails: /,
      );
      expect(dry.stdout).toContain('Dry run: nothing was changed.');
      expect(await migrations(url)).toEqual([1, 2, 3]);

      const applied = await runCliProcess(args);
      expect(applied.code).toBe(0);
      expect(applied.stdout).toContain('Done: applied 4, 5, 6, 7, 8, 9.');
      expect(await migrations(url)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

      const again = await runCliProcess([...args, '--dry-run']);
      expect(again.stdout).toContain('Up to date: nothing to do.');
    },
    TIMEOUT,
  );
});
