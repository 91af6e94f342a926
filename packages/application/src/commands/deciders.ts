import {
  accountDecider,
  advocateDecider,
  contentAssetDecider,
  nominationDecider,
  programDecider,
  referenceRequestDecider,
  type AggregateName,
  type Command,
  type Decider,
  type DecisionContext,
  type DomainEvent,
} from '@vouch/domain';

/** A decider of any aggregate, as the command handler drives it. */
export type AnyDecider = Decider<Command, unknown, DomainEvent, DecisionContext>;

/** The decider of each aggregate. */
export const DECIDERS: Readonly<Record<AggregateName, AnyDecider>> = {
  Account: accountDecider as unknown as AnyDecider,
  Advocate: advocateDecider as unknown as AnyDecider,
  Nomination: nominationDecider as unknown as AnyDecider,
  ReferenceRequest: referenceRequestDecider as unknown as AnyDecider,
  ContentAsset: contentAssetDecider as unknown as AnyDecider,
  Program: programDecider as unknown as AnyDecider,
};
