import type { Database } from 'better-sqlite3';
import type { SignedDigest, SignedDigestLog } from '@vouch/event-store';
import { DigestSequenceTakenError, parseSignedDigest } from '@vouch/event-store';

/**
 * The signed digests in the `signed_digests` table of the store's own file, append-only
 * (triggers refuse UPDATE and DELETE). The signing key is never written here.
 */
export class SqliteSignedDigestLog implements SignedDigestLog {
  private readonly insert;
  private readonly last;
  private readonly all;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      'INSERT INTO signed_digests (tenant_id, sequence, checkpoint, issued_at, digest) VALUES (?, ?, ?, ?, ?)',
    );
    this.last = db.prepare(
      'SELECT sequence, digest FROM signed_digests WHERE tenant_id = ? ORDER BY sequence DESC LIMIT 1',
    );
    this.all = db.prepare(
      'SELECT sequence, digest FROM signed_digests WHERE tenant_id = ? ORDER BY sequence',
    );
  }

  async append(signed: SignedDigest): Promise<void> {
    const { tenantId, sequence, checkpoint, issuedAt } = signed.statement;
    this.db
      .transaction(() => {
        const latest = this.last.get(tenantId) as { sequence: number } | undefined;
        if (sequence !== (latest?.sequence ?? 0) + 1) throw new DigestSequenceTakenError(tenantId, sequence);
        this.insert.run(tenantId, sequence, checkpoint, issuedAt, JSON.stringify(signed));
      })
      .immediate();
  }

  async list(tenantId: string): Promise<SignedDigest[]> {
    return (this.all.all(tenantId) as { sequence: number; digest: string }[]).map(parseRow);
  }

  async latest(tenantId: string): Promise<SignedDigest | undefined> {
    const row = this.last.get(tenantId) as { sequence: number; digest: string } | undefined;
    return row && parseRow(row);
  }
}

function parseRow(row: { sequence: number; digest: string }): SignedDigest {
  return parseSignedDigest(JSON.parse(row.digest), `signed_digests row #${row.sequence}`);
}
