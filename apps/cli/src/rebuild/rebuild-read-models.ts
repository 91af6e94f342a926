import type { EventStore, ReadModelStore, RecordedEvent } from '@vouch/event-store';
import { ProjectionRunner, TenantReadModels, type Projection } from '@vouch/projections';

/** What a rebuild did. */
export interface RebuildSummary {
  readonly tenantId: string;
  readonly events: number;
  readonly seconds: number;
  readonly version: number | undefined;
}

/** Counts the events a projection applies, passing everything through. */
class CountingProjection implements Projection {
  constructor(
    private readonly inner: Projection,
    private readonly onApplied: () => void,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get schemaVersion(): number {
    return this.inner.schemaVersion;
  }

  apply(event: RecordedEvent): void {
    this.inner.apply(event);
    this.onApplied();
  }

  caughtUp(): void {
    this.inner.caughtUp?.();
  }

  snapshot(): unknown {
    return this.inner.snapshot();
  }

  restore(snapshot: unknown): void {
    this.inner.restore(snapshot);
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
  let created = 0;
  let applied = 0;
  const runner = new ProjectionRunner<Projection>({
    store,
    readModels,
    tenantId,
    create: () => {
      created += 1;
      const model = new TenantReadModels();
      // The first projection is the live one being restored; count only the rebuild.
      return created === 1
        ? model
        : new CountingProjection(model, () => {
            applied += 1;
            if (applied % 500 === 0) onProgress(applied);
          });
    },
  });
  await runner.start();
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
