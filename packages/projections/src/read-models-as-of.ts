import type { Instant } from '@vouch/domain';
import type { Checkpoint, EventStore } from '@vouch/event-store';
import { START } from '@vouch/event-store';
import { TenantReadModels } from './tenant-read-models';

/** Read models folded from the log as the system had recorded it by an instant. */
export interface ReadModelsAsOf {
  readonly models: TenantReadModels;
  readonly at: Instant;
  /** How many events the fold used. */
  readonly events: number;
}

const BATCH = 1000;

/**
 * Replays the tenant's log into fresh read models up to `at`: the prefix of the log whose
 * events were recorded at or before `at` (it stops at the first later one, so a request
 * submitted after `at` is not counted, and nothing after it is half-applied). What the
 * queries then answer is what the program looked like to the system at that instant.
 * Erasures are not undone: erased personal data stays a placeholder.
 */
export async function readModelsAsOf(
  store: EventStore,
  tenantId: string,
  at: Instant,
  onProgress: (events: number) => void | Promise<void> = () => undefined,
): Promise<ReadModelsAsOf> {
  const models = new TenantReadModels();
  const limit = Date.parse(at);
  let after: Checkpoint = START;
  let events = 0;
  for (;;) {
    const batch = await store.readAll(tenantId, { after, limit: BATCH });
    for (const event of batch) {
      if (Date.parse(event.recordedAt) > limit) return { models, at, events };
      models.apply(event);
      events += 1;
    }
    await onProgress(events);
    if (batch.length < BATCH) return { models, at, events };
    after = batch[batch.length - 1]!.checkpoint;
  }
}
