import type { AdvocateAttributes } from '../advocate/advocate-profile';
import type { DomainEvent } from '../shared/domain-event';
import type { Instant } from '../shared/time';

/** What shows the customer is happy enough to speak for us. */
export const SATISFACTION_EVIDENCE_KINDS = [
  'NPS_PROMOTER',
  'HIGH_CSAT',
  'SUCCESS_STORY',
  'RENEWAL',
  'EXPANSION',
  'UNSOLICITED_PRAISE',
  'OTHER',
] as const;
export type SatisfactionEvidenceKind = (typeof SATISFACTION_EVIDENCE_KINDS)[number];

export type NominationSubmitted = DomainEvent<
  'NominationSubmitted',
  {
    nominationId: string;
    accountId: string;
    candidateId: string;
    candidate: { name: string; email: string; phone?: string; title: string };
    /** What the candidate can speak to, as the nominator knows it; enrolment starts from it. */
    attributes: AdvocateAttributes;
    evidenceKind: SatisfactionEvidenceKind;
    evidence: string;
    nominatedBy: string;
    /** The account's health score when nominated (absent if never measured). */
    accountHealth?: number;
    /** Present when the account was below the threshold and a program manager overrode. */
    healthOverride?: { by: string; reason: string; threshold: number };
    submittedAt: Instant;
  }
>;
export type NominationApproved = DomainEvent<
  'NominationApproved',
  {
    nominationId: string;
    accountId: string;
    candidateId: string;
    approvedBy: string;
    note?: string;
    approvedAt: Instant;
  }
>;
export type NominationRejected = DomainEvent<
  'NominationRejected',
  { nominationId: string; rejectedBy: string; reason: string; rejectedAt: Instant }
>;
export type NominationWithdrawn = DomainEvent<
  'NominationWithdrawn',
  { nominationId: string; withdrawnBy: string; reason: string; withdrawnAt: Instant }
>;

export type NominationEvent =
  NominationSubmitted | NominationApproved | NominationRejected | NominationWithdrawn;
