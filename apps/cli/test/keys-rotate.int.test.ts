import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import {
  KeyRotationInProgressError,
  MasterKeyMismatchError,
  unwrapsWith,
  wrapDataKey,
  type EventStore,
} from '@vouch/event-store';
import { contactRecorded, contractPersonalData } from '@vouch/event-store/testing';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { runCli } from '../src/cli';
import { memoryIo } from './support/memory-io';
import { runCliProcess, spawnCli } from './support/cli-process';

// `vouch keys rotate` on a real store, killed with SIGKILL in the middle and run again: every
// advocate's personal data reads under the new key, and the old key is refused.

const TENANT = 'demo';
const ADVOCATES = ['Ada Lovelace', 'Grace Hopper', 'Katherine Johnson'];
const EXTRA_KEYS = 3000;
const BATCH = '10';

const b64 = (key: Buffer) => key.toString('base64');

async function writeAdvocates(store: EventStore): Promise<void> {
  for (const [i, name] of ADVOCATES.entries()) {
    await store.append(TENANT, `adv-${i}`, [contactRecorded(TENANT, `adv-${i}`, name, `${i}@example.com`)], {
      expectedVersion: 'no_stream',
    });
  }
  // Erased advocates keep only a tombstone: nothing to re-wrap.
  await store.forgetSubject(TENANT, 'adv-2');
}

async function expectAdvocatesReadable(store: EventStore): Promise<void> {
  for (const [i, name] of ADVOCATES.entries()) {
    const [event] = await store.readStream(TENANT, `adv-${i}`);
    if (i === 2) expect(event!.personalData).toMatchObject({ status: 'erased' });
    else expect(event!.data.profile).toEqual({ name, email: `${i}@example.com` });
  }
}

