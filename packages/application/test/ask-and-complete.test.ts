import { addDays, type Instant } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import type { Vouch } from '../src';
import { eventually } from '../../../test/support/privacy-program';
import { as, buildWorld, NOW, pm, TENANT } from './support/relationship-world';

// Issue 14, through the facade: an ask carries a program manager's fatigue override as scheduling
// does, and an activity cannot be dated before its ask.
describe('asking and completing on the request of rita, for the advocate of olga', () => {
  let now: Instant = NOW;
  let vouch: Vouch;
  let store: EventStore;
  let ids = 0;
  const id = () => `ask-${++ids}`;
  const typesOf = async (streamId: string) =>
    (await store.readStream(TENANT, streamId, { limit: 10_000 })).map((e) => e.type);
  const reservations = async () =>
    (await store.readStream(TENANT, 'advocate-adv-olga')).filter((e) => e.type === 'EngagementReserved');
  const ask = (fatigueOverrideReason?: string) =>
    vouch.execute(pm, {
      type: 'AskAdvocate',
      commandId: id(),
      aggregateId: 'req-rita',
      data: {
        advocateId: 'adv-olga',
        engagementId: 'ignored',
        ...(fatigueOverrideReason ? { fatigueOverrideReason } : {}),
      },
    });

  beforeAll(async () => {
    ({ vouch, store } = await buildWorld(() => now));
    await vouch.start([TENANT]);
    // The world reserved adv-olga twice already: a limit of two makes a third ask an over-use.
    await vouch.execute(pm, {
      type: 'SetFatiguePolicy',
      commandId: id(),
      data: { windowDays: 90, maxPerWindow: 2, maxPerKindPerWindow: {}, minRestDays: 0 },
    });
    await vouch.execute(as('olga', 'ACCOUNT_OWNER'), {
      type: 'ApproveAsk',
      commandId: id(),
      aggregateId: 'req-rita',
      data: { advocateId: 'adv-olga' },
    });
  });
  afterAll(async () => {
    await vouch.stop();
    await store.close();
  });

  it('refuses the ask of an over-used advocate without an override, and records nothing', async () => {
    const before = await reservations();
    await expect(ask()).rejects.toMatchObject({ code: 'FATIGUE_LIMIT' });
    expect(await reservations()).toHaveLength(before.length);
    expect(await typesOf('request-req-rita')).not.toContain('AdvocateAsked');
  });

  it("records the program manager's override, with the reason and the breaches, on the reservation", async () => {
    await ask('Strategic deal, she offered');
    expect((await reservations()).at(-1)?.data).toMatchObject({
      requestId: 'req-rita',
      fatigueOverride: { by: 'pat', reason: 'Strategic deal, she offered', breaches: [expect.any(String)] },
    });
    expect(await typesOf('request-req-rita')).toContain('AdvocateAsked');
  });

  it('refuses a completion dated before the ask, on both streams, and accepts one after it', async () => {
    const step = (type: 'RecordAdvocateResponse' | 'ScheduleActivity' | 'CompleteActivity', data: object) =>
      vouch.execute(pm, {
        type,
        commandId: id(),
        aggregateId: 'req-rita',
        data: { advocateId: 'adv-olga', ...data },
      } as never);
    await step('RecordAdvocateResponse', { accepted: true });
    // The process manager mirrors the answer onto the advocate's engagement.
    await eventually(async () => expect(await typesOf('advocate-adv-olga')).toContain('EngagementAccepted'));
    await step('ScheduleActivity', {
      at: addDays(NOW, 1),
      fatigueOverrideReason: 'Strategic deal, she offered',
    });
    now = addDays(NOW, 2);
    await expect(step('CompleteActivity', { completedAt: addDays(NOW, -1) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [expect.objectContaining({ field: 'completedAt' })] },
    });
    expect(await typesOf('advocate-adv-olga')).not.toContain('EngagementCompleted');
    expect(await typesOf('request-req-rita')).not.toContain('ActivityCompleted');
    await step('CompleteActivity', { completedAt: addDays(NOW, 1) });
    expect(await typesOf('request-req-rita')).toContain('ActivityCompleted');
  });
});
