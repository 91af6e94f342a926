import type { AppendOnlyEntries, EventStore, ReadModelStore, RecordedEvent } from '@vouch/event-store';
import { ProjectionRunner, TenantReadModels, type Projection, type SnapshotKeys } from '@vouch/projections';

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
    private readonly inner: TenantReadModels,
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

  snapshot(): unknown {
    return this.inner.snapshot();
  }

  restore(snapshot: unknown): void {
    this.inner.restore(snapshot as never);
  }

  // Everything else a save does passes through too: contacts sealed (invariant 10), the
  // erasure's immediate save, and the audit entries saved beside the snapshot.
  saveAfter(event: RecordedEvent): boolean {
    return this.inner.saveAfter(event);
  }

  sealSnapshot(snapshot: unknown, keys: SnapshotKeys): Promise<unknown> {
    return this.inner.sealSnapshot(snapshot as never, keys);
  }

  openSnapshot(saved: unknown, keys: SnapshotKeys): Promise<unknown> {
    return this.inner.openSnapshot(saved, keys);
  }

  appendOnlyEntries(): AppendOnlyEntries {
    return this.inner.appendOnlyEntries();
  }

  restoreEntries(entries: readonly unknown[]): void {
    this.inner.restoreEntries(entries);
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
