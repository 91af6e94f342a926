import {
  ACTIVITY_KINDS,
  CHANNELS,
  CONSENT_COLLECTION_METHODS,
  CONTENT_KINDS,
  CONTENT_SUSPENSION_REASONS,
  DEPARTMENTS,
  ENGAGEMENT_RELEASE_REASONS,
  OPPORTUNITY_STAGES,
  OUTCOME_RESULTS,
  REQUEST_PRIORITIES,
  REWARD_KINDS,
  ROLES,
  SATISFACTION_EVIDENCE_KINDS,
  SEGMENTS,
  SENIORITIES,
} from '@vouch/domain';
import { registerEnumType } from 'type-graphql';
import { enumOf } from './enum-of';

// The domain's value lists as GraphQL enums: one source of truth, so a value added in the
// domain appears in the schema (and the checked-in SDL test notices).

export const ActivityKind = enumOf(ACTIVITY_KINDS);
registerEnumType(ActivityKind, { name: 'ActivityKind', description: 'What an advocate can be asked to do.' });

export const Channel = enumOf(CHANNELS);
registerEnumType(Channel, {
  name: 'Channel',
  description: 'Where a use is made; a consent lists the channels it permits.',
});

export const ConsentCollectionMethod = enumOf(CONSENT_COLLECTION_METHODS);
registerEnumType(ConsentCollectionMethod, {
  name: 'ConsentCollectionMethod',
  description: 'How a consent was collected (ISO/IEC TS 27560 "collection method").',
});

export const ContentKind = enumOf(CONTENT_KINDS);
registerEnumType(ContentKind, { name: 'ContentKind', description: 'The kind of a content asset.' });

export const ContentSuspensionReason = enumOf(CONTENT_SUSPENSION_REASONS);
registerEnumType(ContentSuspensionReason, {
  name: 'ContentSuspensionReason',
  description: 'Why a content asset is taken out of use.',
});

export const Department = enumOf(DEPARTMENTS);
registerEnumType(Department, {
  name: 'Department',
  description: 'Which part of the business asks for a reference.',
});

export const EngagementReleaseReason = enumOf(ENGAGEMENT_RELEASE_REASONS);
registerEnumType(EngagementReleaseReason, {
  name: 'EngagementReleaseReason',
  description: 'Why a reserved advocate is released from an engagement.',
});

export const OpportunityStage = enumOf(OPPORTUNITY_STAGES);
registerEnumType(OpportunityStage, {
  name: 'OpportunityStage',
  description: 'The sales stage of the opportunity a reference is for.',
});

export const OutcomeResult = enumOf(OUTCOME_RESULTS);
registerEnumType(OutcomeResult, { name: 'OutcomeResult', description: 'How the deal ended.' });

export const RequestPriority = enumOf(REQUEST_PRIORITIES);
registerEnumType(RequestPriority, {
  name: 'RequestPriority',
  description: 'How urgent the program considers a request.',
});

export const RewardKind = enumOf(REWARD_KINDS);
registerEnumType(RewardKind, {
  name: 'RewardKind',
  description: 'What the program gives back to an advocate; capped and disclosed.',
});

export const Role = enumOf(ROLES);
registerEnumType(Role, {
  name: 'Role',
  description: 'A role a user holds in a tenant; a user may hold several.',
});

export const SatisfactionEvidenceKind = enumOf(SATISFACTION_EVIDENCE_KINDS);
registerEnumType(SatisfactionEvidenceKind, {
  name: 'SatisfactionEvidenceKind',
  description: 'The evidence that a nominated customer is happy.',
});

export const Segment = enumOf(SEGMENTS);
registerEnumType(Segment, { name: 'Segment', description: 'The customer segment of an account.' });

export const Seniority = enumOf(SENIORITIES);
registerEnumType(Seniority, {
  name: 'Seniority',
  description: "An advocate's title level: what requesters see before the advocate has accepted.",
});

const OWNER_CLEARANCE_KINDS = ['OWNER', 'OVERRIDE'] as const;
export const OwnerClearanceKind = enumOf(OWNER_CLEARANCE_KINDS);
registerEnumType(OwnerClearanceKind, {
  name: 'OwnerClearanceKind',
  description:
    'OWNER: the account owner approved the ask; OVERRIDE: a program manager overrode, with a reason.',
});

const CONSENT_HOLDER_KINDS = ['ADVOCATE', 'ACCOUNT'] as const;
export const ConsentHolderKind = enumOf(CONSENT_HOLDER_KINDS);
registerEnumType(ConsentHolderKind, {
  name: 'ConsentHolderKind',
  description: "Whose consent a content asset relies on: an advocate's, or the company's own (logo).",
});
