import type { AdvocateState } from '../advocate/advocate-state';
import { isPending } from '../advocate/engagement';
import type { ActivityKind } from '../shared/activity-kind';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import type { ContentKind, ReliedConsent } from '../content-asset/content-asset-events';
import type { Instant } from '../shared/time';
import type { Channel, Consent, UsageScope } from './consent';
import { checkConsent, consentInForce, describeConsentGap, type ConsentVerdict } from './consent-policy';

/** A consent verdict that found a consent in force. */
export type ConsentInForce = Extract<ConsentVerdict, { inForce: true }>;

/** Uses promised per consent by pending engagements (other than `except`), for max-uses checks. */
export function pendingUses(state: AdvocateState, except?: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of Object.values(state.engagements)) {
    if (isPending(e) && e.engagementId !== except) counts[e.consentId] = (counts[e.consentId] ?? 0) + 1;
  }
  return counts;
}

/** Invariant 1: a consent covering the kind and scope must be in force at every instant given. */
export function requireConsent(
  state: AdvocateState,
  kind: ActivityKind,
  scope: UsageScope,
  instants: readonly Instant[],
  except?: string,
): ConsentInForce {
  let verdict: ConsentVerdict = { inForce: false, gap: 'NO_CONSENT' };
  // One consent must cover every instant: the event names the single consent the use relies on.
  let candidates = Object.values(state.consents);
  const uses = pendingUses(state, except);
  for (const at of instants) {
    const query = { kind, scope, at, pendingUses: uses };
    verdict = consentInForce(candidates, query);
    candidates = candidates.filter((c) => checkConsent(c, query).inForce);
    if (!verdict.inForce) {
      throw new DomainError(
        DomainErrorCode.CONSENT_REQUIRED,
        `Advocate ${state.advocateId} cannot be used for ${kind} in ${scope.territory}/${scope.channel} at ${at}: ` +
          `${describeConsentGap(verdict.gap)}. Record or renew a consent that covers it first.`,
        {
          advocateId: state.advocateId,
          kind,
          territory: scope.territory,
          channel: scope.channel,
          at,
          gap: verdict.gap,
        },
      );
    }
  }
  return verdict as ConsentInForce;
}

/** What the content consent gate reads of an asset. */
export interface ContentConsentSubject {
  readonly contentId: string;
  readonly kind?: ContentKind;
  readonly holders: readonly { holder: 'ADVOCATE' | 'ACCOUNT'; holderId: string }[];
  readonly territory?: string;
  readonly channel?: Channel;
}

/** Invariant 1 for content: every holder's consent for the kind must be in force to publish. */
export function requireContentConsents(
  state: ContentConsentSubject,
  context: {
    readonly now: Instant;
    readonly consentsOf: (holder: 'ADVOCATE' | 'ACCOUNT', holderId: string) => readonly Consent[];
  },
): ReliedConsent[] {
  const kind = state.kind ?? 'CASE_STUDY';
  const scope = { territory: state.territory ?? '', channel: state.channel ?? 'WEB' };
  return state.holders.map(({ holder, holderId }) => {
    const verdict = consentInForce(context.consentsOf(holder, holderId), { kind, scope, at: context.now });
    if (!verdict.inForce) {
      throw new DomainError(
        DomainErrorCode.CONSENT_REQUIRED,
        `Content ${state.contentId} cannot be published: for ${holder.toLowerCase()} ${holderId}, ${describeConsentGap(verdict.gap)}. ` +
          'Record or renew the consent first.',
        { contentId: state.contentId, holder, holderId, kind, gap: verdict.gap },
      );
    }
    return {
      holder,
      holderId,
      consentId: verdict.consent.consentId,
      consentVersion: verdict.consent.version,
    };
  });
}
