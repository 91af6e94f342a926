import { ACTIVITY_KINDS } from '../shared/activity-kind';
import type { DecisionContext } from '../shared/decision-context';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { EveryMember } from '../shared/every-member';
import { validated, type Validator } from '../shared/validator';
import { CHANNELS, CONSENT_COLLECTION_METHODS, type Consent, type ConsentCollection } from './consent';
import type { GrantConsentData, RenewConsentData, WithdrawConsentData } from './consent-commands';
import type { ConsentGrantedData, ConsentRenewedData, ConsentWithdrawnData } from './consent-events';
import { consentWith } from './consent-with';
import { recordWith } from '../shared/record-with';

const SHA256_HEX = /^[a-f0-9]{64}$/;

function readCollection(
  v: Validator,
  d: Pick<GrantConsentData, 'collectionMethod' | 'collectedAt' | 'evidenceHash' | 'noticeVersion'>,
  context: DecisionContext,
): ConsentCollection {
  const collectedAt = v.instant('collectedAt', d.collectedAt);
  if (Date.parse(collectedAt) > Date.parse(context.now)) v.fail('collectedAt', 'must not be in the future');
  const evidenceHash = v.optionalText('evidenceHash', d.evidenceHash, { max: 64 })?.toLowerCase();
  if (evidenceHash !== undefined && !SHA256_HEX.test(evidenceHash)) {
    v.fail('evidenceHash', 'must be a SHA-256 digest in hex (64 characters)');
  }
  return {
    method: v.oneOf('collectionMethod', d.collectionMethod, CONSENT_COLLECTION_METHODS),
    collectedAt,
    collectedBy: context.actor.userId,
    ...(evidenceHash !== undefined ? { evidenceHash } : {}),
    noticeVersion: v.text('noticeVersion', d.noticeVersion, { max: 40 }),
  };
}

/** Validates a consent grant and returns the data of the event that records it. */
export function decideConsentGrant(
  d: GrantConsentData,
  existing: Readonly<Record<string, Consent>>,
  context: DecisionContext,
): ConsentGrantedData {
  const data = validated((v): ConsentGrantedData => {
    const validFrom = v.instant('validFrom', d.validFrom);
    const validUntil = v.optionalInstant('validUntil', d.validUntil);
    v.order('validUntil', validFrom, validUntil, 'must be after validFrom');
    const maxUses = v.optionalInteger('maxUses', d.maxUses, { min: 1, max: 10_000 });
    return {
      consentId: v.id('consentId', d.consentId),
      version: 1,
      kinds: v.listOf('kinds', d.kinds, ACTIVITY_KINDS),
      territories: v.tags('territories', d.territories, { min: 1 }).map((t) => t.toUpperCase()),
      channels: v.listOf('channels', d.channels, CHANNELS),
      validFrom,
      ...(validUntil !== undefined ? { validUntil } : {}),
      ...(maxUses !== undefined ? { maxUses } : {}),
      perUseApprovalRequired: v.boolean('perUseApprovalRequired', d.perUseApprovalRequired, false),
      collection: readCollection(v, d, context),
      grantedAt: context.now,
    };
  });
  if (existing[data.consentId]) {
    throw new DomainError(
      DomainErrorCode.ALREADY_EXISTS,
      `Consent ${data.consentId} already exists. Renew it, or grant a consent with a new id.`,
      { consentId: data.consentId },
    );
  }
  return data;
}

function requireConsent(existing: Readonly<Record<string, Consent>>, consentId: string): Consent {
  const consent = existing[consentId];
  if (!consent) {
    throw new DomainError(DomainErrorCode.NOT_FOUND, `Consent ${consentId} does not exist.`, { consentId });
  }
  return consent;
}

