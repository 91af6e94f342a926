import { advocateDecider, fold, type AdvocateEvent } from '../src';
import {
  activeAdvocate,
  advocateCommand,
  advocateContext,
  consentGranted,
  day,
  NOW,
  reserveEngagement,
} from './support/builders';

const history: AdvocateEvent[] = [...activeAdvocate(), consentGranted()];
const state = fold(advocateDecider, history);

// Invariant 9
describe('decisions take "now" from the injected clock (invariant 9)', () => {
  // Invariant 9
  it('the same command decided under two clocks records two different instants', () => {
    const command = reserveEngagement({ activityAt: day(20) });
    const [atNow] = advocateDecider.decide(command, state, advocateContext({ now: NOW }));
    const [tomorrow] = advocateDecider.decide(command, state, advocateContext({ now: day(1) }));
    expect(atNow).toMatchObject({ data: { reservedAt: NOW } });
    expect(tomorrow).toMatchObject({ data: { reservedAt: day(1) } });
  });

  // Invariant 9
  it('identical inputs give identical outputs, whenever and however often they are decided', () => {
    const command = advocateCommand('RetireAdvocate', { reason: 'Left the company' });
    const runs = [1, 2, 3].map(() => advocateDecider.decide(command, state, advocateContext()));
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[0]).toEqual([
      { type: 'AdvocateRetired', data: { advocateId: 'ines', reason: 'Left the company', retiredAt: NOW } },
    ]);
  });

  // Invariant 9
  it('time-dependent rules follow the injected clock: a rest ends when the clock says so', () => {
    const resting = fold(advocateDecider, [
      ...history,
      { type: 'AdvocateRested', data: { advocateId: 'ines', until: day(5), reason: 'Busy' } },
    ]);
    const command = reserveEngagement({ activityAt: day(20) });
    expect(() => advocateDecider.decide(command, resting, advocateContext({ now: day(4) }))).toThrow(
      expect.objectContaining({ code: 'ADVOCATE_UNAVAILABLE' }),
    );
    expect(advocateDecider.decide(command, resting, advocateContext({ now: day(5) }))).toHaveLength(1);
  });

  // Invariant 9
  it('a consent expires by the injected clock, not the wall clock', () => {
    const expiring = fold(advocateDecider, [...activeAdvocate(), consentGranted({ validUntil: day(30) })]);
    const command = reserveEngagement();
    const inForce = advocateContext({ now: day(0) });
    const lapsed = advocateContext({ now: day(31) });
    expect(
      advocateDecider.decide(
        { ...command, data: { ...command.data, activityAt: day(10) } },
        expiring,
        inForce,
      ),
    ).toHaveLength(1);
    expect(() =>
      advocateDecider.decide(
        { ...command, data: { ...command.data, activityAt: day(40) } },
        expiring,
        lapsed,
      ),
    ).toThrow(expect.objectContaining({ code: 'CONSENT_REQUIRED' }));
  });

  // Invariant 9
  it('the decider does not consult the wall clock', () => {
    const spy = jest.spyOn(Date, 'now');
    advocateDecider.decide(reserveEngagement(), state, advocateContext());
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });
});
