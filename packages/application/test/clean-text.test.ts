import type { Instant } from '@vouch/domain';
import { InMemoryEventStore } from '@vouch/event-store';
import { createVouch, type Principal, type VouchCommand } from '../src';

const TENANT = 'acme-corp';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const now: Instant = '2026-11-23T09:00:00.000Z';

// An embedding service gets the same typed refusal as an API client.
describe('the facade refuses text it cannot store as it is', () => {
  it('answers VALIDATION_FAILED naming every field with a NUL or an unpaired surrogate, and writes nothing', async () => {
    const store = new InMemoryEventStore({ clock: () => now });
    const vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
    const command = {
      type: 'RegisterAccount',
      commandId: 'register\u0000',
      data: {
        accountId: 'acme',
        name: 'Acme \uD800GmbH',
        industry: 'Manufacturing',
        segment: 'ENTERPRISE',
        region: 'EMEA',
        products: ['Planner', 'Tr\u0000acker'],
        ownerId: 'olga-ae',
      },
    } as VouchCommand;
    await expect(vouch.execute(pm, command)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: {
        issues: ['commandId', 'name', 'products[1]'].map((field) => ({
          field,
          message: 'must not contain NUL characters or unpaired surrogates',
        })),
      },
    });
    expect(await store.readAll(TENANT)).toEqual([]);
    await vouch.stop();
    await store.close();
  });
});
