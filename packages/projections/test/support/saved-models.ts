import { TenantReadModels } from '../../src';

/** What a store keeps of the read models: the snapshot and the audit history's entries beside it, as JSON text. */
export function savedTextOf(models: TenantReadModels): string {
  return JSON.stringify({ snapshot: models.snapshot(), entries: models.appendOnlyEntries().slice(0) });
}

/** Read models restored from `savedTextOf`'s text, as a start restores them (snapshot, then entries). */
export function restoredFrom(text: string, into = new TenantReadModels()): TenantReadModels {
  const { snapshot, entries } = JSON.parse(text) as {
    snapshot: ReturnType<TenantReadModels['snapshot']>;
    entries: unknown[];
  };
  into.restore(snapshot);
  into.restoreEntries(entries);
  return into;
}
