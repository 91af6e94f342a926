import type { EventStore, SealedValue } from '@vouch/event-store';

/**
 * Seals the personal values of one projection's snapshot under their subjects' data keys,
 * bound to the tenant and the projection: a saved snapshot then holds no personal value in
 * plain text, and an erased subject's values in older snapshots can no longer be opened.
 */
export interface SnapshotKeys {
  /** The sealed values; undefined when the subject is erased (or has no key): nothing to keep. */
  seal(subjectId: string, values: unknown): Promise<SealedValue | undefined>;
  /** The values sealed before; undefined once the subject is erased. */
  open(sealed: SealedValue): Promise<unknown>;
  /** `seal` of many subjects' values, the keys looked up together; results in order. */
  sealMany(
    items: readonly { readonly subjectId: string; readonly values: unknown }[],
  ): Promise<(SealedValue | undefined)[]>;
  /** `open` of many sealed values, the keys looked up together; results in order. */
  openMany(sealed: readonly SealedValue[]): Promise<unknown[]>;
}

/** The snapshot keys of a projection of a tenant, through the store's key vault. */
export function snapshotKeysOf(store: EventStore, tenantId: string, projection: string): SnapshotKeys {
  const purpose = `read-model:${projection}`;
  return {
    seal: (subjectId, values) => store.subjectKeys.seal(tenantId, subjectId, purpose, values),
    open: (sealed) => store.subjectKeys.open(tenantId, sealed, purpose),
    sealMany: (items) => store.subjectKeys.sealMany(tenantId, purpose, items),
    openMany: (sealed) => store.subjectKeys.openMany(tenantId, sealed, purpose),
  };
}
