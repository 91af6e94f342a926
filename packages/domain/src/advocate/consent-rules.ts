import type { GrantConsentData, RenewConsentData, WithdrawConsentData } from '../consent/consent-commands';
import {
  decideConsentGrant,
  decideConsentRenewal,
  decideConsentWithdrawal,
} from '../consent/consent-decisions';
import { invalidTransition, notFound } from '../shared/guards';
import { isAfter, isBefore } from '../shared/time';
import { validated } from '../shared/validator';
import type { RecordConsentExpiry } from './advocate-commands';
import type { AdvocateDecisionContext } from './advocate-decision-context';
import type { AdvocateEvent } from './advocate-events';
import { releaseAll } from './advocate-guards';
import type { AdvocateState } from './advocate-state';

// Consent: what the advocate agreed to be used for (invariants 1 and 5).

// A consent's payload is read together with the consents it is checked against
// (consent/consent-decisions.ts, shared with accounts), so its parse step passes it on.
const passOn = <T>(d: T): T => d;

/** The payload parsers of consent commands. */
export const consentParsers = {
  GrantConsent: passOn<GrantConsentData>,
  RenewConsent: passOn<RenewConsentData>,
  WithdrawConsent: passOn<WithdrawConsentData>,
  RecordConsentExpiry: (d: RecordConsentExpiry['data']) => validated((v) => v.id('consentId', d.consentId)),
};

function grantConsent(
  d: GrantConsentData,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const granted = decideConsentGrant(d, state.consents, context);
  return [{ type: 'ConsentGranted', data: { advocateId: state.advocateId, ...granted } }];
}

function renewConsent(
  d: RenewConsentData,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const renewed = decideConsentRenewal(d, state.consents, context);
  return [{ type: 'ConsentRenewed', data: { advocateId: state.advocateId, ...renewed } }];
}

function withdrawConsent(
  d: WithdrawConsentData,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  // Invariant 5: withdrawal takes effect at once; earlier uses stay in history untouched.
  const withdrawn = decideConsentWithdrawal(d, state.consents, context);
  return [
    { type: 'ConsentWithdrawn', data: { advocateId: state.advocateId, ...withdrawn } },
    ...releaseAll(
      state,
      (e) => e.consentId === withdrawn.consentId && withdrawn.kinds.includes(e.kind),
      'CONSENT_WITHDRAWN',
      context.now,
    ),
  ];
}

function recordConsentExpiry(
  consentId: string,
  state: AdvocateState,
  context: AdvocateDecisionContext,
): AdvocateEvent[] {
  const now = context.now;
  const consent = state.consents[consentId];
  if (!consent) throw notFound('Consent', consentId);
  if (consent.validUntil === undefined || isAfter(consent.validUntil, now)) {
    throw invalidTransition('Consent', consentId, 'IN_FORCE', 'RecordConsentExpiry');
  }
  if (state.recordedExpiries[consentId] === consent.version) {
    throw invalidTransition('Consent', consentId, 'EXPIRY_RECORDED', 'RecordConsentExpiry');
  }
  const validUntil = consent.validUntil;
  return [
    {
      type: 'ConsentExpired',
      data: { advocateId: state.advocateId, consentId, version: consent.version, expiredAt: validUntil },
    },
    ...releaseAll(
      state,
      (e) => e.consentId === consentId && !isBefore(e.activityAt, validUntil),
      'CONSENT_EXPIRED',
      now,
    ),
  ];
}

/** The rules of consent, one per command. */
export const consentRules = {
  GrantConsent: grantConsent,
  RenewConsent: renewConsent,
  WithdrawConsent: withdrawConsent,
  RecordConsentExpiry: recordConsentExpiry,
};
