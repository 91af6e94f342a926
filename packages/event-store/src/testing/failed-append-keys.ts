import type { EventStore } from '../event-store';
import { contactRecorded, contractEvent, contractPersonalData } from './contract-events';
import type { ContractStoreOptions } from './event-store-contract';
import { ManualClock } from './manual-clock';
import { UpcasterRegistry } from '../upcasting/upcaster-registry';

/** A store under test, and a look into its key table. */
export interface KeyedStore {
  readonly store: EventStore;
  /** True when the key table holds a (wrapped) data key for the subject. */
  hasDataKey(tenantId: string, subjectId: string): Promise<boolean>;
}

/**
 * As a jest suite: a data key created for an append that then fails does not linger in
 * the adapter's key table, and a key that stored events use is never removed.
 */
export function runFailedAppendKeySuite(
  name: string,
  open: (options: ContractStoreOptions) => Promise<KeyedStore>,
): void {
  describe(`${name}: data keys of failed appends`, () => {
    const tenant = 'tenant-k';
    let keyed: KeyedStore;
    beforeEach(async () => {
      const clock = new ManualClock('2026-01-01T00:00:00.000Z');
      keyed = await open({
        clock: clock.now,
        personalData: contractPersonalData,
        upcasters: new UpcasterRegistry(),
      });
    });
    afterEach(() => keyed.store.close());

    it('removes the key made for a new subject whose append is refused (wrong expected version)', async () => {
      await expect(
        keyed.store.append(tenant, 'adv-1', [contactRecorded(tenant, 'adv-1', 'Ada', 'ada@example.com')], {
          expectedVersion: 3,
        }),
      ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION' });
      expect(await keyed.hasDataKey(tenant, 'adv-1')).toBe(false);
    });

    it('removes the key made for a new subject whose event id is taken (idempotency conflict)', async () => {
      const first = contractEvent(tenant, 'Noted', { n: 1 });
      await keyed.store.append(tenant, 'notes', [first], { expectedVersion: 'any' });
      const reused = {
        ...contactRecorded(tenant, 'adv-2', 'Grace', 'grace@example.com'),
        eventId: first.eventId,
      };
      await expect(
        keyed.store.append(tenant, 'notes', [reused], { expectedVersion: 'any' }),
      ).rejects.toMatchObject({
        code: 'IDEMPOTENCY_CONFLICT',
      });
      expect(await keyed.hasDataKey(tenant, 'adv-2')).toBe(false);
    });

    it('keeps a key that stored events use, whatever fails after', async () => {
      await keyed.store.append(tenant, 'adv-3', [contactRecorded(tenant, 'adv-3', 'Kath', 'k@example.com')], {
        expectedVersion: 'no_stream',
      });
      await expect(
        keyed.store.append(tenant, 'adv-3', [contactRecorded(tenant, 'adv-3', 'Kath', 'k2@example.com')], {
          expectedVersion: 'no_stream',
        }),
      ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION' });
      expect(await keyed.hasDataKey(tenant, 'adv-3')).toBe(true);
      expect((await keyed.store.readStream(tenant, 'adv-3'))[0]!.data.profile).toEqual({
        name: 'Kath',
        email: 'k@example.com',
      });
    });

    it('keeps a new key when, of two appends racing for it, one fails and one is stored', async () => {
      const outcomes = await Promise.allSettled([
        keyed.store.append(tenant, 'adv-4', [contactRecorded(tenant, 'adv-4', 'Mary', 'm@example.com')], {
          expectedVersion: 'no_stream',
        }),
        keyed.store.append(tenant, 'adv-4', [contactRecorded(tenant, 'adv-4', 'Mary', 'm2@example.com')], {
          expectedVersion: 'no_stream',
        }),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await keyed.hasDataKey(tenant, 'adv-4')).toBe(true);
      expect((await keyed.store.readStream(tenant, 'adv-4'))[0]!.personalData.status).toBe('present');
    });
  });
}
