import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { StoredEvent } from '@vouch/event-store';
import {
  CorruptEventError,
  auditTenant,
  hashStoredEvent,
  signTenantDigest,
  verifySignedTenantDigest,
} from '@vouch/event-store';
import { contactRecorded, contractEvent, contractPersonalData } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import type { EventRow } from '../src/event-rows';
import { fromRow } from '../src/event-rows';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const tenant = 'tenant-a';
const masterKey = randomBytes(32);
const signer = generateKeyPairSync('ed25519');

function open(filename: string): SqliteEventStore {
  return SqliteEventStore.open({ filename, masterKey, personalData: contractPersonalData });
}

/** A closed store file with a 10-event stream (unique markers) and a personal event elsewhere. */
async function storeFile() {
  const filename = nextFile();
  const store = open(filename);
  await store.append(
    tenant,
    'notes',
    Array.from({ length: 10 }, (_, i) =>
      contractEvent(tenant, 'Noted', { marker: `marker-${String(i + 1).padStart(5, '0')}` }),
    ),
    { expectedVersion: 'no_stream' },
  );
  await store.append(tenant, 'adv-1', [contactRecorded(tenant, 'adv-1', 'Ada Lovelace', 'ada@example.com')], {
    expectedVersion: 'no_stream',
  });
  const signed = signTenantDigest(await store.digest(tenant), signer.privateKey);
  await store.close(); // checkpoints the WAL: every byte is now in the main file
  return { filename, signed };
}

/** Changes one byte of the file, found by the text around it. */
function flipByte(filename: string, marker: string, offsetInMarker: number, replacement: string): void {
  const bytes = readFileSync(filename);
  const at = bytes.indexOf(Buffer.from(marker, 'utf8'));
  expect(at).toBeGreaterThan(0);
  expect(bytes.indexOf(Buffer.from(marker, 'utf8'), at + 1)).toBe(-1);
  bytes[at + offsetInMarker] = replacement.charCodeAt(0);
  writeFileSync(filename, bytes);
}

describe('SQLite store: tampering with the file', () => {
  it('names the event whose stored bytes were changed', async () => {
    const { filename, signed } = await storeFile();
    flipByte(filename, 'marker-00007', 11, 'X');

    const store = open(filename);
    const report = await store.verifyStream(tenant, 'notes');
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ streamId: 'notes', version: 7, reason: 'hash_mismatch' });
    expect((await store.verifyTenant(tenant)).firstBroken).toMatchObject({ streamId: 'notes', version: 7 });
    expect((await store.verifyStream(tenant, 'adv-1')).ok).toBe(true);
    const audit = await auditTenant(store, signed, signer.publicKey);
    expect(audit).toMatchObject({ ok: false, signatureValid: true, chainsValid: false });
    await store.close();
  });

  it('names an event whose bytes no longer decode', async () => {
    const { filename } = await storeFile();
    flipByte(filename, '"marker-00004"', 0, '{');

    const store = open(filename);
    expect((await store.verifyTenant(tenant)).firstBroken).toMatchObject({
      streamId: 'notes',
      version: 4,
      reason: 'unreadable',
    });
    await expect(store.readStream(tenant, 'notes')).rejects.toBeInstanceOf(CorruptEventError);
    await store.close();
  });

  it('names an event whose ciphertext was changed, and refuses to decrypt it', async () => {
    const { filename } = await storeFile();
    const probe = new Database(filename, { readonly: true });
    const personal = JSON.parse(
      probe.prepare("SELECT personal FROM events WHERE stream_id = 'adv-1'").pluck().get() as string,
    ) as {
      ciphertext: string;
    };
    probe.close();
    const first = personal.ciphertext[0]!;
    flipByte(filename, personal.ciphertext, 0, first === 'A' ? 'B' : 'A');

    const store = open(filename);
    expect((await store.verifyStream(tenant, 'adv-1')).firstBroken).toMatchObject({
      version: 1,
      reason: 'hash_mismatch',
    });
    await expect(store.readStream(tenant, 'adv-1')).rejects.toBeInstanceOf(CorruptEventError);
    await store.close();
  });

  it('catches a history rewritten with recomputed hashes through the signed digest', async () => {
    const { filename, signed } = await storeFile();
    const store = open(filename);
    // The forger rewrites event 3 and recomputes every later hash of the stream, by SQL.
    const rows = (
      store.database
        .prepare("SELECT * FROM events WHERE stream_id = 'notes' ORDER BY version")
        .all() as EventRow[]
    ).map(fromRow);
    let previous = rows[1]!.hash;
    const update = store.database.prepare('UPDATE events SET data = ?, hash = ? WHERE position = ?');
    for (const row of rows.slice(2)) {
      const forged: StoredEvent = row.version === 3 ? { ...row, data: { marker: 'forged' } } : row;
      previous = hashStoredEvent(previous, forged);
      update.run(JSON.stringify(forged.data), previous, row.position);
    }
    expect((await store.verifyTenant(tenant)).ok).toBe(true);
    const audit = await auditTenant(store, signed, signer.publicKey);
    expect(audit).toMatchObject({ ok: false, signatureValid: true, chainsValid: true, rootMatches: false });
    await store.close();
  });

  it('refuses a signed digest under another key or with a changed root, and accepts the untouched one', async () => {
    const { filename, signed } = await storeFile();
    const stranger = generateKeyPairSync('ed25519');
    const publicPem = signer.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(verifySignedTenantDigest(signed, publicPem)).toBe(true);
    expect(verifySignedTenantDigest(signed, stranger.publicKey)).toBe(false);
    const changedRoot = { ...signed, digest: { ...signed.digest, merkleRoot: 'f'.repeat(64) } };
    expect(verifySignedTenantDigest(changedRoot, publicPem)).toBe(false);

    const store = open(filename);
    expect(await auditTenant(store, signed, publicPem)).toMatchObject({ ok: true });
    expect(await auditTenant(store, signed, stranger.publicKey)).toMatchObject({
      ok: false,
      signatureValid: false,
    });
    await store.close();
  });
});
