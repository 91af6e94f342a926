import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../event-store';
import type { BrokenEvent } from './chain-verifier';
import type { SignedTenantDigest } from './tenant-digest';
import { verifySignedTenantDigest } from './tenant-digest';

/** What an audit of a store against an earlier signed digest found. */
export interface TenantAudit {
  /** The digest was signed by the holder of this public key and not changed since. */
  readonly signatureValid: boolean;
  /** Every hash chain of the tenant recomputes from the stored events. */
  readonly chainsValid: boolean;
  /** The store's stream heads at the digest's checkpoint still give the signed Merkle root. */
  readonly rootMatches: boolean;
  readonly firstBroken?: BrokenEvent;
  readonly ok: boolean;
}

/**
 * Checks a store against a digest signed earlier: the chains catch a changed event, and
 * the root catches a history rewritten with recomputed hashes (or events dropped from the
 * end of a stream), which no chain alone can.
 */
export async function auditTenant(
  store: EventStore,
  signed: SignedTenantDigest,
  publicKey: KeyObject | string,
): Promise<TenantAudit> {
  const signatureValid = verifySignedTenantDigest(signed, publicKey);
  const report = await store.verifyTenant(signed.digest.tenantId);
  const now = await store.digest(signed.digest.tenantId, signed.digest.checkpoint);
  const rootMatches = now.merkleRoot === signed.digest.merkleRoot && now.streams === signed.digest.streams;
  return {
    signatureValid,
    chainsValid: report.ok,
    rootMatches,
    ...(report.firstBroken ? { firstBroken: report.firstBroken } : {}),
    ok: signatureValid && report.ok && rootMatches,
  };
}
