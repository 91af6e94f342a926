import { addDays, addHours, type Instant } from '@vouch/domain';
import { InMemoryEventStore, type EventStore } from '@vouch/event-store';
import { createVouch, MeetingAttendanceInbound, type Vouch, type VouchCommand } from '../src';
import { eventually } from '../../../test/support/privacy-program';
import { as, NOW, pm, populateWorld, TENANT } from './support/relationship-world';

const REQUEST_STREAM = 'request-req-rita';
const SLOTS = [addDays(NOW, 2), addDays(NOW, 3), addDays(NOW, 4)];
const CALL = SLOTS[0]!;

/** The store, noting which events of which stream each read (alone or batched) delivered while `noting` is on. */
function notingStreamReads(store: EventStore) {
  const delivered = new Map<string, number[]>();
  let noting = false;
  const noted = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readStream') {
        return async (...args: Parameters<EventStore['readStream']>) => {
          const events = await target.readStream(...args);
          if (noting)
            delivered.set(args[1], [...(delivered.get(args[1]) ?? []), ...events.map((e) => e.version)]);
          return events;
        };
      }
      if (property === 'readStreamTails') {
        return async (...args: Parameters<NonNullable<EventStore['readStreamTails']>>) => {
          const answer = await target.readStreamTails!(...args);
          if (noting) {
            args[1].forEach(({ streamId }, i) =>
              delivered.set(streamId, [
                ...(delivered.get(streamId) ?? []),
                ...answer.tails[i]!.map((e) => e.version),
              ]),
            );
          }
          return answer;
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    store: noted,
    /** The versions of each stream's events that `work` read, once per delivery. */
    async readsDuring(work: () => Promise<unknown>): Promise<Map<string, number[]>> {
      delivered.clear();
      noting = true;
      try {
        await work();
      } finally {
        noting = false;
      }
      return new Map(delivered);
    },
  };
}

/** Versions delivered more than once. */
const repeated = (versions: readonly number[] = []): number[] =>
  versions.filter((version, i) => versions.indexOf(version) !== i);

// Issue 16's attendance signal: the request's stream is read once per signal (the decision's
// own read), not once more for a pre-check the request's rules make anyway.
describe('a meeting attendance signal', () => {
  let now: Instant = NOW;
  let vouch: Vouch;
  let watched: ReturnType<typeof notingStreamReads>;
  let inbound: MeetingAttendanceInbound;
  let ids = 0;
  const run = (principal: typeof pm, command: Omit<VouchCommand, 'commandId'>) =>
    vouch.execute(principal, { commandId: `attendance-${++ids}`, ...command } as VouchCommand);
  const step = (type: string, data: object, principal = pm) =>
    run(principal, { type, aggregateId: 'req-rita', data: { advocateId: 'adv-olga', ...data } } as never);
  const signal = (eventId: string, attended: boolean, extra: object = {}) => ({
    eventId,
    requestId: 'req-rita',
    advocateId: 'adv-olga',
    attended,
    startedAt: CALL,
    endedAt: addHours(CALL, 0.5),
    ...extra,
  });

  beforeAll(async () => {
    watched = notingStreamReads(new InMemoryEventStore({ clock: () => now }));
    vouch = createVouch({ store: watched.store, clock: () => now, dueWorkIntervalMs: 0 });
    await populateWorld(vouch);
    await vouch.start([TENANT]);
    await step('ApproveAsk', {}, as('olga', 'ACCOUNT_OWNER'));
    await step('AskAdvocate', { engagementId: 'ignored' });
    await step('RecordAdvocateResponse', { accepted: true });
    // The process manager mirrors the answer onto the advocate's engagement.
    await eventually(async () =>
      expect((await watched.store.readStream(TENANT, 'advocate-adv-olga')).map((e) => e.type)).toContain(
        'EngagementAccepted',
      ),
    );
    await step('OfferSlots', {
      slots: SLOTS.map((startsAt) => ({ startsAt })),
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
    });
    await step('PickSlot', { startsAt: CALL }, as('rita', 'REQUESTER'));
    // Nothing else reads while a signal is counted.
    await vouch.stop();
    inbound = new MeetingAttendanceInbound(vouch);
    now = addHours(CALL, 1);
  });
  afterAll(async () => {
    await vouch.stop();
    await watched.store.close();
  });

  it('refuses a signal for an advocate who is no candidate, or a request that does not exist, as before', async () => {
    await expect(
      inbound.receive(TENANT, signal('sig-nobody', true, { advocateId: 'nobody' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      inbound.receive(TENANT, signal('sig-none', true, { requestId: 'req-none' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      inbound.receive(TENANT, signal('sig-nobody-2', false, { advocateId: 'nobody' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads the request stream once for a no-show, and writes nothing', async () => {
    const before = (await watched.store.readStream(TENANT, REQUEST_STREAM)).length;
    let receipt: unknown;
    const reads = await watched.readsDuring(async () => {
      receipt = await inbound.receive(TENANT, signal('sig-absent', false));
    });
    expect(receipt).toMatchObject({ status: 'NOTED', duplicate: false });
    // The whole request was needed (to find the picked call), once.
    expect(reads.get(REQUEST_STREAM)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    expect((await watched.store.readStream(TENANT, REQUEST_STREAM)).length).toBe(before);
  });

  it('reads no event of the request stream twice for an attended call, which it completes', async () => {
    let receipt: unknown;
    const reads = await watched.readsDuring(async () => {
      receipt = await inbound.receive(TENANT, signal('sig-attended', true));
    });
    expect(receipt).toMatchObject({ status: 'CONFIRMED', duplicate: false });
    // Only the decision's read (the facade's view of the stream brings it up to date): no event twice.
    expect(reads.has(REQUEST_STREAM)).toBe(true);
    expect(repeated(reads.get(REQUEST_STREAM))).toEqual([]);
    const types = (await watched.store.readStream(TENANT, REQUEST_STREAM)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['AttendanceConfirmed', 'ActivityCompleted']));
  });
});
