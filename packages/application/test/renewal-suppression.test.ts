import { addDays, type Instant } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import type { Vouch } from '../src';
import { eventually } from '../../../test/support/privacy-program';
import { as, buildWorld, NOW, pm, TENANT } from './support/relationship-world';

// Issue 16: the renewal suppression starts and ends by time alone — due work reviews the account
// when the window opens and when the renewal passes, with the injected clock — and while it holds
// the account's advocate is not asked.
describe("the renewal suppression of olga's account, through the facade and due work", () => {
  let now: Instant = NOW;
  let vouch: Vouch;
  let store: EventStore;
  let ids = 0;
  const id = () => `supp-${++ids}`;
  const accountEvents = async () => (await store.readStream(TENANT, 'account-acct-olga')).map((e) => e.type);
  const reservations = async () =>
    (await store.readStream(TENANT, 'advocate-adv-olga')).filter((e) => e.type === 'EngagementReserved');
  const ask = () =>
    vouch.execute(pm, {
      type: 'AskAdvocate',
      commandId: id(),
      aggregateId: 'req-rita',
      data: { advocateId: 'adv-olga', engagementId: 'ignored' },
    });

  beforeAll(async () => {
    ({ vouch, store } = await buildWorld(() => now));
    await vouch.start([TENANT]);
    await vouch.execute(as('olga', 'ACCOUNT_OWNER'), {
      type: 'ApproveAsk',
      commandId: id(),
      aggregateId: 'req-rita',
      data: { advocateId: 'adv-olga' },
    });
    await vouch.execute(pm, {
      type: 'SetSuppressionPolicy',
      commandId: id(),
      data: { renewalWithinDays: 5, openEscalation: false },
    });
    await vouch.execute(as('olga', 'ACCOUNT_OWNER'), {
      type: 'SetAccountRenewal',
      commandId: id(),
      aggregateId: 'acct-olga',
      data: { renewalAt: addDays(NOW, 8) },
    });
  });
  afterAll(async () => {
    await vouch.stop();
    await store.close();
  });

  it('is not suppressed while the renewal is further away than the window', async () => {
    await vouch.processDueWork();
    expect(await accountEvents()).not.toContain('AccountSuppressed');
  });

  it('is suppressed once the window opens, with the renewal date and window as its cause', async () => {
    now = addDays(NOW, 4);
    await eventually(async () => {
      await vouch.processDueWork();
      expect(await accountEvents()).toContain('AccountSuppressed');
    });
    const suppressed = (await store.readStream(TENANT, 'account-acct-olga')).find(
      (e) => e.type === 'AccountSuppressed',
    );
    expect(suppressed?.data).toMatchObject({
      rule: 'RENEWAL',
      cause: { rule: 'RENEWAL', renewalAt: addDays(NOW, 8), withinDays: 5 },
      since: now,
    });
  });

  it('refuses to ask her advocate while it holds, saying why, and records nothing', async () => {
    const before = (await reservations()).length;
    await expect(ask()).rejects.toMatchObject({ code: 'ACCOUNT_SUPPRESSED' });
    expect(await reservations()).toHaveLength(before);
    expect((await store.readStream(TENANT, 'request-req-rita')).map((e) => e.type)).not.toContain(
      'AdvocateAsked',
    );
  });

  it('is lifted once the renewal has passed, and the ask then goes through', async () => {
    now = addDays(NOW, 9);
    await eventually(async () => {
      await vouch.processDueWork();
      expect(await accountEvents()).toContain('AccountSuppressionLifted');
    });
    const lifted = (await store.readStream(TENANT, 'account-acct-olga')).find(
      (e) => e.type === 'AccountSuppressionLifted',
    );
    expect(lifted?.data).toMatchObject({ rule: 'RENEWAL', liftedBecause: { kind: 'RENEWAL_PASSED' } });
    const before = (await reservations()).length;
    await ask();
    expect(await reservations()).toHaveLength(before + 1);
  });
});
