import type { RecordedEvent } from '@vouch/event-store';
import { DueWorkIndex, PROCESS_MANAGERS } from '../src';

let position = 0;
const event = (type: string, data: Record<string, unknown>): RecordedEvent =>
  ({
    type,
    data,
    eventId: `e-${++position}`,
    metadata: {},
    checkpoint: String(position).padStart(16, '0'),
  }) as unknown as RecordedEvent;

const call = { requestId: 'req-1', advocateId: 'ines', engagementId: 'req-1.ines' };
const picked = event('SlotPicked', {
  ...call,
  startsAt: '2026-12-01T15:00:00.000Z',
  endsAt: '2026-12-01T15:30:00.000Z',
});

// A picked call nobody proved is missed once its end and the program's grace period have passed.
describe('missed calls are due work, not a wall clock in the domain', () => {
  it('is due a day after the call ends by default, counted toward fatigue', () => {
    const index = new DueWorkIndex();
    index.apply(picked);
    expect(index.due('2026-12-02T15:29:00.000Z')).toEqual([]);
    expect(index.due('2026-12-02T15:30:00.000Z').map((item) => item.command)).toEqual([
      {
        type: 'MarkEngagementMissed',
        aggregateId: 'ines',
        data: { engagementId: 'req-1.ines', countsTowardFatigue: true },
      },
    ]);
  });

  it("follows the program's scheduling policy, also for calls picked before it changed", () => {
    const index = new DueWorkIndex();
    index.apply(picked);
    index.apply(
      event('SchedulingPolicySet', {
        policy: { graceMinutes: 60, missedCountsTowardFatigue: false },
        setBy: 'pat',
      }),
    );
    const [due] = index.due('2026-12-01T16:30:00.000Z');
    expect(due?.command.data).toEqual({ engagementId: 'req-1.ines', countsTowardFatigue: false });
  });

  it('is no longer due once the call was completed, missed or released', () => {
    for (const type of ['ActivityCompleted', 'ActivityMissed', 'CandidateReleased']) {
      const index = new DueWorkIndex();
      index.apply(picked);
      index.apply(event(type, call));
      expect(index.due('2027-01-01T00:00:00.000Z')).toEqual([]);
    }
  });

  it("the advocate's missed engagement is mirrored onto its request", () => {
    const manager = PROCESS_MANAGERS.find((m) => m.name === 'mirror-missed-engagement')!;
    const missed = event('EngagementMissed', { ...call, kind: 'REFERENCE_CALL', countsTowardFatigue: false });
    const [reaction] = manager.decide(missed, undefined);
    expect(reaction).toMatchObject({
      kind: 'command',
      command: {
        type: 'MarkActivityMissed',
        aggregateId: 'req-1',
        data: { advocateId: 'ines', countsTowardFatigue: false },
      },
    });
  });
});
