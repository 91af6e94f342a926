import type { Checkpoint } from '../checkpoint';
import { checkpointOf } from '../checkpoint';
import type { StoredRow } from '../stored-event';
import { GENESIS_HASH, hashStoredEvent } from './event-hash';

/** Why an event fails verification. */
export type BreakReason = 'unreadable' | 'wrong_tenant' | 'version_gap' | 'hash_mismatch';

/** The first event at which a chain no longer verifies. */
export interface BrokenEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly checkpoint: Checkpoint;
  readonly reason: BreakReason;
  readonly detail: string;
}

/** The outcome of verifying a stream or a whole tenant. */
export interface VerificationReport {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly eventsChecked: number;
  /** Set when `ok` is false: the earliest (in log order) event that fails. */
  readonly firstBroken?: BrokenEvent;
}

/**
 * Recomputes the hash chains of a tenant's stored rows, fed in log order, and remembers
 * the first row that does not verify. Holds one head per stream, never the events.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { version: number; hash: string }>();
  private events = 0;
  private broken: BrokenEvent | undefined;

  constructor(private readonly tenantId: string) {}

  /** Checks the next row; returns false once the chain is broken (stop feeding then). */
  check(row: StoredRow): boolean {
    if (this.broken) return false;
    this.events += 1;
    const checkpoint = checkpointOf(row.position);
    const where = { streamId: row.streamId, version: row.version, eventId: row.eventId, checkpoint };
    if ('unreadable' in row) {
      this.broken = { ...where, reason: 'unreadable', detail: row.reason };
      return false;
    }
    if (row.tenantId !== this.tenantId || row.metadata?.tenantId !== this.tenantId) {
      this.broken = { ...where, reason: 'wrong_tenant', detail: `stored for tenant ${row.tenantId}` };
      return false;
    }
    const head = this.heads.get(row.streamId);
    const expectedVersion = (head?.version ?? 0) + 1;
    if (row.version !== expectedVersion) {
      this.broken = {
        ...where,
        reason: 'version_gap',
        detail: `expected version ${expectedVersion} of the stream here, found ${row.version}`,
      };
      return false;
    }
    let recomputed: string;
    try {
      recomputed = hashStoredEvent(head?.hash ?? GENESIS_HASH, row);
    } catch (error) {
      this.broken = { ...where, reason: 'unreadable', detail: (error as Error).message };
      return false;
    }
    if (recomputed !== row.hash) {
      this.broken = {
        ...where,
        reason: 'hash_mismatch',
        detail: 'the stored event or its predecessor was changed after it was written',
      };
      return false;
    }
    this.heads.set(row.streamId, { version: row.version, hash: row.hash });
    return true;
  }

  /** The verdict over every row checked so far. */
  report(): VerificationReport {
    return {
      ok: this.broken === undefined,
      streamsChecked: this.heads.size + (this.broken && !this.heads.has(this.broken.streamId) ? 1 : 0),
      eventsChecked: this.events,
      ...(this.broken ? { firstBroken: this.broken } : {}),
    };
  }
}
