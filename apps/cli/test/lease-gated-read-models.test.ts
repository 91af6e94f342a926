import { checkpointOf, type ReadModelStore } from '@vouch/event-store';
import type { NoneMissing, OptionalMembers } from '@vouch/event-store/testing';
import { InMemoryReadModelStore } from '@vouch/projections';
import { LeaseGatedReadModelStore } from '../src/leases/lease-gated-read-models';

// A class wrapper (no proxy): it must declare every optional member of the interface, or the
// capability is lost behind it. A new optional member of ReadModelStore fails the typecheck here.
const forwardsEveryOptionalMember: NoneMissing<
  Exclude<OptionalMembers<ReadModelStore>, keyof LeaseGatedReadModelStore>
> = true;

const saved = (position: number) => ({
  checkpoint: checkpointOf(position),
  schemaVersion: 1,
  snapshot: { at: position },
});

describe('the lease-gated read-model store', () => {
  it('declares every optional member of ReadModelStore (typecheck)', () => {
    expect(forwardsEveryOptionalMember).toBe(true);
  });

  it('reads through for every instance; writes only for the tenant whose lease it holds', async () => {
    const inner = new InMemoryReadModelStore();
    const holds = new Set(['held']);
    const gated = new LeaseGatedReadModelStore(inner, (tenantId) => holds.has(tenantId));
    await gated.save('held', 'p', 1, saved(3), { activate: true });
    await gated.save('other', 'p', 1, saved(3), { activate: true });
    expect(await inner.activeVersion('held', 'p')).toBe(1);
    expect(await inner.activeVersion('other', 'p')).toBeUndefined();
    await inner.save('other', 'p', 1, saved(4), { activate: true });
    expect(await gated.load('other', 'p', 1)).toEqual(saved(4));
    expect(await gated.activeVersion('other', 'p')).toBe(1);
  });
});
