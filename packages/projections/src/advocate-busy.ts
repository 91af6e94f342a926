import { isPending, type AdvocateState, type EngagementStatus, type Instant } from '@vouch/domain';

/** How another open request holds an advocate: asked, accepted or scheduled, until its date. */
export interface BusyHold {
  readonly hold: Extract<EngagementStatus, 'RESERVED' | 'ACCEPTED' | 'SCHEDULED'>;
  /** When the held activity takes place (planned, or scheduled). */
  readonly until: Instant;
}

/**
 * The SlapFive "busy" marker: the advocate's pending engagements, soonest first, saying only
 * the kind of hold and until when — never which request, requester or activity — so any
 * viewer may see it. Engagements of `requestId` (the request being matched) are not a hold.
 */
export function busyHolds(state: AdvocateState, requestId?: string): BusyHold[] {
  const holds: BusyHold[] = [];
  for (const e of Object.values(state.engagements)) {
    if (!isPending(e) || (requestId !== undefined && e.requestId === requestId)) continue;
    holds.push({ hold: e.status as BusyHold['hold'], until: e.activityAt });
  }
  return holds.sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0));
}
