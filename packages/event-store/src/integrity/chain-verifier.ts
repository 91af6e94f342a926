import type { Checkpoint } from '../checkpoint';
import { checkpointOf } from '../checkpoint';
import type { StoredEvent, StoredRow, StreamHead } from '../stored-event';
import { GENESIS_HASH, hashStoredEvent } from './event-hash';

/** Why an event fails verification. */
export type BreakReason =
  | 'unreadable'
  | 'wrong_tenant'
  | 'version_gap'
  | 'hash_mismatch'
  /** The chain verifies, but a signed digest vouched for another hash at this version. */
  | 'signed_head_mismatch'
  /** A signed digest covers a version of the stream that the store no longer has. */
  | 'signed_event_missing';

/** A stream head a signed digest vouches for: the event at this version must still hash to it. */
export interface SignedHeadAnchor {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
  /** The sequence of the signed digest that vouches for it. */
  readonly digestSequence: number;
}

/** The first event at which a chain no longer verifies. */
export interface BrokenEvent {
  readonly streamId: string;
  readonly version: number;
  /** Empty when the event is missing (`signed_event_missing`). */
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
  /** How many heads vouched for by signed digests were found intact. */
  readonly signedHeadsChecked?: number;
  /** The head of every stream as of the position asked for (`headsAt`), gathered in the same pass. */
  readonly headsAt?: readonly StreamHead[];
  /** Set when `ok` is false: the earliest (in log order) event that fails. */
  readonly firstBroken?: BrokenEvent;
}

/**
 * Recomputes the hash chains of a tenant's stored rows, fed in log order, and remembers
 * the first row that does not verify. Holds one head per stream, never the events. Given
 * the heads that signed digests vouch for, it also checks that the event at each signed
 * version still has the signed hash: a rewrite after signing, even with every later hash
 * of the stream recomputed, then fails at the signed head of the rewritten stream.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { version: number; hash: string; checkpoint: Checkpoint }>();
  private readonly pending = new Map<string, SignedHeadAnchor[]>();
  private events = 0;
  private anchored = 0;
  private broken: BrokenEvent | undefined;

  private readonly frozen: Map<string, StreamHead> | undefined;

  constructor(
    private readonly tenantId: string,
    anchors: readonly SignedHeadAnchor[] = [],
    /** Also gather every stream's head as of this position (a signed checkpoint's). */
    private readonly headsAtPosition?: number,
  ) {
    this.frozen = headsAtPosition === undefined ? undefined : new Map();
    for (const anchor of anchors) {
      const list = this.pending.get(anchor.streamId) ?? [];
      list.push(anchor);
      this.pending.set(anchor.streamId, list);
    }
  }

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
    if (!this.checkAnchors(row, where)) return false;
    this.heads.set(row.streamId, { version: row.version, hash: row.hash, checkpoint });
    if (this.frozen && row.position <= this.headsAtPosition!) {
      this.frozen.set(row.streamId, { streamId: row.streamId, version: row.version, hash: row.hash });
    }
    return true;
  }

  private checkAnchors(row: StoredEvent, where: Omit<BrokenEvent, 'reason' | 'detail'>): boolean {
    const anchors = this.pending.get(row.streamId);
    if (!anchors) return true;
    const left: SignedHeadAnchor[] = [];
    for (const anchor of anchors) {
      if (anchor.version !== row.version) {
        left.push(anchor);
      } else if (anchor.hash === row.hash) {
        this.anchored += 1;
      } else {
        this.broken = {
          ...where,
          reason: 'signed_head_mismatch',
          detail:
            `signed digest #${anchor.digestSequence} vouched for hash ${anchor.hash.slice(0, 16)}… at version ${anchor.version}, ` +
            `the store now hashes to ${row.hash.slice(0, 16)}…: the stream was rewritten at or before this event after it was signed`,
        };
        return false;
      }
    }
    if (left.length > 0) this.pending.set(row.streamId, left);
    else this.pending.delete(row.streamId);
    return true;
  }

  /** The first signed head never met, once every row was fed. */
  private missingAnchor(): BrokenEvent | undefined {
    const missing = [...this.pending.values()]
      .flat()
      .sort((a, b) =>
        a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version,
      )[0];
    if (!missing) return undefined;
    const head = this.heads.get(missing.streamId);
    return {
      streamId: missing.streamId,
      version: missing.version,
      eventId: '',
      checkpoint: head?.checkpoint ?? checkpointOf(0),
      reason: 'signed_event_missing',
      detail:
        `signed digest #${missing.digestSequence} covers version ${missing.version} of this stream; ` +
        `the store has ${head ? `only up to version ${head.version}` : 'no event of it'}: events were removed after signing`,
    };
  }

  /** The verdict, once every row was fed (or the chain broke). */
  report(): VerificationReport {
    // Missing signed events are judged only over a complete, unbroken pass.
    if (!this.broken) this.broken = this.missingAnchor();
    return {
      ok: this.broken === undefined,
      streamsChecked: this.heads.size + (this.broken && !this.heads.has(this.broken.streamId) ? 1 : 0),
      eventsChecked: this.events,
      ...(this.anchored > 0 ? { signedHeadsChecked: this.anchored } : {}),
      ...(this.frozen ? { headsAt: [...this.frozen.values()] } : {}),
      ...(this.broken ? { firstBroken: this.broken } : {}),
    };
  }
}
