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
 * latest one. `signIfMoved` (the schedule) skips a tenant whose log is empty or has not
 * moved since its latest digest; `sign` (an erasure, an admin's request) always signs.
 */
export class DigestSigner {
  constructor(private readonly options: DigestSignerOptions) {}

  /** Signs now, for the reason given. */
  sign(tenantId: string, reason: DigestReason): Promise<SignedDigest> {
    return this.signUnless(tenantId, reason, () => false) as Promise<SignedDigest>;
  }

  /** Signs on the schedule: nothing when the log is empty or has not moved since the latest digest. */
  signIfMoved(tenantId: string): Promise<SignedDigest | undefined> {
    return this.signUnless(
      tenantId,
      'scheduled',
      (previous, checkpoint, streams) =>
        streams === 0 || (previous !== undefined && previous.statement.checkpoint === checkpoint),
    );
  }

  private async signUnless(
    tenantId: string,
    reason: DigestReason,
    skip: (previous: SignedDigest | undefined, checkpoint: string, streams: number) => boolean,
  ): Promise<SignedDigest | undefined> {
    const { store, log, privateKey, clock } = this.options;
    const previous = await log.latest(tenantId);
    const { checkpoint, heads } = await store.streamHeads(tenantId);
    if (skip(previous, checkpoint, heads.length)) return undefined;
    const signed = signDigest(
      { tenantId, checkpoint, heads, issuedAt: clock(), reason, ...(previous ? { previous } : {}) },
      privateKey,
    );
    await log.append(signed);
    return signed;
  }
}
