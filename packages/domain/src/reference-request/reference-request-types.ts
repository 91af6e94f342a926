import type { Seniority } from '../advocate/seniority';
import type { Channel } from '../consent/consent';
import type { Money } from '../shared/money';

/** Which part of the business asks: references serve more than sales. */
export const DEPARTMENTS = [
  'SALES',
  'MARKETING',
  'PR',
  'PRODUCT',
  'CUSTOMER_SUCCESS',
  'SUPPORT',
  'ANALYST_RELATIONS',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const OPPORTUNITY_STAGES = [
  'PROSPECTING',
  'DISCOVERY',
  'EVALUATION',
  'PROPOSAL',
  'NEGOTIATION',
  'CLOSING',
] as const;
export type OpportunityStage = (typeof OPPORTUNITY_STAGES)[number];

export const REQUEST_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type RequestPriority = (typeof REQUEST_PRIORITIES)[number];

export const OUTCOME_RESULTS = ['WON', 'LOST', 'NO_DECISION'] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

/** The deal (or campaign) a reference is for. */
export interface Opportunity {
  readonly opportunityId: string;
  readonly stage: OpportunityStage;
  readonly amount: Money;
  readonly industry: string;
  readonly region: string;
  readonly products: readonly string[];
  readonly competitor?: string;
}

/** What the requester looks for in an advocate; empty lists mean "any". */
export interface RequestCriteria {
  readonly industries: readonly string[];
  readonly regions: readonly string[];
  readonly products: readonly string[];
  readonly useCases: readonly string[];
  readonly languages: readonly string[];
  readonly minSeniority?: Seniority;
  /** Where and how the reference will be used: the consent must cover it. */
  readonly territory: string;
  readonly channel: Channel;
}

/** One criterion's share of a match score, in words an account owner can check. */
export interface ScoreComponent {
  readonly criterion: string;
  readonly weight: number;
  /** 0..1 */
  readonly score: number;
  readonly explanation: string;
}
