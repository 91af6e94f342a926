import { createPublicKey, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { copySqliteOnline } from '../src/backup/sqlite-online-copy';
import { startAppendLoop } from './support/append-loop';
import { runCliProcess } from './support/cli-process';
import { buildReviewFixture, REVIEW_TENANT } from './support/review-fixture';

const LOAD_TENANT = 'load-co';

/** Every event of a SQLite file as (position, hash), in order. */
function eventHashes(file: string): { position: number; hash: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT position, hash FROM events ORDER BY position').all() as {
      position: number;
      hash: string;
    }[];
  } finally {
    db.close();
  }
}

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The verification lines that describe the history, without paths. */
const verdictLines = (stdout: string) =>
  stdout.split('\n').filter((line) => /^(Signed digests|Events|Signed heads|Result):/.test(line));

describe('vouch backup and vouch restore (SQLite)', () => {
  const work = mkdtempSync(join(tmpdir(), 'vouch-backup-'));
  const dataDir = join(work, 'data');
  const backup = join(work, 'vouch-backup.db');
  const restored = join(work, 'restored');
  const pub = join(work, 'vouch.pub');
  let masterKey: string;
  let backupOut: string;

  beforeAll(async () => {
    mkdirSync(dataDir, { mode: 0o700 });
    await buildReviewFixture(dataDir);
    masterKey = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
    const signing = readFileSync(join(dataDir, 'signing.key'), 'utf8');
    writeFileSync(pub, createPublicKey(signing).export({ type: 'spki', format: 'pem' }));
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('backs up while another connection appends: a consistent, verified copy, mode 0600', async () => {
    const source = join(dataDir, 'vouch.db');
    const writer = startAppendLoop(source, masterKey, LOAD_TENANT);
    await writer.waitUntil(40);
    const before = writer.appended();
    const result = await runCliProcess(['backup', '--data-dir', dataDir, '--out', backup]);
    const afterBackup = writer.appended();
    const writerLog = await writer.stop();
    backupOut = result.stdout;

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(afterBackup).toBeGreaterThan(before); // the writer went on while the copy was made
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    expect(readdirSync(work).filter((f) => f.startsWith('vouch-backup'))).toEqual(['vouch-backup.db']);

    // The copy is one committed state of the source: a prefix of its log, holding at least
    // what was committed before the backup started.
    const copied = eventHashes(backup);
    const all = eventHashes(source);
    expect(copied).toEqual(all.slice(0, copied.length));
    const loadEvents = count(backup, `events WHERE tenant_id = '${LOAD_TENANT}'`);
    expect(loadEvents).toBeGreaterThanOrEqual(before);
    expect(count(backup, 'data_keys')).toBeGreaterThanOrEqual(before);
    expect(writerLog).toMatch(/stopped after \d+/);

    // The report: per tenant events, streams, last position and digests verified; keys kept apart.
    const reviewEvents = count(backup, `events WHERE tenant_id = '${REVIEW_TENANT}'`);
    expect(result.stdout).toMatch(
      new RegExp(
        `Tenant ${REVIEW_TENANT}: ${reviewEvents} events in \\d+ streams, last position \\d+, \\d+ signed digests? verified`,
      ),
    );
    expect(result.stdout).toContain(
      `Tenant ${LOAD_TENANT}: ${loadEvents.toLocaleString('en-US')} events in ${loadEvents.toLocaleString('en-US')} streams`,
    );
    expect(result.stdout).toMatch(
      /Not in the backup: the master key \(VOUCH_MASTER_KEY.*signing key \(VOUCH_SIGNING_KEY/,
    );
    expect(result.stdout).toContain('Result: OK: the copy verifies');
    // The master key is nowhere in the copy.
    expect(readFileSync(backup).includes(Buffer.from(masterKey, 'base64'))).toBe(false);
  }, 120_000);

  it('the copy is private from its first byte (0600 before it is verified), whatever the umask', async () => {
    const early = join(work, 'early.db');
    const umask = process.umask(0o022);
    try {
      await copySqliteOnline(join(dataDir, 'vouch.db'), early);
    } finally {
      process.umask(umask);
    }
    expect(statSync(early).mode & 0o777).toBe(0o600);
    rmSync(early);
  });

  it('refuses to overwrite an existing backup file', async () => {
    const before = readFileSync(backup);
    const result = await runCliProcess(['backup', '--data-dir', dataDir, '--out', backup]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a backup never overwrites a file');
    expect(readFileSync(backup).equals(before)).toBe(true);
  }, 60_000);

  it('refuses a wrong master key on restore and writes nothing', async () => {
    const wrong = join(work, 'wrong.key');
    writeFileSync(wrong, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    const target = join(work, 'wrong-target');
    const result = await runCliProcess([
      'restore',
      '--from',
      backup,
      '--data-dir',
      target,
      '--master-key-file',
      wrong,
      '--public-key',
      pub,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/master key/i);
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('refuses a target directory that is not empty and leaves it as it was', async () => {
    const target = join(work, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'mine\n');
    const result = await runCliProcess(
      ['restore', '--from', backup, '--data-dir', target, '--public-key', pub],
      { VOUCH_MASTER_KEY: masterKey },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty');
    expect(readdirSync(target)).toEqual(['notes.txt']);
  }, 60_000);

  it('refuses a backup that does not verify (an event altered) and keeps nothing', async () => {
    const tampered = join(work, 'tampered.db');
    copyFileSync(backup, tampered);
    const db = new Database(tampered);
    db.prepare(
      `UPDATE events SET data = replace(data, 'Acme GmbH', 'Evil GmbH') WHERE tenant_id = ? AND data LIKE '%Acme GmbH%'`,
    ).run(REVIEW_TENANT);
    db.close();
    const target = join(work, 'from-tampered');
    const result = await runCliProcess(
      ['restore', '--from', tampered, '--data-dir', target, '--public-key', pub],
      { VOUCH_MASTER_KEY: masterKey },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FIRST BREAK');
    expect(result.stdout).toContain('nothing was restored');
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('restores into a new directory: the same events, keys and digests, and the same verification', async () => {
    const result = await runCliProcess(
      ['restore', '--from', backup, '--data-dir', restored, '--public-key', pub],
      { VOUCH_MASTER_KEY: masterKey },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Result: OK: restored and verified.');
    const file = join(restored, 'vouch.db');
    expect(statSync(restored).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(restored).sort()).toEqual(['.gitignore', 'vouch.db']);

    expect(eventHashes(file)).toEqual(eventHashes(backup));
    for (const table of ['data_keys', 'signed_digests', 'master_key_check']) {
      expect(count(file, table)).toBe(count(backup, table));
    }
    // The restore's per-tenant report is the backup's.
    const tenantLines = (out: string) => out.split('\n').filter((line) => line.startsWith('Tenant '));
    expect(tenantLines(result.stdout)).toEqual(tenantLines(backupOut));

    // `vouch verify` says the same of the copy and of the restored store.
    const ofCopy = await runCliProcess([
      'verify',
      '--file',
      backup,
      '--tenant',
      REVIEW_TENANT,
      '--public-key',
      pub,
    ]);
    const ofRestored = await runCliProcess([
      'verify',
      '--data-dir',
      restored,
      '--tenant',
      REVIEW_TENANT,
      '--public-key',
      pub,
    ]);
    expect(ofCopy.code).toBe(0);
    expect(ofRestored.code).toBe(0);
    expect(verdictLines(ofRestored.stdout)).toEqual(verdictLines(ofCopy.stdout));
    expect(verdictLines(ofRestored.stdout)).toContain(
      'Result: OK: the history matches every signed digest checked.',
    );
  }, 120_000);
});
