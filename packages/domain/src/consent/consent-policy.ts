import type { ActivityKind } from '../shared/activity-kind';
import { isAfter, isBefore, type Instant } from '../shared/time';
import { ANY_TERRITORY, type Consent, type UsageScope } from './consent';

/** Why no consent covers a use — said in words on the CONSENT_REQUIRED error and in availability. */
export type ConsentGap =
  | 'NO_CONSENT'
  | 'KIND_NOT_COVERED'
  | 'OUT_OF_SCOPE'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'WITHDRAWN'
  | 'MAX_USES_REACHED';

export interface ConsentQuery {
  readonly kind: ActivityKind;
  readonly scope?: UsageScope;
  readonly at: Instant;
  /** Uses already promised against each consent but not yet recorded (reservations). */
  readonly pendingUses?: Readonly<Record<string, number>>;
}

export type ConsentVerdict =
  | { readonly inForce: true; readonly consent: Consent }
  | { readonly inForce: false; readonly gap: ConsentGap; readonly consent?: Consent };

/** Whether one consent permits a use of `kind` in `scope` at `at`, and if not, why. */
export function checkConsent(consent: Consent, query: ConsentQuery): ConsentVerdict {
  if (!consent.kinds.includes(query.kind)) return { inForce: false, gap: 'KIND_NOT_COVERED', consent };
  if (consent.withdrawnKinds.includes(query.kind)) return { inForce: false, gap: 'WITHDRAWN', consent };
  if (query.scope && !scopeCovers(consent, query.scope))
    return { inForce: false, gap: 'OUT_OF_SCOPE', consent };
  if (isBefore(query.at, consent.validFrom)) return { inForce: false, gap: 'NOT_YET_VALID', consent };
  if (consent.validUntil !== undefined && !isBefore(query.at, consent.validUntil)) {
    return { inForce: false, gap: 'EXPIRED', consent };
  }
  const promised = consent.uses + (query.pendingUses?.[consent.consentId] ?? 0);
  if (consent.maxUses !== undefined && promised >= consent.maxUses) {
    return { inForce: false, gap: 'MAX_USES_REACHED', consent };
  }
  return { inForce: true, consent };
}

function scopeCovers(consent: Consent, scope: UsageScope): boolean {
  const territoryOk =
    consent.scope.territories.includes(ANY_TERRITORY) || consent.scope.territories.includes(scope.territory);
  return territoryOk && consent.scope.channels.includes(scope.channel);
}

// The order in which gaps are reported when several consents fail: the most telling first.
const GAP_RANK: readonly ConsentGap[] = [
  'MAX_USES_REACHED',
  'EXPIRED',
  'NOT_YET_VALID',
  'OUT_OF_SCOPE',
  'WITHDRAWN',
  'KIND_NOT_COVERED',
  'NO_CONSENT',
];

/**
 * The consent in force for a use, if any (invariant 1). Among several, the one valid
 * longest is chosen so a use relies on the most durable permission; otherwise the verdict
 * says why none applies.
 */
export function consentInForce(consents: readonly Consent[], query: ConsentQuery): ConsentVerdict {
  const verdicts = consents.map((c) => checkConsent(c, query));
  const inForce = verdicts
    .filter((v): v is Extract<ConsentVerdict, { inForce: true }> => v.inForce)
    .sort(
      (a, b) => validUntilRank(b.consent) - validUntilRank(a.consent) || compareIds(a.consent, b.consent),
    );
  if (inForce[0]) return inForce[0];
  const failures = verdicts.filter((v): v is Extract<ConsentVerdict, { inForce: false }> => !v.inForce);
  failures.sort((a, b) => GAP_RANK.indexOf(a.gap) - GAP_RANK.indexOf(b.gap));
  return failures[0] ?? { inForce: false, gap: 'NO_CONSENT' };
}

function validUntilRank(consent: Consent): number {
  return consent.validUntil === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(consent.validUntil);
}

function compareIds(a: Consent, b: Consent): number {
  return a.consentId < b.consentId ? -1 : a.consentId > b.consentId ? 1 : 0;
}

/** Consents whose validity ends within `days` after `now` (and have not ended yet). */
export function consentsExpiringWithin(consents: readonly Consent[], now: Instant, days: number): Consent[] {
  const horizon = Date.parse(now) + days * 86_400_000;
  return consents.filter(
    (c) =>
      c.validUntil !== undefined &&
      c.withdrawnKinds.length < c.kinds.length &&
      isAfter(c.validUntil, now) &&
      Date.parse(c.validUntil) <= horizon,
  );
}

const GAP_WORDS: Record<ConsentGap, string> = {
  NO_CONSENT: 'there is no consent on record',
  KIND_NOT_COVERED: 'no consent covers this activity kind',
  OUT_OF_SCOPE: "no consent covers the requester's territory and channel",
  NOT_YET_VALID: 'the consent is not valid yet at that date',
  EXPIRED: 'the consent has expired by that date',
  WITHDRAWN: 'the consent for this activity kind was withdrawn',
  MAX_USES_REACHED: 'the consent has reached its maximum number of uses',
};

/** The reason a consent gap gives, in plain words. */
export function describeConsentGap(gap: ConsentGap): string {
  return GAP_WORDS[gap];
}
