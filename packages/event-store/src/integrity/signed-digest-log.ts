import type { SignedDigest } from './signed-digest';

/** Refused: the tenant already has a signed digest with this sequence (another signer was first). */
export class DigestSequenceTakenError extends Error {
  override readonly name = 'DigestSequenceTakenError';
  readonly code = 'DIGEST_SEQUENCE_TAKEN';

  constructor(
    readonly tenantId: string,
    readonly sequence: number,
  ) {
    super(`Tenant ${tenantId} already has signed digest #${sequence}.`);
  }
}

/**
 * Where the product keeps the digests it signed, append-only, beside the events (a table
 * in SQLite and PostgreSQL). The signing key is never kept here: whoever can write this
 * log can remove digests, which verification against a digest kept elsewhere catches.
 */
export interface SignedDigestLog {
  /** Appends the tenant's next digest; refuses a sequence that is taken or skips one. */
  append(signed: SignedDigest): Promise<void>;
  /** The tenant's signed digests, oldest first. */
  list(tenantId: string): Promise<SignedDigest[]>;
  /** The tenant's latest signed digest, if any. */
  latest(tenantId: string): Promise<SignedDigest | undefined>;
}

/** A signed-digest log in memory, for tests and the in-memory store. */
export class InMemorySignedDigestLog implements SignedDigestLog {
  private readonly byTenant = new Map<string, SignedDigest[]>();

  async append(signed: SignedDigest): Promise<void> {
    const { tenantId, sequence } = signed.statement;
    const digests = this.byTenant.get(tenantId) ?? [];
    if (sequence !== digests.length + 1) throw new DigestSequenceTakenError(tenantId, sequence);
    this.byTenant.set(tenantId, [...digests, signed]);
  }

  async list(tenantId: string): Promise<SignedDigest[]> {
    return [...(this.byTenant.get(tenantId) ?? [])];
  }

  async latest(tenantId: string): Promise<SignedDigest | undefined> {
    return this.byTenant.get(tenantId)?.at(-1);
  }
}
