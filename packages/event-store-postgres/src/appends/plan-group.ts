import type { AppendPlan } from '@vouch/event-store';
import { ConcurrencyError, planAppend } from '@vouch/event-store';
import type { CachedHead, StreamHeadCache } from '../events/stream-head-cache';
import type { PlannedWrite, QueuedAppend } from './queued-append';
import { existingOf, headOf, type StreamSnapshotRow } from './stream-snapshots';

/** What planning a group decided: the writes to send, and the appends to try again in a later group. */
export interface GroupPlan {
  readonly writes: PlannedWrite[];
  readonly retry: QueuedAppend[];
}

/**
 * Plans each append of a group with the shared `planAppend`, in group order, against its
 * stream's head: the head an earlier append of this group leaves, else the cached one,
 * else the one read. Settles retries of stored events (their first result) and refusals
 * here; no I/O.
 */
export function planGroup(
  optimistic: readonly QueuedAppend[],
  cachedHeads: ReadonlyMap<QueuedAppend, CachedHead>,
  snapshots: ReadonlyMap<QueuedAppend, StreamSnapshotRow>,
  heads: StreamHeadCache,
): GroupPlan {
  const writes: PlannedWrite[] = [];
  const retry: QueuedAppend[] = [];
  // Heads as this group's earlier writes leave them, and the ids they write.
  const planned = new Map<string, CachedHead>();
  const ids = new Set<string>();
  for (const item of optimistic) {
    const idKeys = item.request.events.map((e) => `${item.tenant.length}:${item.tenant}${e.eventId}`);
    // The same ids twice in one group: the later append must see the earlier one stored
    // (a retry gets the first result, a reuse is refused), so it waits for the next group.
    if (idKeys.some((k) => ids.has(k))) {
      retry.push(item);
      continue;
    }
    const snapshot = snapshots.get(item);
    const chained = planned.get(item.key);
    const cached = chained ? undefined : cachedHeads.get(item);
    const head = chained ?? cached ?? headOf(snapshot!);
    let plan: AppendPlan;
    try {
      plan = planAppend(item.request, head, existingOf(snapshot), item.now());
    } catch (error) {
      // Against a cached head, or one an earlier append of this group has yet to write,
      // only a fresh read can refuse the expected version.
      if (error instanceof ConcurrencyError && (chained || cached)) {
        if (cached) heads.delete(item.key);
        item.attempts += 1;
        retry.push(item);
      } else {
        item.reject(error);
      }
      continue;
    }
    if (plan.kind === 'duplicate') {
      // Its first result, from events already committed.
      item.resolve(plan.result);
      continue;
    }
    const last = plan.events[plan.events.length - 1]!;
    planned.set(item.key, { version: last.version, hash: last.hash });
    for (const k of idKeys) ids.add(k);
    writes.push({ item, plannedVersion: head.version, events: plan.events });
  }
  return { writes, retry };
}
