import type { ConsentWithdrawn } from './advocate-events';
import { invalidTransition } from '../shared/guards';
import { isAfter, type Instant } from '../shared/time';
import { validated } from '../shared/validator';
import type { RecordAdvocateDeparture } from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { releaseAll } from './advocate-guards';
import type { AdvocateState } from './advocate-state';

// Champion job change: an advocate speaks for the company they work at. When they leave it,
// what they permitted in that role stops holding — withdrawn at once as a withdrawal is
// (invariant 5: pending engagements released, dependent content suspended), history kept.

/** Why the consents end, as the withdrawal records it. */
export const DEPARTURE_WITHDRAWAL_REASON =
  'The advocate left the company; consents given in that role no longer hold.';

function parseDeparture(d: RecordAdvocateDeparture['data']) {
  return validated((v) => {
    const leftAt = v.optionalInstant('leftAt', d.leftAt);
    const newAccountId = d.newAccountId === undefined ? undefined : v.id('newAccountId', d.newAccountId);
    return {
      ...(leftAt !== undefined ? { leftAt } : {}),
      ...(newAccountId !== undefined ? { newAccountId } : {}),
    };
  });
}

/** The payload parsers of the departure command. */
export const departureParsers = { RecordAdvocateDeparture: parseDeparture };

/** Every consent still granting a kind at `now`, withdrawn for all the kinds it still grants. */
function withdrawRoleConsents(state: AdvocateState, now: Instant, by: string): ConsentWithdrawn[] {
  return Object.values(state.consents).flatMap((consent): ConsentWithdrawn[] => {
    const kinds = consent.kinds.filter((k) => !consent.withdrawnKinds.includes(k));
    const inForce = consent.validUntil === undefined || isAfter(consent.validUntil, now);
    if (kinds.length === 0 || !inForce) return [];
    return [
      {
        type: 'ConsentWithdrawn',
        data: {
          advocateId: state.advocateId,
          consentId: consent.consentId,
          version: consent.version,
          kinds,
          reason: DEPARTURE_WITHDRAWAL_REASON,
          withdrawnBy: by,
          withdrawnAt: now,
        },
      },
    ];
  });
}

function recordAdvocateDeparture(
  d: ReturnType<typeof parseDeparture>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const now = context.now;
  if (state.status === 'ERASED' || state.leftAccountAt !== undefined) {
    const from = state.status === 'ERASED' ? 'ERASED' : 'LEFT_ACCOUNT';
    throw invalidTransition('Advocate', state.advocateId, from, 'RecordAdvocateDeparture');
  }
  const leftAt = d.leftAt !== undefined && isAfter(d.leftAt, now) ? now : (d.leftAt ?? now);
  // A move within the same company is no departure: suggesting the same account would be noise.
  const suggestedAccountId = d.newAccountId !== state.accountId ? d.newAccountId : undefined;
  return [
    {
      type: 'AdvocateLeftAccount',
      data: {
        advocateId: state.advocateId,
        accountId: state.accountId,
        leftAt,
        recordedBy: context.actor.userId,
        ...(suggestedAccountId !== undefined ? { suggestedAccountId } : {}),
      },
    },
    ...withdrawRoleConsents(state, now, context.actor.userId),
    ...releaseAll(state, () => true, 'ADVOCATE_LEFT_ACCOUNT', now),
  ];
}

/** The rule of a champion's job change. */
export const departureRules = { RecordAdvocateDeparture: recordAdvocateDeparture };
