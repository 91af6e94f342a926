import {
  advocateDecider,
  canonicalCommand,
  decideOnce,
  isDomainError,
  type AdvocateCommand,
  type AdvocateEvent,
  type HistoryEntry,
} from '../src';
import {
  activeAdvocate,
  advocateCommand,
  advocateContext,
  consentGranted,
  day,
  reserveEngagement,
} from './support/builders';

// Stands in for the application's keyed digest: the domain only compares opaque strings.
const fingerprintOf = (command: AdvocateCommand) => `digest-of:${canonicalCommand(command)}`;

/** A stream's history as a store keeps it: each event with the command that produced it. */
function recorded(events: AdvocateEvent[], command: AdvocateCommand): HistoryEntry<AdvocateEvent>[] {
  return events.map((event) => ({
    event,
    commandId: command.commandId,
    commandFingerprint: fingerprintOf(command),
  }));
}

const setUp: HistoryEntry<AdvocateEvent>[] = [...activeAdvocate(), consentGranted()].map((event, i) => ({
  event,
  commandId: `setup-${i}`,
}));

// Invariant 8
describe('deciding a command once (invariant 8)', () => {
  const reserve = reserveEngagement({ engagementId: 'eng-1' }, 'cmd-reserve-1');

  // Invariant 8
  it('a new command id is decided', () => {
    const result = decideOnce(advocateDecider, setUp, reserve, advocateContext());
    expect(result.duplicate).toBe(false);
    expect(result.events.map((e) => e.type)).toEqual(['EngagementReserved']);
  });

  // Invariant 8
  it('repeating a command id returns the first result and decides nothing', () => {
    const first = decideOnce(advocateDecider, setUp, reserve, advocateContext());
    const history = [...setUp, ...recorded(first.events, reserve)];
    // Deciding anew would now fail (the engagement exists), so an equal result proves nothing was decided.
    expect(() =>
      advocateDecider.decide(
        reserve,
        history.reduce((s, h) => advocateDecider.evolve(s, h.event), advocateDecider.initialState),
        advocateContext(),
      ),
    ).toThrow();

    const retry = decideOnce(
      advocateDecider,
      history,
      { ...reserve },
      advocateContext({ now: day(1) }),
      fingerprintOf(reserve),
    );
    expect(retry).toEqual({ events: first.events, duplicate: true });
  });

  // Invariant 8
  it('a retry returns every event the first decision produced, in order', () => {
    const withReservation = [...setUp, ...recorded([...reserveEngagementEvents()], reserve)];
    const retire = advocateCommand('RetireAdvocate', { reason: 'Left the company' }, 'cmd-retire');
    const first = decideOnce(advocateDecider, withReservation, retire, advocateContext());
    expect(first.events.map((e) => e.type)).toEqual(['AdvocateRetired', 'EngagementReleased']);
    const retry = decideOnce(
      advocateDecider,
      [...withReservation, ...recorded(first.events, retire)],
      retire,
      advocateContext(),
      fingerprintOf(retire),
    );
    expect(retry.events).toEqual(first.events);
    expect(retry.duplicate).toBe(true);
  });

  // Invariant 8
  it('the same command id with different content is refused as COMMAND_ID_REUSED', () => {
    const first = decideOnce(advocateDecider, setUp, reserve, advocateContext());
    const history = [...setUp, ...recorded(first.events, reserve)];
    const other = reserveEngagement({ engagementId: 'eng-2', activityAt: day(40) }, reserve.commandId);
    let thrown: unknown;
    try {
      decideOnce(advocateDecider, history, other, advocateContext(), fingerprintOf(other));
    } catch (error) {
      thrown = error;
    }
    expect(isDomainError(thrown, 'COMMAND_ID_REUSED')).toBe(true);
  });

  // Invariant 8
  it('the canonical text ignores key order and undefined fields, but not values', () => {
    const a = advocateCommand('RetireAdvocate', { reason: 'x' });
    expect(canonicalCommand({ ...a, data: { reason: 'x', note: undefined } as never })).toBe(
      canonicalCommand(a),
    );
    expect(canonicalCommand({ type: 'T', commandId: '1', data: { a: 1, b: 2 } })).toBe(
      canonicalCommand({ type: 'T', commandId: '2', data: { b: 2, a: 1 } }),
    );
    expect(canonicalCommand(advocateCommand('RetireAdvocate', { reason: 'y' }))).not.toBe(
      canonicalCommand(a),
    );
  });

  // Invariant 8
  it('a command that was refused left nothing behind, so its retry is decided again', () => {
    const refused = reserveEngagement({ kind: 'VIDEO', channel: 'WEB' }, 'cmd-video');
    expect(() => decideOnce(advocateDecider, setUp, refused, advocateContext())).toThrow(
      expect.objectContaining({ code: 'CONSENT_REQUIRED' }),
    );
    expect(() => decideOnce(advocateDecider, setUp, refused, advocateContext())).toThrow(
      expect.objectContaining({ code: 'CONSENT_REQUIRED' }),
    );
  });
});

function reserveEngagementEvents(): AdvocateEvent[] {
  const state = setUp.reduce((s, h) => advocateDecider.evolve(s, h.event), advocateDecider.initialState);
  return advocateDecider.decide(reserveEngagement({ engagementId: 'eng-1' }), state, advocateContext());
}
