import type { PayloadEnum } from '@vouch/domain';
import {
  ActivityKind,
  Channel,
  ConsentCollectionMethod,
  ConsentHolderKind,
  ContentKind,
  ContentSuspensionReason,
  Department,
  EngagementReleaseReason,
  OpportunityStage,
  OutcomeResult,
  OwnerClearanceKind,
  RequestPriority,
  RewardKind,
  SatisfactionEvidenceKind,
  Segment,
  Seniority,
} from '../enums/domain-enums';

/** The GraphQL enum of each value list a command payload names. */
export const PAYLOAD_ENUMS: Readonly<Record<PayloadEnum, object>> = {
  ActivityKind,
  Channel,
  ConsentCollectionMethod,
  ConsentHolderKind,
  ContentKind,
  ContentSuspensionReason,
  Department,
  EngagementReleaseReason,
  OpportunityStage,
  OutcomeResult,
  OwnerClearanceKind,
  RequestPriority,
  RewardKind,
  SatisfactionEvidenceKind,
  Segment,
  Seniority,
};
