import { invalidTransition } from '../shared/guards';
import { isAfter } from '../shared/time';
import { validated } from '../shared/validator';
import type { ReferenceRequestDecisionContext } from './reference-request-decision-context';
import type { CancelRequest, RecordOutcome } from './reference-request-commands';
import type { ReferenceRequestEvent } from './reference-request-events';
import { isRequestClosed, type ReferenceRequestState } from './reference-request-state';
import { requireRequestStatus, requireRequesterOrManager } from './request-guards';
import { OUTCOME_RESULTS } from './reference-request-types';

// Closing: the outcome, a cancellation, or the due date passing.

/** The payload parsers of closing commands. */
export const closingParsers = {
  RecordOutcome: (d: RecordOutcome['data']) =>
    validated((v) => ({
      result: v.oneOf('result', d.result, OUTCOME_RESULTS),
      amount: v.optionalMoney('amount', d.amount),
      note: v.optionalText('note', d.note, { max: 1000 }),
    })),
  CancelRequest: (d: CancelRequest['data']) => validated((v) => v.text('reason', d.reason, { max: 1000 })),
  LapseRequest: () => ({}),
};

function recordOutcome(
  d: ReturnType<(typeof closingParsers)['RecordOutcome']>,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequesterOrManager(state, context, 'record the outcome');
  requireRequestStatus(state, ['IN_PROGRESS', 'FULFILLED', 'COMPLETED'], 'RecordOutcome');
  return [
    {
      type: 'OutcomeRecorded',
      data: {
        requestId: state.requestId,
        result: d.result,
        ...(d.amount !== undefined ? { amount: d.amount } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
        recordedBy: context.actor.userId,
        recordedAt: context.now,
      },
    },
  ];
}

function cancelRequest(
  reason: string,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  requireRequesterOrManager(state, context, 'cancel this request');
  if (isRequestClosed(state.status))
    throw invalidTransition('Reference request', state.requestId, state.status, 'CancelRequest');
  const cancelled = { requestId: state.requestId, reason, cancelledBy: context.actor.userId };
  return [{ type: 'RequestCancelled', data: { ...cancelled, cancelledAt: context.now } }];
}

/** A request not fulfilled by its due date lapses. */
function lapseRequest(
  _: object,
  state: ReferenceRequestState,
  context: ReferenceRequestDecisionContext,
): ReferenceRequestEvent[] {
  const now = context.now;
  requireRequestStatus(state, ['SUBMITTED', 'TRIAGED', 'SHORTLISTED', 'IN_PROGRESS'], 'LapseRequest');
  const dueBy = state.dueBy ?? now;
  if (isAfter(dueBy, now))
    throw invalidTransition('Reference request', state.requestId, 'NOT_YET_DUE', 'LapseRequest');
  return [{ type: 'RequestLapsed', data: { requestId: state.requestId, dueBy, lapsedAt: now } }];
}

/** The rules of closing a request, one per command. */
export const closingRules = {
  RecordOutcome: recordOutcome,
  CancelRequest: cancelRequest,
  LapseRequest: lapseRequest,
};
