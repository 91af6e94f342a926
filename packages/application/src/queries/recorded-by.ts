import type { Instant } from '@vouch/domain';
import { checkpointOf, positionOf, type Checkpoint, type EventStore } from '@vouch/event-store';

/**
 * Whether everything up to `checkpoint` (the live read models' last event) was recorded
 * by `at`. A server whose clock is behind its log (a demo seeded through a later day) has
 * events recorded after its "now"; read models holding them are not the program at `at`.
 */
export async function recordedBy(
  store: EventStore,
  tenantId: string,
  checkpoint: Checkpoint | undefined,
  at: Instant,
): Promise<boolean> {
  if (checkpoint === undefined) return true;
  let position: number;
  try {
    position = positionOf(checkpoint);
  } catch {
    return false; // another adapter's encoding: the caller replays, which is always right
  }
  if (position === 0) return true;
  const [last] = await store.readAll(tenantId, { after: checkpointOf(position - 1), limit: 1 });
  return last === undefined || Date.parse(last.recordedAt) <= Date.parse(at);
}
