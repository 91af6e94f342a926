import { DECIDERS as DOMAIN_DECIDERS, type AggregateName, type AnyDecider } from '@vouch/domain';

export type { AnyDecider } from '@vouch/domain';

/** The decider of each aggregate (the domain's one registry), as the command handler drives it. */
export const DECIDERS: Readonly<Record<AggregateName, AnyDecider>> = DOMAIN_DECIDERS;
