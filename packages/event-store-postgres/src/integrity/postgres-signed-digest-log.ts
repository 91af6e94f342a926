import type { SignedDigest, SignedDigestLog } from '@vouch/event-store';
import { DigestSequenceTakenError, parseSignedDigest } from '@vouch/event-store';
import type { PostgresDatabase } from '../database/postgres-database';
import { toSqlText } from '../database/sql-text';

interface DigestRow {
  sequence: number;
  digest: string;
}

/**
 * The signed digests in the `signed_digests` table beside the events, append-only (a
 * trigger refuses UPDATE, DELETE and TRUNCATE). The signing key is never written here.
 */
export class PostgresSignedDigestLog implements SignedDigestLog {
  constructor(private readonly database: PostgresDatabase) {}

  async append(signed: SignedDigest): Promise<void> {
    const { tenantId, sequence, checkpoint, issuedAt } = signed.statement;
    const s = this.database.schema;
    // Written only as the next sequence; a concurrent signer with the same one conflicts.
    const inserted = await this.database.query<{ sequence: number }>(
      'append signed digest',
      `INSERT INTO ${s}.signed_digests (tenant_id, sequence, checkpoint, issued_at, digest)
       SELECT $1, $2, $3, $4, $5
        WHERE $2 = 1 + coalesce((SELECT max(sequence) FROM ${s}.signed_digests WHERE tenant_id = $1), 0)
       ON CONFLICT (tenant_id, sequence) DO NOTHING
       RETURNING sequence`,
      [toSqlText(tenantId), sequence, checkpoint, issuedAt, JSON.stringify(signed)],
    );
    if (inserted.length === 0) throw new DigestSequenceTakenError(tenantId, sequence);
  }

  async list(tenantId: string): Promise<SignedDigest[]> {
    const rows = await this.database.query<DigestRow>(
      'list signed digests',
      `SELECT sequence, digest FROM ${this.database.schema}.signed_digests WHERE tenant_id = $1 ORDER BY sequence`,
      [toSqlText(tenantId)],
    );
    return rows.map(parseRow);
  }

  async latest(tenantId: string): Promise<SignedDigest | undefined> {
    const [row] = await this.database.query<DigestRow>(
      'read latest signed digest',
      `SELECT sequence, digest FROM ${this.database.schema}.signed_digests
        WHERE tenant_id = $1 ORDER BY sequence DESC LIMIT 1`,
      [toSqlText(tenantId)],
    );
    return row && parseRow(row);
  }
}

function parseRow(row: DigestRow): SignedDigest {
  return parseSignedDigest(JSON.parse(row.digest), `signed_digests row #${row.sequence}`);
}
