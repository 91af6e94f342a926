import type { AggregateName } from '@vouch/domain';

const PREFIX: Record<AggregateName, string> = {
  Account: 'account',
  Advocate: 'advocate',
  Nomination: 'nomination',
  ReferenceRequest: 'request',
  ContentAsset: 'content',
  Program: 'program',
};

/** The program is one stream per tenant; every other aggregate has a stream per id. */
export const PROGRAM_ID = 'program';

/** The stream that holds one aggregate's events. */
export function streamIdOf(aggregate: AggregateName, aggregateId: string): string {
  return aggregate === 'Program' ? PROGRAM_ID : `${PREFIX[aggregate]}-${aggregateId}`;
}
