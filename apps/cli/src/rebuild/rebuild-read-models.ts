import type { EventStore, ReadModelStore, RecordedEvent } from '@vouch/event-store';
import { ProjectionRunner, TenantReadModels } from '@vouch/projections';

/** What a rebuild did. */
export interface RebuildSummary {
  readonly tenantId: string;
  readonly events: number;
  readonly seconds: number;
  readonly version: number | undefined;
}

/**
 * The read models, counting the events they apply. A subclass, not a wrapper: sealing,
 * opening and every other member of the projection stay exactly the read models' own (a
 * wrapper that forwarded only some once saved contacts unsealed).
 */
class CountingReadModels extends TenantReadModels {
  constructor(private readonly onApplied: () => void) {
    super();
  }

  override apply(event: RecordedEvent): void {
    super.apply(event);
    this.onApplied();
  }
}

/** How many events a tenant has: the sum of its streams' versions. */
export async function countEvents(store: EventStore, tenantId: string): Promise<number> {
  const { heads } = await store.streamHeads(tenantId);
  return heads.reduce((sum, head) => sum + head.version, 0);
}

/**
 * Rebuilds a tenant's read models from the log with the projection runner itself: a new
 * version is built beside the live one and activated when it has caught up, so a server
 * running on the same store keeps answering from the old version meanwhile.
 */
export async function rebuildReadModels(
  store: EventStore,
  readModels: ReadModelStore,
  tenantId: string,
  onProgress: (applied: number) => void,
): Promise<RebuildSummary> {
  let rebuilding = false;
  let applied = 0;
  const runner = new ProjectionRunner<TenantReadModels>({
    store,
    readModels,
    tenantId,
    // The live projection (restored, or built afresh when its snapshot is broken) is not
    // counted; only the rebuild is.
    create: () =>
      rebuilding
        ? new CountingReadModels(() => {
            applied += 1;
            if (applied % 500 === 0) onProgress(applied);
          })
        : new TenantReadModels(),
    // Asked to build from the log: a saved state that fails to restore for any reason is no
    // reason to refuse (it is the operator's way out of a ProjectionRestoreError).
    relearnOnAnyRestoreFailure: true,
  });
  await runner.start();
  rebuilding = true;
  const started = process.hrtime.bigint();
  let version: number | undefined;
  try {
    await runner.rebuild();
    version = runner.version;
  } finally {
    await runner.stop();
  }
  onProgress(applied);
  return { tenantId, events: applied, seconds: Number(process.hrtime.bigint() - started) / 1e9, version };
}
