import type { KeyObject } from 'node:crypto';
import type { Clock } from '../clock';
import type { EventStore } from '../event-store';
import type { DigestReason, SignedDigest } from './signed-digest';
import { signDigest } from './signed-digest';
import type { SignedDigestLog } from './signed-digest-log';

export interface DigestSignerOptions {
  readonly store: EventStore;
  readonly log: SignedDigestLog;
  /** Ed25519 private key from configuration; never stored with the events. */
  readonly privateKey: KeyObject;
  readonly clock: Clock;
}

/**
 * Signs a tenant's stream heads and appends the signed digest to the log, chained to the
 * latest one. Scheduled signing skips a tenant whose log has not moved since its latest
 * digest; an erasure or an admin's request always signs.
 */
export class DigestSigner {
  constructor(private readonly options: DigestSignerOptions) {}

  /** Signs now (or returns the latest digest when scheduled and nothing changed). */
  async sign(tenantId: string, reason: DigestReason): Promise<SignedDigest> {
    const { store, log, privateKey, clock } = this.options;
    const previous = await log.latest(tenantId);
    const { checkpoint, heads } = await store.streamHeads(tenantId);
    if (reason === 'scheduled' && previous && previous.statement.checkpoint === checkpoint) return previous;
    const signed = signDigest(
      { tenantId, checkpoint, heads, issuedAt: clock(), reason, ...(previous ? { previous } : {}) },
      privateKey,
    );
    await log.append(signed);
    return signed;
  }
}
