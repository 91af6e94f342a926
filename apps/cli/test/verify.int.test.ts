import { mkdtempSync, rmSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GENESIS_HASH, hashStoredEvent } from '@vouch/event-store';
import { runCli } from '../src/cli';
import { ExitCode } from '../src/config/exit-codes';
import { memoryIo } from './support/memory-io';
import { buildReviewFixture, REVIEW_TENANT } from './support/review-fixture';

interface Row {
  event_id: string;
  tenant_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: string;
  personal: string | null;
  metadata: string;
  recorded_at: string;
  fingerprint: string;
}

/** The forgery of the issue on a file: PRESS and VIDEO added to a consent, chain recomputed. */
function forgeConsent(file: string, eventId: string): void {
  const db = new Database(file);
  const stream = (db.prepare('SELECT stream_id FROM events WHERE event_id = ?').get(eventId) as Row)
    .stream_id;
  const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version').all(stream) as Row[];
  let previous = GENESIS_HASH;
  const update = db.prepare('UPDATE events SET data = ?, hash = ? WHERE event_id = ?');
  for (const row of rows) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    if (row.event_id === eventId) {
      data.kinds = [...(data.kinds as string[]), 'PRESS', 'VIDEO'];
      data.validUntil = '2099-12-31T00:00:00.000Z';
    }
    const hash = hashStoredEvent(previous, {
      tenantId: row.tenant_id,
      streamId: row.stream_id,
      version: row.version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion: row.schema_version,
      data,
      personal: row.personal === null ? null : JSON.parse(row.personal),
      metadata: JSON.parse(row.metadata),
      recordedAt: row.recorded_at,
      fingerprint: row.fingerprint,
    });
    update.run(JSON.stringify(data), hash, row.event_id);
    previous = hash;
  }
  db.close();
}

describe('vouch verify and vouch digest (a reviewer, offline)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-verify-'));
  const reviewer = mkdtempSync(join(tmpdir(), 'vouch-reviewer-'));
  let consentEventId: string;
  const kept = join(reviewer, 'kept.json');
  const pub = join(reviewer, 'vouch.pub');

  beforeAll(async () => {
    ({ consentEventId } = await buildReviewFixture(dataDir));
  }, 30_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(reviewer, { recursive: true, force: true });
  });

  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const io = memoryIo(env);
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  };

  it('prints the public key and exports the latest signed digest with it', async () => {
    const key = await cli(['digest', 'public-key', '--data-dir', dataDir]);
    expect(key.code).toBe(ExitCode.OK);
    expect(key.out).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(key.out).not.toContain('PRIVATE');
    writeFileSync(pub, key.out);

    const exported = await cli([
      'digest',
      'export',
      '--data-dir',
      dataDir,
      '--tenant',
      REVIEW_TENANT,
      '--out',
      kept,
    ]);
    expect(exported.code).toBe(ExitCode.OK);
    const file = JSON.parse(readFileSync(kept, 'utf8'));
    expect(file).toMatchObject({
      format: 'vouch.digest-export.v1',
      tenantId: REVIEW_TENANT,
      publicKey: key.out,
    });
    expect(file.digest.statement.sequence).toBeGreaterThanOrEqual(2); // after the erasure, then on demand
    expect(JSON.stringify(file)).not.toContain('PRIVATE KEY');
  });

  it('verifies a copy of the store offline against the kept digest and exits 0', async () => {
    const copy = join(reviewer, 'copy.db');
    copyFileSync(join(dataDir, 'vouch.db'), copy);
    const result = await cli(['verify', '--file', copy, '--tenant', REVIEW_TENANT, '--digest', kept]);
    expect(result.code).toBe(ExitCode.OK);
    expect(result.out).toMatch(/Public key: ed25519:[0-9a-f]{16} \(from .*kept\.json\)/);
    expect(result.out).toMatch(/Kept digest: #\d+ .*: in the store, unchanged/);
    expect(result.out).toMatch(/Events: \d+ in \d+ streams, every hash chain recomputes/);
    expect(result.out).toMatch(/Result: OK/);
  });

  it('names the stream and event of a forged consent and exits 1', async () => {
    const copy = join(reviewer, 'forged.db');
    copyFileSync(join(dataDir, 'vouch.db'), copy);
    forgeConsent(copy, consentEventId);
    const result = await cli(['verify', '--file', copy, '--tenant', REVIEW_TENANT, '--public-key', pub]);
    expect(result.code).toBe(ExitCode.FAILURE);
    expect(result.out).toContain(`FIRST BREAK (event): event ${consentEventId} (stream advocate-ines`);
    expect(result.out).toMatch(/signed head mismatch/);
    expect(result.out).toMatch(/Result: FAILED/);
  });

  it('catches a removed digest against the kept one (rollback) and exits 1', async () => {
    const copy = join(reviewer, 'rolled-back.db');
    copyFileSync(join(dataDir, 'vouch.db'), copy);
    const db = new Database(copy);
    db.exec('DROP TRIGGER signed_digests_no_delete');
    db.exec('DELETE FROM signed_digests WHERE sequence = (SELECT max(sequence) FROM signed_digests)');
    db.close();
    const result = await cli(['verify', '--file', copy, '--tenant', REVIEW_TENANT, '--digest', kept]);
    expect(result.code).toBe(ExitCode.FAILURE);
    expect(result.out).toMatch(/FIRST BREAK \(kept digest\): .*rollback/);
  });

  it('refuses a digest signed by another key, a malformed digest file and a missing store', async () => {
    const stranger = join(reviewer, 'stranger.pub');
    writeFileSync(stranger, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const wrongKey = await cli([
      'verify',
      '--data-dir',
      dataDir,
      '--tenant',
      REVIEW_TENANT,
      '--public-key',
      stranger,
    ]);
    expect(wrongKey.code).toBe(ExitCode.FAILURE);
    expect(wrongKey.out).toMatch(/FIRST BREAK \(digest chain\): signed digest #1: it names key/);

    const junk = join(reviewer, 'junk.json');
    writeFileSync(junk, JSON.stringify({ statement: { format: 'nope' } }));
    const malformed = await cli(['verify', '--data-dir', dataDir, '--digest', junk]);
    expect(malformed.code).toBe(ExitCode.USAGE);
    expect(malformed.err).toMatch(/is not a signed digest/);

    const missing = await cli(['verify', '--file', join(reviewer, 'nothing.db'), '--public-key', pub]);
    expect(missing.code).toBe(ExitCode.USAGE);
    expect(missing.err).toMatch(/does not exist/);
  });

  it('explains itself with examples', async () => {
    const help = await cli(['verify', '--help']);
    expect(help.out).toMatch(/Examples:\n\s+vouch verify --file/);
    expect(help.out).toMatch(/Exit codes: 0/);
  });
});
