import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { openDatabase, SqliteWrappedKeyRepository } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

/** The file has no master key check recorded (opened without a key), so any value passes. */
const NO_KEY_CHECK = 'no-key-check-recorded';

const nextFile = useTempDirectory();
const now = '2026-11-30T06:00:00.000Z';

/** Every byte SQLite keeps for the file: the database, its WAL and shared-memory index. */
function rawBytes(filename: string): Buffer {
  return Buffer.concat(
    [filename, `${filename}-wal`, `${filename}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
}

/** A wrapped key written to a fresh key file and erased again; whether its bytes are still in the files. */
async function eraseAndLook(truncateWalAfterErase: boolean): Promise<boolean> {
  const filename = nextFile();
  const db = openDatabase({ filename });
  try {
    const repository = new SqliteWrappedKeyRepository(db, undefined, { truncateWalAfterErase });
    const wrapped = randomBytes(61);
    await repository.insertIfAbsent('t', 'adv-1', wrapped, now, NO_KEY_CHECK);
    await repository.insertIfAbsent('t', 'adv-2', randomBytes(61), now, NO_KEY_CHECK);
    expect(rawBytes(filename).includes(wrapped)).toBe(true);
    expect(await repository.erase('t', 'adv-1', now)).toMatchObject({ wrappedKey: null, erasedAt: now });
    return rawBytes(filename).includes(wrapped);
  } finally {
    db.close();
  }
}

// Invariant 10: the key file an EventStoreDB store keeps beside it shreds like the SQLite store's own.
describe('a SQLite key file kept beside another store', () => {
  it('holds no byte of an erased wrapped key when told to truncate its WAL after an erasure', async () => {
    expect(await eraseAndLook(true)).toBe(false);
  });

  it('would keep it in the WAL otherwise (so the check above can fail)', async () => {
    expect(await eraseAndLook(false)).toBe(true);
  });
});