/** Validates a renewal: only a consent not wholly withdrawn can be renewed. */
export function decideConsentRenewal(
  d: RenewConsentData,
  existing: Readonly<Record<string, Consent>>,
  context: DecisionContext,
): ConsentRenewedData {
  const input = validated((v) => {
    const validUntil = v.optionalInstant('validUntil', d.validUntil);
    const maxUses = v.optionalInteger('maxUses', d.maxUses, { min: 1, max: 10_000 });
    return {
      consentId: v.id('consentId', d.consentId),
      validUntil,
      maxUses,
      collection: readCollection(v, d, context),
    };
  });
  const consent = requireConsent(existing, input.consentId);
  if (consent.withdrawnKinds.length === consent.kinds.length) {
    throw new DomainError(
      DomainErrorCode.INVALID_TRANSITION,
      `Consent ${consent.consentId} was withdrawn; it cannot be renewed. Record a new consent instead.`,
      { consentId: consent.consentId },
    );
  }
  validated((v) => {
    v.order('validUntil', context.now, input.validUntil, 'must be in the future');
    if (input.maxUses !== undefined && input.maxUses < consent.uses) {
      v.fail('maxUses', `must be at least the ${consent.uses} uses already made`);
    }
  });
  return {
    consentId: consent.consentId,
    version: consent.version + 1,
    ...(input.validUntil !== undefined ? { validUntil: input.validUntil } : {}),
    ...(input.maxUses !== undefined ? { maxUses: input.maxUses } : {}),
    collection: input.collection,
    renewedAt: context.now,
  };
}

/** Validates a withdrawal of all or some kinds of a consent. */
export function decideConsentWithdrawal(
  d: WithdrawConsentData,
  existing: Readonly<Record<string, Consent>>,
  context: DecisionContext,
): ConsentWithdrawnData {
  const input = validated((v) => ({
    consentId: v.id('consentId', d.consentId),
    kinds: d.kinds === undefined ? undefined : v.listOf('kinds', d.kinds, ACTIVITY_KINDS),
    reason: v.text('reason', d.reason, { max: 1000 }),
  }));
  const consent = requireConsent(existing, input.consentId);
  const stillGranted = consent.kinds.filter((k) => !consent.withdrawnKinds.includes(k));
  const kinds = (input.kinds ?? stillGranted).filter((k) => stillGranted.includes(k));
  if (kinds.length === 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_TRANSITION,
      `Consent ${consent.consentId} does not grant any of those kinds any more; nothing to withdraw.`,
      { consentId: consent.consentId },
    );
  }
  return {
    consentId: consent.consentId,
    version: consent.version,
    kinds,
    reason: input.reason,
    withdrawnBy: context.actor.userId,
    withdrawnAt: context.now,
  };
}

/** Folds consent events into the map of consents. */
export function evolveConsents(
  consents: Readonly<Record<string, Consent>>,
  event:
    | { type: 'granted'; data: ConsentGrantedData }
    | { type: 'renewed'; data: ConsentRenewedData }
    | { type: 'withdrawn'; data: ConsentWithdrawnData }
    | { type: 'used'; consentId: string },
): Readonly<Record<string, Consent>> {
  if (event.type === 'granted') {
    const d = event.data;
    // Every member named: a renewal, withdrawal or use then only overrides (see EveryMember).
    const consent: Consent = {
      consentId: d.consentId,
      version: d.version,
      kinds: d.kinds,
      scope: { territories: d.territories, channels: d.channels },
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      maxUses: d.maxUses,
      perUseApprovalRequired: d.perUseApprovalRequired,
      collection: d.collection,
      withdrawnKinds: [],
      withdrawnAt: undefined,
      uses: 0,
    } satisfies EveryMember<Consent>;
    return recordWith(consents, d.consentId, consent);
  }
  const id = event.type === 'used' ? event.consentId : event.data.consentId;
  const consent = consents[id];
  if (!consent) return consents;
  switch (event.type) {
    case 'renewed': {
      const d = event.data;
      return recordWith(
        consents,
        id,
        consentWith(consent, {
          version: d.version,
          validUntil: d.validUntil ?? consent.validUntil,
          maxUses: d.maxUses ?? consent.maxUses,
          collection: d.collection,
        }),
      );
    }
    case 'withdrawn':
      return recordWith(
        consents,
        id,
        consentWith(consent, {
          withdrawnKinds: [...new Set([...consent.withdrawnKinds, ...event.data.kinds])],
          withdrawnAt: event.data.withdrawnAt,
        }),
      );
    case 'used':
      return recordWith(consents, id, consentWith(consent, { uses: consent.uses + 1 }));
  }
}
