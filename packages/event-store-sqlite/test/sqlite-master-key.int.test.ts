import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  EventStoreErrorCode,
  KeyRotationInProgressError,
  MasterKeyMismatchError,
  masterKeyCheckValue,
  rotateMasterKey,
} from '@vouch/event-store';
import { contactRecorded, contractPersonalData, runFailedAppendKeySuite } from '@vouch/event-store/testing';
import { SqliteEventStore, SqliteWrappedKeyRepository, openDatabase } from '@vouch/event-store-sqlite';
import { directorySnapshot } from '../../../test/support/directory-snapshot';

const tenant = 'tenant-a';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vouch-kcv-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function open(filename: string, masterKey: Buffer): SqliteEventStore {
  return SqliteEventStore.open({ filename, masterKey, personalData: contractPersonalData });
}

async function createStore(filename: string, masterKey: Buffer): Promise<void> {
  const store = open(filename, masterKey);
  await store.append(tenant, 'adv-1', [contactRecorded(tenant, 'adv-1', 'Ada Lovelace', 'ada@example.com')], {
    expectedVersion: 'no_stream',
  });
  await store.close();
}

describe('SQLite store: the master key check value', () => {
  it('records the key check value (never the key) when the file is created', async () => {
    const key = randomBytes(32);
    const filename = join(dir, 'vouch.db');
    await createStore(filename, key);
    const db = new Database(filename, { readonly: true });
    const row = db.prepare('SELECT value FROM master_key_check').get() as { value: string };
    db.close();
    expect(row.value).toBe(masterKeyCheckValue(key));
    expect(row.value).not.toContain(key.toString('hex'));
    expect(masterKeyCheckValue(randomBytes(32))).not.toBe(row.value);
  });

  it('refuses another key with MASTER_KEY_MISMATCH before reading or writing anything', async () => {
    const filename = join(dir, 'vouch.db');
    await createStore(filename, randomBytes(32));
    const before = directorySnapshot(dir);
    let refusal: unknown;
    try {
      open(filename, randomBytes(32));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(MasterKeyMismatchError);
    expect((refusal as MasterKeyMismatchError).code).toBe(EventStoreErrorCode.MASTER_KEY_MISMATCH);
    expect((refusal as Error).message).not.toContain('\n');
    expect(directorySnapshot(dir)).toEqual(before);
  });

  it('records the key of a store made before key check values, once a data key shows it is right', async () => {
    const key = randomBytes(32);
    const filename = join(dir, 'old.db');
    await createStore(filename, key);
    // What a store of schema version 1 looked like: no key check table.
    const db = new Database(filename);
    db.exec('DROP TABLE master_key_check');
    db.pragma('user_version = 1');
    db.close();
    const before = directorySnapshot(dir);

    expect(() => open(filename, randomBytes(32))).toThrow(MasterKeyMismatchError);
    expect(directorySnapshot(dir)).toEqual(before);

    const store = open(filename, key);
    expect((await store.readStream(tenant, 'adv-1'))[0]!.data.profile).toMatchObject({
      name: 'Ada Lovelace',
    });
    await store.close();
    expect(() => open(filename, randomBytes(32))).toThrow(MasterKeyMismatchError);
  });

  it('refuses to open while a rotation is unfinished, with either key', async () => {
    const key = randomBytes(32);
    const filename = join(dir, 'vouch.db');
    await createStore(filename, key);
    const db = new Database(filename);
    db.prepare('UPDATE master_key_check SET rotating_to = ?').run(masterKeyCheckValue(randomBytes(32)));
    db.close();
    expect(() => open(filename, key)).toThrow(KeyRotationInProgressError);
  });

  it('a store still open with the old key stores no new subject after a rotation', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const filename = join(dir, 'vouch.db');
    await createStore(filename, oldKey);
    const running = open(filename, oldKey);
    const second = openDatabase({ filename });
    await rotateMasterKey(new SqliteWrappedKeyRepository(second), oldKey, newKey, {
      store: 'test',
      now: () => '2026-01-01T00:00:00.000Z',
    });
    second.close();
    await expect(
      running.append(
        tenant,
        'adv-2',
        [contactRecorded(tenant, 'adv-2', 'Grace Hopper', 'grace@example.com')],
        {
          expectedVersion: 'no_stream',
        },
      ),
    ).rejects.toBeInstanceOf(MasterKeyMismatchError);
    expect(await running.streamVersion(tenant, 'adv-2')).toBe(0);
    await running.close();
    const reopened = open(filename, newKey);
    expect((await reopened.readStream(tenant, 'adv-1'))[0]!.data.profile).toMatchObject({
      name: 'Ada Lovelace',
    });
    await reopened.close();
  });

  it('creates the file, its WAL and shared-memory index with mode 0600', async () => {
    const filename = join(dir, 'vouch.db');
    const db = openDatabase({ filename, masterKey: randomBytes(32) });
    db.exec('CREATE TABLE IF NOT EXISTS t (x)');
    for (const file of [filename, `${filename}-wal`, `${filename}-shm`]) {
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    }
    db.close();
  });
});

runFailedAppendKeySuite('SQLite store', async (options) => {
  const filename = join(mkdtempSync(join(tmpdir(), 'vouch-keys-')), 'vouch.db');
  const store = SqliteEventStore.open({ ...options, filename, masterKey: randomBytes(32) });
  return {
    store,
    hasDataKey: async (tenantId, subjectId) =>
      store.database
        .prepare('SELECT 1 FROM data_keys WHERE tenant_id = ? AND subject_id = ? AND wrapped_key IS NOT NULL')
        .get(tenantId, subjectId) !== undefined,
  };
});
