import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  ManualClock,
  contactRecorded,
  contractEvent,
  contractPersonalData,
} from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';
const name = 'Ada Lovelace';
const email = 'ada.lovelace@example.com';

/** Every byte SQLite keeps for the store: the main file, its WAL and shared-memory index. */
function rawBytes(filename: string): Buffer {
  return Buffer.concat(
    [filename, `${filename}-wal`, `${filename}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
}

/** True when any 8 consecutive bytes of a random secret survive: a partial key is a leak too. */
function anyFragmentOccurs(haystack: Buffer, secret: Buffer): boolean {
  for (let i = 0; i + 8 <= secret.length; i++) {
    if (haystack.includes(secret.subarray(i, i + 8))) return true;
  }
  return false;
}

function occurs(haystack: Buffer, needle: string | Buffer): boolean {
  if (typeof needle !== 'string') return haystack.includes(needle);
  return haystack.includes(Buffer.from(needle, 'utf8')) || haystack.includes(Buffer.from(needle, 'utf16le'));
}

async function writeAdvocates(store: SqliteEventStore): Promise<void> {
  await store.append(tenant, 'adv-1', [contactRecorded(tenant, 'adv-1', name, email)], {
    expectedVersion: 'no_stream',
  });
  await store.append(tenant, 'adv-1', [contractEvent(tenant, 'Activated', { advocateId: 'adv-1' })], {
    expectedVersion: 1,
  });
  await store.append(
    tenant,
    'adv-2',
    [contactRecorded(tenant, 'adv-2', 'Grace Hopper', 'grace@example.com')],
    {
      expectedVersion: 'no_stream',
    },
  );
}

describe('SQLite store: erasure by crypto-shredding', () => {
  it('the raw-bytes search finds plaintext when a store does not encrypt (control)', async () => {
    const filename = nextFile();
    const store = SqliteEventStore.open({
      filename,
      masterKey: randomBytes(32),
      personalData: () => undefined,
    });
    await writeAdvocates(store);
    await store.checkpointWal();
    expect(occurs(rawBytes(filename), name)).toBe(true);
    expect(occurs(rawBytes(filename), email)).toBe(true);
    await store.close();
  });

  it('leaves neither plaintext nor the data key in the file; reads show the placeholder; the chain verifies', async () => {
    const filename = nextFile();
    const masterKey = randomBytes(32);
    const clock = new ManualClock('2026-03-01T10:00:00.000Z');
    const store = SqliteEventStore.open({
      filename,
      masterKey,
      personalData: contractPersonalData,
      clock: clock.now,
    });
    await writeAdvocates(store);
    await store.checkpointWal();

    const probe = new Database(filename, { readonly: true });
    const wrappedKey = probe
      .prepare("SELECT wrapped_key FROM data_keys WHERE tenant_id = ? AND subject_id = 'adv-1'")
      .pluck()
      .get(tenant) as Buffer;
    const ciphertext = Buffer.from(
      (
        JSON.parse(
          probe
            .prepare("SELECT personal FROM events WHERE stream_id = 'adv-1' AND version = 1")
            .pluck()
            .get() as string,
        ) as {
          ciphertext: string;
        }
      ).ciphertext,
    );
    probe.close();
    // Before: the key that can decrypt the ciphertext is in the file, and the plaintext is not.
    expect(wrappedKey).toHaveLength(61);
    expect(occurs(rawBytes(filename), wrappedKey)).toBe(true);
    expect(occurs(rawBytes(filename), ciphertext)).toBe(true);
    expect(occurs(rawBytes(filename), name)).toBe(false);

    const erasedAt = clock.advance(60_000);
    await store.forgetSubject(tenant, 'adv-1');

    const after = rawBytes(filename);
    expect(anyFragmentOccurs(after, wrappedKey)).toBe(false);
    expect(occurs(after, name)).toBe(false);
    expect(occurs(after, email)).toBe(false);
    expect(occurs(after, ciphertext)).toBe(true); // history is kept, only unreadable

    const [contact, activated] = await store.readStream(tenant, 'adv-1');
    expect(contact!.data.profile).toEqual({ kind: 'ErasedPersonalData', subjectId: 'adv-1', erasedAt });
    expect(contact!.data.seniority).toBe('VP');
    expect(activated!.type).toBe('Activated');
    expect((await store.readStream(tenant, 'adv-2'))[0]!.data.profile).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    expect(await store.verifyTenant(tenant)).toMatchObject({ ok: true, eventsChecked: 3 });
    await store.close();

    // After a restart the erasure holds: the tombstone is in the file.
    const reopened = SqliteEventStore.open({ filename, masterKey, personalData: contractPersonalData });
    expect((await reopened.readStream(tenant, 'adv-1'))[0]!.personalData).toEqual({
      status: 'erased',
      subjectId: 'adv-1',
      erasedAt,
    });
    await reopened.close();
    expect(anyFragmentOccurs(rawBytes(filename), wrappedKey)).toBe(false);
  });

  it('an erasure by another store on the file shows on the next read of a reader that already unwrapped the key', async () => {
    const filename = nextFile();
    const masterKey = randomBytes(32);
    const clock = new ManualClock('2026-03-01T10:00:00.000Z');
    const open = () =>
      SqliteEventStore.open({ filename, masterKey, personalData: contractPersonalData, clock: clock.now });
    const reader = open();
    await writeAdvocates(reader);
    // Read twice, by stream and by log: the reader's vault now holds adv-1's unwrapped key.
    expect((await reader.readStream(tenant, 'adv-1'))[0]!.data.profile).toEqual({ name, email });
    expect((await reader.readAll(tenant))[0]!.personalData).toEqual({
      status: 'present',
      subjectId: 'adv-1',
    });

    const eraser = open();
    const erasedAt = clock.advance(60_000);
    await eraser.forgetSubject(tenant, 'adv-1');
    await eraser.close();

    const placeholder = { kind: 'ErasedPersonalData', subjectId: 'adv-1', erasedAt };
    expect((await reader.readStream(tenant, 'adv-1'))[0]!.data.profile).toEqual(placeholder);
    const [contact, , other] = await reader.readAll(tenant);
    expect(contact!.data.profile).toEqual(placeholder);
    expect(contact!.personalData).toEqual({ status: 'erased', subjectId: 'adv-1', erasedAt });
    expect(other!.data.profile).toEqual({ name: 'Grace Hopper', email: 'grace@example.com' });
    await reader.close();
  });
});
