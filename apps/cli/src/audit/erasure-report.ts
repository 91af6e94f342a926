import type { Checkpoint, EventStore, RecordedEvent } from '@vouch/event-store';
import { START } from '@vouch/event-store';

/** One advocate's erasure requests and legal holds, and what remains of them. */
export interface ErasureCase {
  readonly advocateId: string;
  readonly status: 'ERASED' | 'ERASURE_DEFERRED' | 'ON_HOLD';
  readonly requests: readonly {
    readonly requestedBy: string;
    readonly requestedAt: string;
    readonly outcome: 'ERASED' | 'DEFERRED';
    /** When the key was destroyed. */
    readonly erasedAt?: string;
    /** The holds that deferred it. */
    readonly deferredUnder?: readonly string[];
  }[];
  readonly legalHolds: readonly {
    readonly holdId: string;
    readonly placedBy: string;
    readonly placedAt: string;
    readonly releasedBy?: string;
    readonly releasedAt?: string;
  }[];
  /** What the history still holds: every event, its personal fields unreadable once erased. */
  readonly remains: {
    readonly events: number;
    readonly eventsWithPersonalData: number;
    readonly personalData: 'destroyed' | 'readable' | 'none';
  };
}

type Data = Record<string, unknown>;

interface Working {
  requests: {
    requestedBy: string;
    requestedAt: string;
    outcome: 'ERASED' | 'DEFERRED';
    erasedAt?: string;
    deferredUnder?: string[];
  }[];
  holds: Map<
    string,
    { holdId: string; placedBy: string; placedAt: string; releasedBy?: string; releasedAt?: string }
  >;
  events: number;
  personal: number;
  erased: boolean;
}

const CASE_EVENTS = new Set(['LegalHoldPlaced', 'LegalHoldReleased', 'ErasureDeferred', 'AdvocateErased']);

/**
 * Who requested which erasure when, when it ran (or under which legal holds it waits),
 * and what remains: ids, kinds, dates and counts only (reasons and matters are free text
 * that may be personal, and stay out).
 */
export async function erasureReport(store: EventStore, tenantId: string): Promise<ErasureCase[]> {
  const byAdvocate = new Map<string, Working>();
  let after: Checkpoint = START;
  for (;;) {
    const batch = await store.readAll(tenantId, { after, limit: 1000 });
    for (const event of batch) note(event, byAdvocate);
    if (batch.length < 1000) break;
    after = batch[batch.length - 1]!.checkpoint;
  }
  return [...byAdvocate]
    .filter(([, w]) => w.requests.length > 0 || w.holds.size > 0)
    .map(([advocateId, w]) => ({
      advocateId,
      status: w.erased
        ? 'ERASED'
        : w.requests.some((r) => r.outcome === 'DEFERRED')
          ? 'ERASURE_DEFERRED'
          : 'ON_HOLD',
      requests: w.requests,
      legalHolds: [...w.holds.values()],
      remains: {
        events: w.events,
        eventsWithPersonalData: w.personal,
        personalData: w.personal === 0 ? 'none' : w.erased ? 'destroyed' : 'readable',
      },
    }));
}

function note(event: RecordedEvent, byAdvocate: Map<string, Working>): void {
  const d = event.data as Data;
  if (!event.streamId.startsWith('advocate-') || typeof d.advocateId !== 'string') return;
  const fresh: Working = { requests: [], holds: new Map(), events: 0, personal: 0, erased: false };
  const w = byAdvocate.get(d.advocateId) ?? fresh;
  byAdvocate.set(d.advocateId, w);
  w.events += 1;
  if (event.personalData.status !== 'none') w.personal += 1;
  if (!CASE_EVENTS.has(event.type)) return;
  switch (event.type) {
    case 'LegalHoldPlaced':
      w.holds.set(String(d.holdId), {
        holdId: String(d.holdId),
        placedBy: String(d.placedBy),
        placedAt: String(d.placedAt),
      });
      break;
    case 'LegalHoldReleased': {
      const hold = w.holds.get(String(d.holdId));
      if (hold) Object.assign(hold, { releasedBy: String(d.releasedBy), releasedAt: String(d.releasedAt) });
      break;
    }
    case 'ErasureDeferred':
      w.requests.push({
        requestedBy: String(d.requestedBy),
        requestedAt: String(d.requestedAt),
        outcome: 'DEFERRED',
        deferredUnder: (d.holdIds as string[]) ?? [],
      });
      break;
    case 'AdvocateErased': {
      w.erased = true;
      // A deferred request that has now run, or a request that ran at once.
      const pending = w.requests.find((r) => r.outcome === 'DEFERRED' && r.erasedAt === undefined);
      if (pending) pending.erasedAt = String(d.erasedAt);
      else
        w.requests.push({
          requestedBy: String(d.requestedBy),
          requestedAt: event.metadata.effectiveAt,
          outcome: 'ERASED',
          erasedAt: String(d.erasedAt),
        });
      break;
    }
  }
}
