import type { Money } from '../shared/money';
import type { Instant } from '../shared/time';

/** What the program gives back: recognition and access first, gifts capped and disclosed. */
export const REWARD_KINDS = [
  'SPEAKING_SLOT',
  'ADVISORY_SEAT',
  'EARLY_ACCESS',
  'TRAINING',
  'EVENT_PASS',
  'GIFT',
  'CHARITY_DONATION',
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export interface Reward {
  readonly rewardId: string;
  readonly kind: RewardKind;
  readonly value: Money;
  readonly grantedAt: Instant;
}