/** Polls `rotated` until the child has committed some batches, then kills it without warning. */
async function killMidway(
  args: readonly string[],
  env: Record<string, string>,
  rotated: () => Promise<number>,
): Promise<number> {
  const child = spawnCli(args, env);
  for (;;) {
    const done = await rotated().catch(() => 0);
    if (done >= 200) {
      child.child.kill('SIGKILL');
      break;
    }
    if (child.child.exitCode !== null)
      throw new Error(`rotation ended before it could be killed:\n${child.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await child.exited;
  expect(child.child.signalCode).toBe('SIGKILL');
  return rotated();
}

describe('vouch keys rotate on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-rotate-'));
  const filename = join(dir, 'vouch.db');
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const store = SqliteEventStore.open({ filename, masterKey: oldKey, personalData: contractPersonalData });
    await writeAdvocates(store);
    // Many more data keys, so that the rotation takes long enough to be killed in the middle.
    const insert = store.database.prepare(
      'INSERT INTO data_keys (tenant_id, subject_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)',
    );
    store.database.transaction(() => {
      for (let i = 0; i < EXTRA_KEYS; i++) {
        insert.run(
          TENANT,
          `bulk-${i}`,
          wrapDataKey(oldKey, TENANT, `bulk-${i}`, randomBytes(32)),
          '2026-01-01',
        );
      }
    })();
    await store.close();
  });

  const progress = async () => {
    const db = new Database(filename, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT rotated FROM master_key_check').get() as { rotated: number }).rotated;
    } finally {
      db.close();
    }
  };

  it('survives kill -9 in the middle; the re-run finishes it; only the new key opens the store', async () => {
    const env = { VOUCH_MASTER_KEY: b64(oldKey), VOUCH_NEW_MASTER_KEY: b64(newKey) };
    const args = ['keys', 'rotate', '--data-dir', dir, '--batch-size', BATCH];
    const killedAt = await killMidway(args, env, progress);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(EXTRA_KEYS + 2);

    // Meanwhile neither key opens the store, in the library and in the CLI.
    for (const key of [oldKey, newKey]) {
      expect(() => SqliteEventStore.open({ filename, masterKey: key })).toThrow(KeyRotationInProgressError);
    }
    const refused = await runCliProcess(['rebuild', '--data-dir', dir], { VOUCH_MASTER_KEY: b64(newKey) });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^vouch: A master-key rotation of SQLite .* was started and not finished/);

    const rerun = await runCliProcess(args, env);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(
      new RegExp(
        `^Finished the interrupted rotation of SQLite .*: [\\d,]+ of ${(EXTRA_KEYS + 2).toLocaleString('en-US')} data keys re-wrapped`,
      ),
    );

    const db = new Database(filename, { readonly: true });
    const rows = db
      .prepare(
        'SELECT tenant_id AS tenantId, subject_id AS subjectId, wrapped_key AS wrappedKey FROM data_keys WHERE wrapped_key IS NOT NULL',
      )
      .all() as { tenantId: string; subjectId: string; wrappedKey: Buffer }[];
    db.close();
    expect(rows).toHaveLength(EXTRA_KEYS + 2);
    expect(rows.filter((row) => !unwrapsWith(newKey, row))).toEqual([]);

    const store = SqliteEventStore.open({ filename, masterKey: newKey, personalData: contractPersonalData });
    await expectAdvocatesReadable(store);
    await store.close();
    expect(() => SqliteEventStore.open({ filename, masterKey: oldKey })).toThrow(MasterKeyMismatchError);
    const old = await runCliProcess(['rebuild', '--data-dir', dir], { VOUCH_MASTER_KEY: b64(oldKey) });
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/^vouch: The master key does not match/);

    // Once more: nothing left to do.
    const again = await runCliProcess(args, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/is already under the new master key: nothing to do/);
  }, 120_000);

  it('draws a progress bar on a terminal, and refuses a wrong old key or a missing new key with exit 2', async () => {
    const small = mkdtempSync(join(tmpdir(), 'vouch-rotate-bar-'));
    try {
      const key = randomBytes(32);
      const store = SqliteEventStore.open({
        filename: join(small, 'vouch.db'),
        masterKey: key,
        personalData: contractPersonalData,
      });
      await writeAdvocates(store);
      await store.close();

      const missing = memoryIo({ VOUCH_MASTER_KEY: b64(key) });
      expect(await runCli(['keys', 'rotate', '--data-dir', small], missing)).toBe(2);
      expect(missing.err()).toBe(
        'vouch: No new master key: pass --new-key-file <file> or set VOUCH_NEW_MASTER_KEY (base64 of 32 bytes: `openssl rand -base64 32`).\n',
      );
      const wrong = memoryIo({
        VOUCH_MASTER_KEY: b64(randomBytes(32)),
        VOUCH_NEW_MASTER_KEY: b64(randomBytes(32)),
      });
      expect(await runCli(['keys', 'rotate', '--data-dir', small], wrong)).toBe(2);
      expect(wrong.err()).toMatch(/^vouch: The master key does not match/);

      const next = randomBytes(32);
      const terminal = {
        ...memoryIo({ VOUCH_MASTER_KEY: b64(key), VOUCH_NEW_MASTER_KEY: b64(next) }),
        interactive: true,
      };
      const io = memoryIo();
      const tty = { ...terminal, stderr: io.stderr, stdout: io.stdout };
      expect(await runCli(['keys', 'rotate', '--data-dir', small, '--batch-size', '1'], tty)).toBe(0);
      expect(io.err()).toContain('\rRe-wrapping data keys [##############################] 100% 2/2');
      expect(io.out()).toMatch(/^Rotated the master key of SQLite .*: 2 of 2 data keys re-wrapped/);
    } finally {
      rmSync(small, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('vouch keys rotate on PostgreSQL', () => {
  // Its own server: the CLI works in the default schema.
  const server = usePostgresTestServer({ useDatabaseUrl: false });
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];

  beforeAll(async () => {
    const store = await PostgresEventStore.open({
      connectionString: server.url,
      masterKey: oldKey,
      personalData: contractPersonalData,
    });
    await writeAdvocates(store);
    const subjects = Array.from({ length: EXTRA_KEYS }, (_, i) => `bulk-${i}`);
    await store.database.query(
      'bulk data keys',
      `INSERT INTO vouch.data_keys (tenant_id, subject_id, wrapped_key, created_at)
       SELECT $1, s, k, '2026-01-01' FROM unnest($2::text[], $3::bytea[]) AS u(s, k)`,
      [TENANT, subjects, subjects.map((s) => wrapDataKey(oldKey, TENANT, s, randomBytes(32)))],
    );
    await store.close();
  }, 120_000);

  const progress = async () => {
    const client = new Client({ connectionString: server.url });
    await client.connect();
    try {
      return Number(
        (await client.query<{ rotated: string }>('SELECT rotated FROM vouch.master_key_check')).rows[0]!
          .rotated,
      );
    } finally {
      await client.end();
    }
  };

  it('survives kill -9 in the middle; the re-run finishes it; only the new key opens the store', async () => {
    const env = { VOUCH_MASTER_KEY: b64(oldKey), VOUCH_NEW_MASTER_KEY: b64(newKey) };
    const args = [
      'keys',
      'rotate',
      '--store',
      'postgres',
      '--database-url',
      server.url,
      '--batch-size',
      BATCH,
    ];
    const killedAt = await killMidway(args, env, progress);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(EXTRA_KEYS + 2);

    for (const key of [oldKey, newKey]) {
      await expect(
        PostgresEventStore.open({ connectionString: server.url, masterKey: key }),
      ).rejects.toBeInstanceOf(KeyRotationInProgressError);
    }

    const rerun = await runCliProcess(args, env);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(
      new RegExp(
        `^Finished the interrupted rotation of PostgreSQL postgres://.*: [\\d,]+ of ${(EXTRA_KEYS + 2).toLocaleString('en-US')} data keys`,
      ),
    );

    const client = new Client({ connectionString: server.url });
    await client.connect();
    const { rows } = await client.query<{ tenantId: string; subjectId: string; wrappedKey: Buffer }>(
      'SELECT tenant_id AS "tenantId", subject_id AS "subjectId", wrapped_key AS "wrappedKey" FROM vouch.data_keys WHERE wrapped_key IS NOT NULL',
    );
    await client.end();
    expect(rows).toHaveLength(EXTRA_KEYS + 2);
    expect(rows.filter((row) => !unwrapsWith(newKey, row))).toEqual([]);

    const store = await PostgresEventStore.open({
      connectionString: server.url,
      masterKey: newKey,
      personalData: contractPersonalData,
    });
    await expectAdvocatesReadable(store);
    await store.close();
    await expect(
      PostgresEventStore.open({ connectionString: server.url, masterKey: oldKey }),
    ).rejects.toBeInstanceOf(MasterKeyMismatchError);
    const old = await runCliProcess(['rebuild', '--store', 'postgres', '--database-url', server.url], {
      VOUCH_MASTER_KEY: b64(oldKey),
    });
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/^vouch: The master key does not match PostgreSQL schema vouch/);
  }, 180_000);
});
