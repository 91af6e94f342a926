import { ACTIVITY_KINDS, CONTENT_SUSPENSION_REASONS, OUTCOME_RESULTS } from '@vouch/domain';
import type { PublicField } from './public-field';

/**
 * One published event type: which internal event it is made from, which field of that event
 * names the subject, and the only fields copied into `data` (ids, kinds, times, counts).
 */
export interface PublicEventType {
  /** Reverse-DNS, versioned: a breaking change is a new type (`.v2`) published beside the old one. */
  readonly type: string;
  readonly internalType: string;
  readonly description: string;
  /** The field of the internal event holding the aggregate id (`subject`). */
  readonly subjectField: string;
  readonly fields: Readonly<Record<string, PublicField>>;
}

const id = { shape: 'id' } as const;
const optionalId = { shape: 'id', optional: true } as const;
const instant = { shape: 'instant' } as const;
const version = { shape: 'integer' } as const;
const kinds = { shape: 'kinds', values: ACTIVITY_KINDS } as const;
const kind = { shape: 'kind', values: ACTIVITY_KINDS } as const;

/**
 * The published contract: every internal event worth publishing, once. An internal event
 * not listed here is never published, whatever a subscription asks for.
 */
export const PUBLIC_EVENT_CONTRACT: readonly PublicEventType[] = [
  {
    type: 'dev.vouch.advocate.activated.v1',
    internalType: 'AdvocateActivated',
    description: 'An advocate became ACTIVE and may be asked.',
    subjectField: 'advocateId',
    fields: { advocateId: id, activatedAt: instant },
  },
  {
    type: 'dev.vouch.advocate.retired.v1',
    internalType: 'AdvocateRetired',
    description: 'An advocate left the program (the reason is not published).',
    subjectField: 'advocateId',
    fields: { advocateId: id, retiredAt: instant },
  },
  {
    type: 'dev.vouch.advocate.erased.v1',
    internalType: 'AdvocateErased',
    description: "An advocate's personal data was erased: drop what you hold about them.",
    subjectField: 'advocateId',
    fields: { advocateId: id, erasedAt: instant },
  },
  {
    type: 'dev.vouch.consent.granted.v1',
    internalType: 'ConsentGranted',
    description: 'An advocate granted a consent for some activity kinds.',
    subjectField: 'advocateId',
    fields: {
      advocateId: id,
      consentId: id,
      version,
      kinds,
      validFrom: instant,
      validUntil: { shape: 'instant', optional: true },
      perUseApprovalRequired: { shape: 'boolean' },
      grantedAt: instant,
    },
  },
  {
    type: 'dev.vouch.consent.withdrawn.v1',
    internalType: 'ConsentWithdrawn',
    description: 'An advocate withdrew a consent for some kinds; it takes effect at once.',
    subjectField: 'advocateId',
    fields: { advocateId: id, consentId: id, version, kinds, withdrawnAt: instant },
  },
  {
    type: 'dev.vouch.consent.expired.v1',
    internalType: 'ConsentExpired',
    description: "A consent's validity ended.",
    subjectField: 'advocateId',
    fields: { advocateId: id, consentId: id, version, expiredAt: instant },
  },
  {
    type: 'dev.vouch.nomination.approved.v1',
    internalType: 'NominationApproved',
    description: 'A nomination was approved; the candidate is enrolled as an advocate.',
    subjectField: 'nominationId',
    fields: { nominationId: id, accountId: id, candidateId: id, approvedAt: instant },
  },
  {
    type: 'dev.vouch.request.submitted.v1',
    internalType: 'ReferenceRequestSubmitted',
    description: 'Someone asked for advocates for an activity by a date.',
    subjectField: 'requestId',
    fields: {
      requestId: id,
      kind,
      advocatesNeeded: { shape: 'integer' },
      dueBy: instant,
      submittedAt: instant,
    },
  },
  {
    type: 'dev.vouch.request.accepted.v1',
    internalType: 'AdvocateAcceptedRequest',
    description: 'An advocate accepted a request.',
    subjectField: 'requestId',
    fields: { requestId: id, advocateId: id, engagementId: id, acceptedAt: instant },
  },
  {
    type: 'dev.vouch.request.activity_completed.v1',
    internalType: 'ActivityCompleted',
    description: 'The activity of a request took place.',
    subjectField: 'requestId',
    fields: { requestId: id, advocateId: id, engagementId: id, completedAt: instant },
  },
  {
    type: 'dev.vouch.request.outcome_recorded.v1',
    internalType: 'OutcomeRecorded',
    description: 'The opportunity of a request was won, lost or ended without decision.',
    subjectField: 'requestId',
    fields: { requestId: id, result: { shape: 'kind', values: OUTCOME_RESULTS }, recordedAt: instant },
  },
  {
    type: 'dev.vouch.request.cancelled.v1',
    internalType: 'RequestCancelled',
    description: 'A request was cancelled (the reason is not published).',
    subjectField: 'requestId',
    fields: { requestId: id, cancelledAt: instant },
  },
  {
    type: 'dev.vouch.request.lapsed.v1',
    internalType: 'RequestLapsed',
    description: 'A request passed its due date unfulfilled.',
    subjectField: 'requestId',
    fields: { requestId: id, dueBy: instant, lapsedAt: instant },
  },
  {
    type: 'dev.vouch.content.published.v1',
    internalType: 'ContentPublished',
    description: 'A content asset was published.',
    subjectField: 'contentId',
    fields: { contentId: id, publishedAt: instant },
  },
  {
    type: 'dev.vouch.content.suspended.v1',
    internalType: 'ContentSuspended',
    description: 'A content asset was taken down (e.g. its consent was withdrawn or expired).',
    subjectField: 'contentId',
    fields: {
      contentId: id,
      reason: { shape: 'kind', values: CONTENT_SUSPENSION_REASONS },
      consentId: optionalId,
      suspendedAt: instant,
    },
  },
];

const byType = new Map(PUBLIC_EVENT_CONTRACT.map((entry) => [entry.type, entry]));
const byInternalType = new Map(PUBLIC_EVENT_CONTRACT.map((entry) => [entry.internalType, entry]));

/** The published type of that name, if the contract has it. */
export function publicEventType(type: string): PublicEventType | undefined {
  return byType.get(type);
}

/** The published type an internal event is made into, if it is published at all. */
export function publicTypeOf(internalType: string): PublicEventType | undefined {
  return byInternalType.get(internalType);
}
