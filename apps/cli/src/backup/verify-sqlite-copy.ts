import type { KeyObject } from 'node:crypto';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { verifyStore } from '../integrity/verify-store';
import { NoDataKeysVault } from '../stores/no-data-keys-vault';

/** What the verification of one tenant in a copy found. */
export interface TenantCopyReport {
  readonly tenantId: string;
  readonly events: number;
  readonly streams: number;
  readonly lastPosition: number;
  readonly signedDigests: number;
  readonly ok: boolean;
  /** Signed digests or nothing to check: a copy with nothing signed cannot be trusted. */
  readonly signed: boolean;
  readonly lines: readonly string[];
}

/** The tenants whose events a SQLite file holds, in order. */
export function tenantsIn(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT DISTINCT tenant_id FROM events ORDER BY tenant_id').all() as {
      tenant_id: string;
    }[];
    return rows.map((row) => row.tenant_id);
  } finally {
    db.close();
  }
}

/**
 * Verifies every tenant of a SQLite copy as `vouch verify` does (hash chains, signed digests
 * and their chain, signed heads), without the master key: nothing personal is decrypted.
 */
export async function verifySqliteCopy(
  file: string,
  publicKey: KeyObject,
  publicKeySource: string,
): Promise<TenantCopyReport[]> {
  const tenants = tenantsIn(file);
  const store = SqliteEventStore.open({ filename: file, vault: new NoDataKeysVault() });
  try {
    const reports: TenantCopyReport[] = [];
    for (const tenantId of tenants) {
      const { report, lines } = await verifyStore({
        store,
        log: store.signedDigests,
        tenantId,
        publicKey,
        publicKeySource,
      });
      reports.push({
        tenantId,
        events: report.chains.eventsChecked,
        streams: report.chains.streamsChecked,
        lastPosition: Number(await store.lastCheckpoint(tenantId)),
        signedDigests: report.digestsChecked,
        ok: report.ok,
        signed: report.digestsChecked > 0,
        lines,
      });
    }
    return reports;
  } finally {
    await store.close();
  }
}

/** One line per tenant for the operator: events, streams, last position, digests verified. */
export function copySummary(report: TenantCopyReport): string {
  const verdict = !report.ok
    ? 'FAILED verification'
    : report.signed
      ? `${report.signedDigests} signed ${report.signedDigests === 1 ? 'digest' : 'digests'} verified`
      : 'chains verify, NOTHING SIGNED to check against';
  return (
    `Tenant ${report.tenantId}: ${report.events.toLocaleString('en-US')} events in ` +
    `${report.streams.toLocaleString('en-US')} streams, last position ${report.lastPosition}, ${verdict}`
  );
}
