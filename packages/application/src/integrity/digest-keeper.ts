import type { KeyObject } from 'node:crypto';
import { createPublicKey } from 'node:crypto';
import type { Clock, DigestReason, EventStore, SignedDigest, SignedDigestLog } from '@vouch/event-store';
import { DigestSequenceTakenError, DigestSigner, publicKeyId } from '@vouch/event-store';

/** How the product keeps signed digests (invariant 12). */
export interface DigestKeepingOptions {
  /** Ed25519 private key from configuration; never stored with the events. */
  readonly privateKey: KeyObject;
  /** Where signed digests are appended: the store's own table. */
  readonly log: SignedDigestLog;
  /** How often started tenants are signed when their log moved; default one hour, 0 = never on a schedule. */
  readonly intervalMs?: number;
}

/**
 * Signs the digests of started tenants on a schedule, after erasures and on request, and
 * answers for the latest one with the public key a reviewer checks it with.
 */
export class DigestKeeper {
  private readonly signer: DigestSigner;
  private readonly tenants = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** On-demand signings by tenant and command id: a retry returns the first digest. */
  private readonly byCommand = new Map<string, Promise<SignedDigest>>();
  /** One signing at a time per tenant: the chain has one next sequence. */
  private readonly queues = new Map<string, Promise<unknown>>();
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(
    store: EventStore,
    clock: Clock,
    private readonly options: DigestKeepingOptions,
    private readonly onWarning: (message: string, error: unknown) => void,
  ) {
    this.signer = new DigestSigner({ store, log: options.log, privateKey: options.privateKey, clock });
    this.publicKey = createPublicKey(options.privateKey);
    this.keyId = publicKeyId(this.publicKey);
  }

  /** The public key in PEM (SPKI), for reviewers. */
  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Signs the tenant on the schedule from now on (and once now, if its log moved). */
  async start(tenantId: string): Promise<void> {
    this.tenants.add(tenantId);
    await this.signIfMoved(tenantId);
    const interval = this.options.intervalMs ?? 3_600_000;
    if (interval > 0 && !this.timer) {
      this.timer = setInterval(() => void this.signAll(), interval);
      this.timer.unref();
    }
  }

  /** Signs the tenant's current stream heads now, chained to its latest digest. */
  sign(tenantId: string, reason: DigestReason): Promise<SignedDigest> {
    return this.queued(tenantId, () => this.retried(() => this.signer.sign(tenantId, reason)));
  }

  /** Signs when the tenant's log moved since its latest digest (the schedule). */
  signIfMoved(tenantId: string): Promise<SignedDigest | undefined> {
    return this.queued(tenantId, () => this.retried(() => this.signer.signIfMoved(tenantId)));
  }

  private queued<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(tenantId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(tenantId, next);
    return next;
  }

  /**
   * Signs on request; repeating the command id returns the first digest (for the life of
   * this process: a retry after a restart signs once more, which only adds a digest).
   */
  signOnDemand(tenantId: string, commandId: string): Promise<SignedDigest> {
    const key = JSON.stringify([tenantId, commandId]);
    const known = this.byCommand.get(key);
    if (known) return known;
    const signing = this.sign(tenantId, 'on-demand');
    this.byCommand.set(key, signing);
    signing.catch(() => this.byCommand.delete(key));
    // Bounded: the oldest command ids are forgotten first.
    if (this.byCommand.size > 1000) this.byCommand.delete(this.byCommand.keys().next().value!);
    return signing;
  }

  latest(tenantId: string): Promise<SignedDigest | undefined> {
    return this.options.log.latest(tenantId);
  }

  list(tenantId: string): Promise<SignedDigest[]> {
    return this.options.log.list(tenantId);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.tenants.clear();
  }

  private async retried<T>(sign: () => Promise<T>): Promise<T> {
    try {
      return await sign();
    } catch (error) {
      // Another process signed the same sequence first: chain to its digest instead.
      if (!(error instanceof DigestSequenceTakenError)) throw error;
      return sign();
    }
  }

  private async signAll(): Promise<void> {
    for (const tenantId of this.tenants) {
      await this.signIfMoved(tenantId).catch((error: unknown) =>
        this.onWarning(`signing the digest of tenant ${tenantId} failed`, error),
      );
    }
  }
}
