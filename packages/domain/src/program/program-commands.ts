import type { SetSchedulingPolicy } from './scheduling-policy';
import type { Command } from '../shared/domain-event';
import type { SetSuppressionPolicy } from './program-suppression-rules';
import type {
  CoverageTarget,
  FatiguePolicy,
  FreshnessPolicy,
  NominationPolicy,
  RequestSlaPolicy,
  RetentionPolicy,
  RewardPolicy,
} from './program-policies';
import type { SetRequestModePolicy } from './request-mode-rules';

export type { SetRequestModePolicy } from './request-mode-rules';

export type SetFatiguePolicy = Command<'SetFatiguePolicy', FatiguePolicy>;
export type SetRequestSlaPolicy = Command<'SetRequestSlaPolicy', RequestSlaPolicy>;
export type SetRewardPolicy = Command<'SetRewardPolicy', RewardPolicy>;
export type SetFreshnessPolicy = Command<'SetFreshnessPolicy', FreshnessPolicy>;
export type SetNominationPolicy = Command<'SetNominationPolicy', NominationPolicy>;
export type SetRetentionPolicy = Command<'SetRetentionPolicy', RetentionPolicy>;
export type SetCoverageTarget = Command<'SetCoverageTarget', CoverageTarget>;
export type RemoveCoverageTarget = Command<
  'RemoveCoverageTarget',
  { industry: string; region: string; product: string }
>;
export type AddToWishlist = Command<
  'AddToWishlist',
  {
    wishId: string;
    accountName: string;
    accountId?: string;
    industry: string;
    segment: string;
    region: string;
    products: string[];
    reason: string;
  }
>;
export type RemoveFromWishlist = Command<'RemoveFromWishlist', { wishId: string; reason: string }>;

export type ProgramCommand =
  | SetFatiguePolicy
  | SetRequestSlaPolicy
  | SetRewardPolicy
  | SetFreshnessPolicy
  | SetNominationPolicy
  | SetRetentionPolicy
  | SetCoverageTarget
  | RemoveCoverageTarget
  | AddToWishlist
  | RemoveFromWishlist
  | SetRequestModePolicy
  | SetSuppressionPolicy
  | SetSchedulingPolicy;
