import { alreadyExists, invalidTransition, notFound } from '../shared/guards';
import { validated } from '../shared/validator';
import type { PlaceLegalHold, ReleaseLegalHold, RequestErasure } from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { releaseAll } from './advocate-guards';
import type { AdvocateState } from './advocate-state';

// Privacy: erasure on request, deferred while a legal hold stands (invariant 10).

/** The payload parsers of privacy commands. */
export const privacyParsers = {
  PlaceLegalHold: (d: PlaceLegalHold['data']) =>
    validated((v) => ({
      holdId: v.id('holdId', d.holdId),
      matter: v.text('matter', d.matter, { max: 500 }),
    })),
  ReleaseLegalHold: (d: ReleaseLegalHold['data']) =>
    validated((v) => ({
      holdId: v.id('holdId', d.holdId),
      reason: v.text('reason', d.reason, { max: 1000 }),
    })),
  RequestErasure: (d: RequestErasure['data']) => validated((v) => v.text('reason', d.reason, { max: 1000 })),
};

type Input<K extends keyof typeof privacyParsers> = ReturnType<(typeof privacyParsers)[K]>;

function placeLegalHold(
  d: Input<'PlaceLegalHold'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  if (state.legalHolds[d.holdId]) throw alreadyExists('Legal hold', d.holdId);
  return [
    {
      type: 'LegalHoldPlaced',
      data: { advocateId: state.advocateId, ...d, placedBy: context.actor.userId, placedAt: context.now },
    },
  ];
}

function releaseLegalHold(
  d: Input<'ReleaseLegalHold'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const { advocateId } = state;
  if (!state.legalHolds[d.holdId]) throw notFound('Legal hold', d.holdId);
  const released: AdvocateEvent = {
    type: 'LegalHoldReleased',
    data: { advocateId, ...d, releasedBy: context.actor.userId, releasedAt: context.now },
  };
  const othersRemain = Object.keys(state.legalHolds).some((id) => id !== d.holdId);
  // Invariant 10: a deferred erasure runs as soon as the last hold is released.
  if (state.deferredErasure && !othersRemain) {
    const { reason, requestedBy } = state.deferredErasure;
    return [
      released,
      { type: 'AdvocateErased', data: { advocateId, reason, requestedBy, erasedAt: context.now } },
    ];
  }
  return [released];
}

function requestErasure(
  reason: string,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const { advocateId } = state;
  const now = context.now;
  const requestedBy = context.actor.userId;
  if (state.deferredErasure)
    throw invalidTransition('Advocate', advocateId, 'ERASURE_DEFERRED', 'RequestErasure');
  const released = releaseAll(state, () => true, 'ADVOCATE_UNAVAILABLE', now);
  const holdIds = Object.keys(state.legalHolds);
  // Invariant 10: a legal hold defers the erasure; it runs when the last hold is released.
  if (holdIds.length > 0) {
    return [
      ...released,
      { type: 'ErasureDeferred', data: { advocateId, reason, requestedBy, requestedAt: now, holdIds } },
    ];
  }
  return [...released, { type: 'AdvocateErased', data: { advocateId, reason, requestedBy, erasedAt: now } }];
}

/** The rules of privacy, one per command. */
export const privacyRules = {
  PlaceLegalHold: placeLegalHold,
  ReleaseLegalHold: releaseLegalHold,
  RequestErasure: requestErasure,
};
