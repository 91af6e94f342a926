import { ACTIVITY_KINDS } from '../shared/activity-kind';
import { alreadyExists, invalidTransition } from '../shared/guards';
import { validated, type Validator } from '../shared/validator';
import type {
  AdvocateAttributesData,
  AdvocateContactData,
  EnrolAdvocate,
  RestAdvocate,
  SetAdvocatePreferences,
} from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { releaseAll, requireStatus } from './advocate-guards';
import type { AdvocateContact, AdvocatePreferences } from './advocate-profile';
import { readAttributes } from './advocate-attributes';
import type { AdvocateState } from './advocate-state';

// Enrolment and status: who the advocate is, and whether they may be asked at all.

function readContact(v: Validator, d: AdvocateContactData): AdvocateContact {
  const phone = v.optionalText('phone', d.phone, { max: 40 });
  return {
    name: v.text('name', d.name, { max: 200 }),
    email: v.email('email', d.email),
    ...(phone !== undefined ? { phone } : {}),
    title: v.text('title', d.title, { max: 200 }),
  };
}

function parseEnrolAdvocate(d: EnrolAdvocate['data']) {
  return validated((v) => {
    const nominationId = d.nominationId === undefined ? undefined : v.id('nominationId', d.nominationId);
    return {
      advocateId: v.id('advocateId', d.advocateId),
      accountId: v.id('accountId', d.accountId),
      ...(nominationId !== undefined ? { nominationId } : {}),
      contact: readContact(v, d),
      attributes: readAttributes(v, d),
    };
  });
}

function parsePreferences(d: SetAdvocatePreferences['data']): AdvocatePreferences {
  return validated((v): AdvocatePreferences => {
    const max = v.optionalInteger('maxEngagementsPerWindow', d.maxEngagementsPerWindow, { min: 0, max: 100 });
    const windowDays = v.optionalInteger('windowDays', d.windowDays, { min: 1, max: 730 });
    const minRestDays = v.optionalInteger('minRestDays', d.minRestDays, { min: 0, max: 365 });
    const blackouts = (d.blackouts ?? []).map((b, i) => {
      const from = v.instant(`blackouts[${i}].from`, b?.from);
      const until = v.instant(`blackouts[${i}].until`, b?.until);
      v.order(`blackouts[${i}].until`, from, until, 'must be after from');
      return { from, until };
    });
    return {
      ...(max !== undefined ? { maxEngagementsPerWindow: max } : {}),
      ...(windowDays !== undefined ? { windowDays } : {}),
      ...(minRestDays !== undefined ? { minRestDays } : {}),
      preferredActivities:
        d.preferredActivities === undefined
          ? []
          : v.listOf('preferredActivities', d.preferredActivities, ACTIVITY_KINDS, { min: 0 }),
      blackouts,
    };
  });
}

function parseRest(d: RestAdvocate['data'], context: AdvocateDecisionContext) {
  return validated((v) => {
    const until = v.instant('until', d.until);
    v.order('until', context.now, until, 'must be in the future');
    return { until, reason: v.text('reason', d.reason, { max: 1000 }) };
  });
}

function parseReason(d: { reason: string }) {
  return validated((v) => v.text('reason', d.reason, { max: 1000 }));
}

const noPayload = () => ({});

/** The payload parsers of enrolment and status commands. */
export const enrolmentParsers = {
  EnrolAdvocate: parseEnrolAdvocate,
  ActivateAdvocate: noPayload,
  UpdateAdvocateContact: (d: AdvocateContactData) => validated((v) => readContact(v, d)),
  UpdateAdvocateAttributes: (d: AdvocateAttributesData) => validated((v) => readAttributes(v, d)),
  SetAdvocatePreferences: parsePreferences,
  RestAdvocate: parseRest,
  ReactivateAdvocate: noPayload,
  RetireAdvocate: parseReason,
  MarkDoNotContact: parseReason,
};

type Input<K extends keyof typeof enrolmentParsers> = ReturnType<(typeof enrolmentParsers)[K]>;

function enrolAdvocate(
  input: Input<'EnrolAdvocate'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  if (state.status !== 'NONE') throw alreadyExists('Advocate', input.advocateId);
  return [{ type: 'AdvocateEnrolled', data: { ...input, enrolledAt: context.now } }];
}

function activateAdvocate(
  _: object,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  requireStatus(state, ['CANDIDATE'], 'ActivateAdvocate', context.now);
  return [{ type: 'AdvocateActivated', data: { advocateId: state.advocateId, activatedAt: context.now } }];
}

function updateAdvocateContact(
  contact: Input<'UpdateAdvocateContact'>,
  state: AdvocateState,
): AdvocateEvent[] {
  return [{ type: 'AdvocateContactUpdated', data: { advocateId: state.advocateId, contact } }];
}

function updateAdvocateAttributes(
  attributes: Input<'UpdateAdvocateAttributes'>,
  state: AdvocateState,
): AdvocateEvent[] {
  return [{ type: 'AdvocateAttributesUpdated', data: { advocateId: state.advocateId, attributes } }];
}

function setAdvocatePreferences(preferences: AdvocatePreferences, state: AdvocateState): AdvocateEvent[] {
  return [{ type: 'AdvocatePreferencesSet', data: { advocateId: state.advocateId, preferences } }];
}

function restAdvocate(
  input: Input<'RestAdvocate'>,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  requireStatus(state, ['ACTIVE'], 'RestAdvocate', context.now);
  return [{ type: 'AdvocateRested', data: { advocateId: state.advocateId, ...input } }];
}

function reactivateAdvocate(
  _: object,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  // A rest that ran out by the clock is still RESTING on record: reactivating records the return.
  if (state.status !== 'RESTING')
    throw invalidTransition('Advocate', state.advocateId, state.status, 'ReactivateAdvocate');
  return [
    { type: 'AdvocateReactivated', data: { advocateId: state.advocateId, reactivatedAt: context.now } },
  ];
}

function retireAdvocate(
  reason: string,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const now = context.now;
  requireStatus(state, ['CANDIDATE', 'ACTIVE', 'RESTING'], 'RetireAdvocate', now);
  return [
    { type: 'AdvocateRetired', data: { advocateId: state.advocateId, reason, retiredAt: now } },
    ...releaseAll(state, () => true, 'ADVOCATE_UNAVAILABLE', now),
  ];
}

function markDoNotContact(
  reason: string,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const now = context.now;
  requireStatus(state, ['CANDIDATE', 'ACTIVE', 'RESTING', 'RETIRED'], 'MarkDoNotContact', now);
  return [
    { type: 'AdvocateMarkedDoNotContact', data: { advocateId: state.advocateId, reason, markedAt: now } },
    ...releaseAll(state, () => true, 'ADVOCATE_UNAVAILABLE', now),
  ];
}

/** The rules of enrolment and status, one per command. */
export const enrolmentRules = {
  EnrolAdvocate: enrolAdvocate,
  ActivateAdvocate: activateAdvocate,
  UpdateAdvocateContact: updateAdvocateContact,
  UpdateAdvocateAttributes: updateAdvocateAttributes,
  SetAdvocatePreferences: setAdvocatePreferences,
  RestAdvocate: restAdvocate,
  ReactivateAdvocate: reactivateAdvocate,
  RetireAdvocate: retireAdvocate,
  MarkDoNotContact: markDoNotContact,
};
