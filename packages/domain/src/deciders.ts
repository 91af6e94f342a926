import { accountDecider } from './account/account-decider';
import { advocateDecider } from './advocate/advocate-decider';
import { contentAssetDecider } from './content-asset/content-asset-decider';
import { nominationDecider } from './nomination/nomination-decider';
import { programDecider } from './program/program-decider';
import { referenceRequestDecider } from './reference-request/reference-request-decider';
import type { Decider } from './shared/decider';
import type { DecisionContext } from './shared/decision-context';
import type { Command, DomainEvent } from './shared/domain-event';
import type { AggregateName } from './shared/event-definition';

/** A decider of any aggregate, as a generic command handler or fold drives it. */
export type AnyDecider = Decider<Command, unknown, DomainEvent, DecisionContext>;

/** The decider of each aggregate; the compiler checks every aggregate has one. */
export const DECIDERS = {
  Account: accountDecider,
  Advocate: advocateDecider,
  Nomination: nominationDecider,
  ReferenceRequest: referenceRequestDecider,
  ContentAsset: contentAssetDecider,
  Program: programDecider,
} as const satisfies Readonly<Record<AggregateName, AnyDecider>>;

/** The decider of an aggregate named at run time, for generic code. */
export function deciderOf(aggregate: AggregateName): AnyDecider {
  return DECIDERS[aggregate];
}
