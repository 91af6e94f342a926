import { describeSuppressionCause, type SuppressionCause } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';

type Data = Record<string, unknown>;

const list = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value));
const consent = (d: Data): string =>
  `consent ${String(d.consentId)} v${String(d.consentVersion ?? d.version)}`;
const forRequest = (d: Data): string =>
  d.requestId !== undefined ? ` for request ${String(d.requestId)}` : '';
const fit = (d: Data): string => (d.topicFit !== undefined ? `, topic fit ${String(d.topicFit)} of 5` : '');
const until = (d: Data): string => (d.validUntil !== undefined ? ` until ${String(d.validUntil)}` : '');

/**
 * What one event means, in one plain sentence an auditor can read: who did what to which
 * subject, under which consent and on whose approval. Built from ids, kinds, dates and
 * amounts only — never names, emails, titles, free-text reasons or comments, which may
 * hold personal data and must vanish with an erasure.
 */
export function describeEvent(event: RecordedEvent): string {
  const who = event.metadata.actor.userId;
  const d = event.data as Data;
  const advocate = `advocate ${String(d.advocateId)}`;
  switch (event.type) {
    // Program
    case 'FatiguePolicySet': {
      const p = d.policy as { maxPerWindow: number; windowDays: number; minRestDays: number };
      return `${who} set the fatigue policy: at most ${p.maxPerWindow} engagements per ${p.windowDays} days and ${p.minRestDays} rest days between engagements`;
    }
    case 'RequestSlaPolicySet': {
      const p = d.policy as { triageWithinHours: number; fulfilWithinDays: number };
      return `${who} set the request SLA: triage within ${p.triageWithinHours} hours, fulfil within ${p.fulfilWithinDays} days`;
    }
    case 'RewardPolicySet': {
      const p = d.policy as { currency: string; perRewardCap: number; yearlyCapPerAdvocate: number };
      return `${who} set the reward caps: ${p.perRewardCap} ${p.currency} per reward and ${p.yearlyCapPerAdvocate} ${p.currency} per advocate per year`;
    }
    case 'FreshnessPolicySet': {
      const p = d.policy as { verifyEveryDays: number; staleAfterDays: number };
      return `${who} set profile freshness: verify every ${p.verifyEveryDays} days, stale after ${p.staleAfterDays} days`;
    }
    case 'NominationPolicySet':
      return `${who} required an override for nominations from accounts with health below ${(d.policy as { minAccountHealth: number }).minAccountHealth}`;
    case 'RetentionPolicySet':
      return `${who} set the retention of retired advocates' personal data to ${(d.policy as { retainRetiredAdvocateDays: number }).retainRetiredAdvocateDays} days`;
    case 'CoverageTargetSet': {
      const t = d.target as { industry: string; region: string; product: string; advocatesNeeded: number };
      return `${who} set a coverage target of ${t.advocatesNeeded} advocates for ${t.industry} × ${t.region} × ${t.product}`;
    }
    case 'CoverageTargetRemoved':
      return `${who} removed the coverage target for ${String(d.industry)} × ${String(d.region)} × ${String(d.product)}`;
    case 'AccountWishlisted':
      return `${who} added ${String(d.accountName)} to the wishlist as wish ${String(d.wishId)}`;
    case 'WishlistEntryRemoved':
      return `${who} removed wish ${String(d.wishId)} from the wishlist`;
    // Account
    case 'AccountRegistered':
      return `${who} registered account ${String(d.accountId)} (${String(d.industry)}, ${String(d.region)}) owned by ${String(d.ownerId)}`;
    case 'AccountProfileUpdated':
      return `${who} updated the profile of account ${String(d.accountId)}`;
    case 'AccountOwnerReassigned':
      return `${who} reassigned account ${String(d.accountId)} from ${String(d.previousOwnerId)} to ${String(d.ownerId)}`;
    case 'AccountHealthRecorded':
      return `${who} recorded a health score of ${String(d.healthScore)} for account ${String(d.accountId)}`;
    case 'AccountConsentGranted':
      return `${who} recorded ${consent(d)} of account ${String(d.accountId)} for ${list(d.kinds)} in ${list(d.territories)} via ${list(d.channels)} from ${String(d.validFrom)}${until(d)}`;
    case 'AccountConsentRenewed':
      return `${who} renewed ${consent(d)} of account ${String(d.accountId)}${until(d)}`;
    case 'AccountConsentWithdrawn':
      return `${who} recorded the withdrawal of ${consent(d)} of account ${String(d.accountId)} for ${list(d.kinds)}`;
    case 'AccountArchived':
      return `${who} archived account ${String(d.accountId)}`;
    case 'AccountDelegated':
      return `${who} let ${String(d.delegateId)} act for account ${String(d.accountId)} (owned by ${String(d.ownerId)}) until ${String(d.until)}`;
    case 'AccountDelegationRevoked':
      return `${who} ended the delegation of account ${String(d.accountId)} to ${String(d.delegateId)}`;
    // Advocate
    case 'AdvocateEnrolled':
      return `${who} enrolled ${advocate} of account ${String(d.accountId)}${d.nominationId !== undefined ? ` from nomination ${String(d.nominationId)}` : ''}`;
    case 'AdvocateActivated':
      return `${who} activated ${advocate}`;
    case 'AdvocateContactUpdated':
      return `${who} updated the contact details of ${advocate}`;
    case 'AdvocateAttributesUpdated':
      return `${who} updated the attributes of ${advocate}`;
    case 'AdvocatePreferencesSet':
      return `${who} recorded the preferences of ${advocate}`;
    case 'AdvocateRested':
      return `${who} rested ${advocate} until ${String(d.until)}`;
    case 'AdvocateReactivated':
      return `${who} reactivated ${advocate}`;
    case 'AdvocateRetired':
      return `${who} retired ${advocate}`;
    case 'AdvocateMarkedDoNotContact':
      return `${who} marked ${advocate} do-not-contact`;
    case 'AdvocateLeftAccount':
      return `${who} recorded that ${advocate} left account ${String(d.accountId)}${d.suggestedAccountId !== undefined ? `; account ${String(d.suggestedAccountId)}, where they went, is suggested for a nomination` : ''}`;
    case 'ConsentGranted': {
      const c = d.collection as { method: string; collectedBy: string; noticeVersion: string };
      return `${who} recorded ${consent(d)} of ${advocate} for ${list(d.kinds)} in ${list(d.territories)} via ${list(d.channels)} from ${String(d.validFrom)}${until(d)}, collected by ${c.method} by ${c.collectedBy} under notice ${c.noticeVersion}`;
    }
    case 'ConsentRenewed':
      return `${who} renewed ${consent(d)} of ${advocate}${until(d)}`;
    case 'ConsentWithdrawn':
      return `${who} recorded the withdrawal of ${consent(d)} of ${advocate} for ${list(d.kinds)}`;
    case 'ConsentExpired':
      return `${who} recorded that ${consent(d)} of ${advocate} expired at ${String(d.expiredAt)}`;
    case 'EngagementReserved': {
      const clearance = d.ownerClearance as { kind: string; by: string };
      const override = d.fatigueOverride as { by: string } | undefined;
      return `${who} reserved ${advocate} for ${String(d.kind)}${forRequest(d)} under ${consent(d)} (${clearance.kind === 'OWNER' ? 'owner approval' : 'owner approval overridden'} by ${clearance.by})${override ? `, fatigue limits overridden by ${override.by}` : ''}`;
    }
    case 'EngagementAccepted':
      return `${who} recorded that ${advocate} accepted engagement ${String(d.engagementId)}${forRequest(d)}`;
    case 'UseApproved':
      return `${who} recorded that ${advocate} approved the use in engagement ${String(d.engagementId)}`;
    case 'EngagementScheduled':
      return `${who} scheduled engagement ${String(d.engagementId)} of ${advocate} for ${String(d.at)} under ${consent(d)}`;
    case 'EngagementCompleted':
      return `${who} recorded that ${advocate} completed ${String(d.kind)} engagement ${String(d.engagementId)}${forRequest(d)} at ${String(d.completedAt)} under ${consent(d)}`;
    case 'EngagementReleased':
      return `${who} released engagement ${String(d.engagementId)} of ${advocate} (${String(d.reason)})`;
    case 'EngagementFeedbackRecorded':
      return `${who} rated engagement ${String(d.engagementId)} of ${advocate} ${String(d.rating)} of 5${fit(d)}`;
    case 'AdvocateFeedbackRecorded':
      return `${who} recorded ${advocate}'s own rating of engagement ${String(d.engagementId)}: ${String(d.rating)} of 5${fit(d)}`;
    case 'SuppressionPolicySet':
      return `${who} set the automatic suppression rules`;
    case 'AccountRenewalSet':
      return `${who} set the renewal of account ${String(d.accountId)} to ${String(d.renewalAt)}`;
    case 'AccountEscalationOpened':
    case 'AccountEscalationClosed':
      return `${who} ${event.type === 'AccountEscalationOpened' ? 'opened' : 'closed'} escalation ${String(d.escalationId)} on account ${String(d.accountId)}`;
    case 'AccountSuppressed':
      return `account ${String(d.accountId)} was suppressed: ${describeSuppressionCause(d.cause as SuppressionCause)}`;
    case 'AccountSuppressionLifted':
      return `the ${String(d.rule).toLowerCase()} suppression of account ${String(d.accountId)} was lifted (${String(
        (d.liftedBecause as { kind: string }).kind,
      )
        .toLowerCase()
        .replace(/_/g, ' ')})`;
    case 'RewardGranted': {
      const value = d.value as { amount: number; currency: string };
      const approval = d.overCapApproval as { by: string } | undefined;
      return `${who} granted ${advocate} a ${String(d.kind)} reward worth ${value.amount} ${value.currency}${approval ? `, above the cap on approval by ${approval.by}` : ''}`;
    }
    case 'ProfileVerificationRequested':
      return `${who} asked ${String(d.askedOf)} to verify the profile of ${advocate} by ${String(d.dueBy)}`;
    case 'ProfileVerified':
      return `${String(d.verifiedBy)} verified the profile of ${advocate}`;
    case 'ProfileVerificationLapsed':
      return `${who} recorded that verification ${String(d.verificationId)} of ${advocate} went unanswered`;
    case 'LegalHoldPlaced':
      return `${who} placed legal hold ${String(d.holdId)} on ${advocate}`;
    case 'LegalHoldReleased':
      return `${who} released legal hold ${String(d.holdId)} on ${advocate}`;
    case 'ErasureDeferred':
      return `${who} deferred the erasure of ${advocate} requested by ${String(d.requestedBy)} under legal holds ${list(d.holdIds)}`;
    case 'AdvocateErased':
      return `${who} erased the personal data of ${advocate} as requested by ${String(d.requestedBy)}`;
    // Nomination
    case 'NominationSubmitted': {
      const override = d.healthOverride as { by: string } | undefined;
      return `${who} nominated candidate ${String(d.candidateId)} of account ${String(d.accountId)} as an advocate (${String(d.evidenceKind)})${override ? `, health threshold overridden by ${override.by}` : ''}`;
    }
    case 'NominationApproved':
      return `${who} approved nomination ${String(d.nominationId)} of candidate ${String(d.candidateId)}`;
    case 'NominationRejected':
      return `${who} rejected nomination ${String(d.nominationId)}`;
    case 'NominationWithdrawn':
      return `${who} withdrew nomination ${String(d.nominationId)}`;
    // Reference request
    case 'ReferenceRequestSubmitted': {
      const o = d.opportunity as { opportunityId: string; amount: { amount: number; currency: string } };
      return `${who} requested ${String(d.advocatesNeeded)} advocate(s) for ${String(d.kind)} for opportunity ${o.opportunityId} (${o.amount.amount} ${o.amount.currency}) by ${String(d.dueBy)} as request ${String(d.requestId)}`;
    }
    case 'RequestTriaged':
      return `${who} triaged request ${String(d.requestId)} as ${String(d.priority)}`;
    case 'CandidatesShortlisted': {
      const candidates = d.candidates as { advocateId: string; score: number }[];
      return `${who} shortlisted ${candidates.map((c) => `advocate ${c.advocateId} (score ${c.score})`).join(', ')} for request ${String(d.requestId)}`;
    }
    case 'OwnerApprovalRequested':
      return `${who} asked ${String(d.ownerId)} to approve asking ${advocate} for request ${String(d.requestId)}`;
    case 'AskApprovedByOwner':
      return `${String(d.ownerId)} approved asking ${advocate} for request ${String(d.requestId)}`;
    case 'AskDeclinedByOwner':
      return `${String(d.ownerId)} declined asking ${advocate} for request ${String(d.requestId)}`;
    case 'OwnerApprovalOverridden':
      return `${String(d.overriddenBy)} overrode the owner's approval to ask ${advocate} for request ${String(d.requestId)}`;
    case 'AdvocateAsked':
      return `${who} asked ${advocate} for request ${String(d.requestId)} (engagement ${String(d.engagementId)}, ${d.clearance === 'OWNER' ? 'owner approval' : 'owner approval overridden'})`;
    case 'AdvocateAcceptedRequest':
      return `${who} recorded that ${advocate} accepted request ${String(d.requestId)}`;
    case 'AdvocateDeclinedRequest':
      return `${who} recorded that ${advocate} declined request ${String(d.requestId)}`;
    case 'ActivityScheduled':
      return `${who} scheduled the activity of ${advocate} for request ${String(d.requestId)} at ${String(d.at)}`;
    case 'ActivityCompleted':
      return `${who} recorded that ${advocate} completed the activity for request ${String(d.requestId)} at ${String(d.completedAt)}`;
    case 'RequestFeedbackRecorded':
      return `${String(d.recordedBy)} rated ${advocate} ${String(d.rating)} of 5 for request ${String(d.requestId)}`;
    case 'OutcomeRecorded': {
      const amount = d.amount as { amount: number; currency: string } | undefined;
      return `${who} recorded the outcome of request ${String(d.requestId)}: ${String(d.result)}${amount ? ` (${amount.amount} ${amount.currency})` : ''}`;
    }
    case 'CandidateReleased':
      return `${who} released ${advocate} from request ${String(d.requestId)} (${String(d.reason)})`;
    case 'RequestCancelled':
      return `${who} cancelled request ${String(d.requestId)}`;
    case 'RequestLapsed':
      return `${who} recorded that request ${String(d.requestId)} lapsed unfulfilled at ${String(d.dueBy)}`;
    // Content asset
    case 'ContentDrafted': {
      const holders = d.holders as { holder: string; holderId: string }[];
      return `${who} drafted ${String(d.kind)} ${String(d.contentId)} of account ${String(d.accountId)} for ${String(d.territory)} via ${String(d.channel)}, needing the consent of ${holders.map((h) => `${h.holder.toLowerCase()} ${h.holderId}`).join(', ')}`;
    }
    case 'ContentApproved':
      return `${who} recorded the customer's sign-off of content ${String(d.contentId)}`;
    case 'ContentPublished':
    case 'ContentReinstated': {
      const relied = d.reliesOn as { consentId: string; consentVersion: number }[];
      const verb = event.type === 'ContentPublished' ? 'published' : 'reinstated';
      return `${who} ${verb} content ${String(d.contentId)} under ${relied.map((r) => `consent ${r.consentId} v${r.consentVersion}`).join(', ')}`;
    }
    case 'ContentSuspended':
      return `${who} suspended content ${String(d.contentId)} (${String(d.reason)}${d.consentId !== undefined ? `, consent ${String(d.consentId)}` : ''})`;
    case 'ContentRetired':
      return `${who} retired content ${String(d.contentId)}`;
    default:
      return `${who} recorded ${event.type} on ${event.streamId}`;
  }
}
