import type { EveryMember } from '../shared/every-member';
import type { Consent } from './consent';

// Members written out, not spread: see accountWith (a restored consent has lost its `undefined` members).

/** A new consent: `consent`'s members in their one order, then `change` over them. */
export function consentWith(consent: Consent, change: Partial<Consent>): Consent {
  const next: EveryMember<Consent> = {
    consentId: consent.consentId,
    version: consent.version,
    kinds: consent.kinds,
    scope: consent.scope,
    validFrom: consent.validFrom,
    validUntil: consent.validUntil,
    maxUses: consent.maxUses,
    perUseApprovalRequired: consent.perUseApprovalRequired,
    collection: consent.collection,
    withdrawnKinds: consent.withdrawnKinds,
    withdrawnAt: consent.withdrawnAt,
    uses: consent.uses,
  };
  return Object.assign(next, change);
}
