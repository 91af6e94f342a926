import type { SuppressionPolicySet } from './program-suppression-rules';
import type { SchedulingPolicySet } from './scheduling-policy';
import type { DomainEvent } from '../shared/domain-event';
import type { Instant } from '../shared/time';
import type {
  CoverageTarget,
  FatiguePolicy,
  FreshnessPolicy,
  NominationPolicy,
  RequestSlaPolicy,
  RetentionPolicy,
  RewardPolicy,
} from './program-policies';
import type { RequestModePolicy } from './request-modes';

export interface WishlistEntry {
  readonly wishId: string;
  readonly accountName: string;
  /** Set when the wished-for company is already a customer in Vouch. */
  readonly accountId?: string;
  readonly industry: string;
  readonly segment: string;
  readonly region: string;
  readonly products: readonly string[];
  readonly reason: string;
  readonly wishedBy: string;
  readonly wishedAt: Instant;
}

export type FatiguePolicySet = DomainEvent<'FatiguePolicySet', { policy: FatiguePolicy; setBy: string }>;
export type RequestSlaPolicySet = DomainEvent<
  'RequestSlaPolicySet',
  { policy: RequestSlaPolicy; setBy: string }
>;
export type RewardPolicySet = DomainEvent<'RewardPolicySet', { policy: RewardPolicy; setBy: string }>;
export type FreshnessPolicySet = DomainEvent<
  'FreshnessPolicySet',
  { policy: FreshnessPolicy; setBy: string }
>;
export type NominationPolicySet = DomainEvent<
  'NominationPolicySet',
  { policy: NominationPolicy; setBy: string }
>;
export type RetentionPolicySet = DomainEvent<
  'RetentionPolicySet',
  { policy: RetentionPolicy; setBy: string }
>;
export type CoverageTargetSet = DomainEvent<'CoverageTargetSet', { target: CoverageTarget; setBy: string }>;
export type CoverageTargetRemoved = DomainEvent<
  'CoverageTargetRemoved',
  { industry: string; region: string; product: string; removedBy: string }
>;
export type AccountWishlisted = DomainEvent<'AccountWishlisted', WishlistEntry>;
export type WishlistEntryRemoved = DomainEvent<
  'WishlistEntryRemoved',
  { wishId: string; removedBy: string; reason: string }
>;

/** The program set how requests of each kind are fulfilled. */
export type RequestModePolicySet = DomainEvent<
  'RequestModePolicySet',
  { policy: RequestModePolicy; setBy: string }
>;

export type ProgramEvent =
  | FatiguePolicySet
  | RequestSlaPolicySet
  | RewardPolicySet
  | FreshnessPolicySet
  | NominationPolicySet
  | RetentionPolicySet
  | CoverageTargetSet
  | CoverageTargetRemoved
  | AccountWishlisted
  | WishlistEntryRemoved
  | RequestModePolicySet
  | SuppressionPolicySet
  | SchedulingPolicySet;
