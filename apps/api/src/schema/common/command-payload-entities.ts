import { actorOf, isAllowed, streamIdOf, type Operation, type Principal } from '@vouch/application';
import type { AggregateName } from '@vouch/domain';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { Advocate } from '../advocate/advocate-types';
import { ContentAsset } from '../content/content-query';
import { Nomination } from '../nomination/nomination-query';
import { Account, accountOf } from '../program/account-types';
import { ReferenceRequest, referenceRequestOf } from '../request/request-types';
import { CommandPayload } from './command-payload';
import type { AdvocateResult, ContentResult, NominationResult } from './facade-types';

/**
 * The changed aggregate's id when the payload's stream is one of that aggregate's and the
 * caller may run the query that reads it. A role that may change but not read something
 * (an admin erasing an advocate) gets null there, not a FORBIDDEN error on a mutation
 * that succeeded.
 */
const idOf = (
  payload: CommandPayload,
  aggregate: AggregateName,
  principal: Principal,
  query: Operation,
): string | undefined =>
  payload.streamId === streamIdOf(aggregate, payload.aggregateId) && isAllowed(actorOf(principal), query)
    ? payload.aggregateId
    : undefined;

const SEE_QUERY =
  'through the query of the same name (same permissions, anonymisation and read-your-writes); null for other aggregates, and for a role that may not run that query (the mutation still succeeded: its other fields say what it did)';

/**
 * The changed entity of a mutation, read through the facade's queries: they wait until the
 * read models reflect this process's write, so a client needs no second round trip.
 */
@Resolver(() => CommandPayload)
export class CommandPayloadEntities {
  @FieldResolver(() => ReferenceRequest, {
    nullable: true,
    description: `The reference request the mutation changed, ${SEE_QUERY}.`,
  })
  async request(
    @Root() payload: CommandPayload,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ReferenceRequest | undefined> {
    const id = idOf(payload, 'ReferenceRequest', principal, 'request');
    const summary = id === undefined ? undefined : await vouch.queries.request(principal, id);
    return summary && referenceRequestOf(summary);
  }

  @FieldResolver(() => Advocate, {
    nullable: true,
    description: `The advocate the mutation changed, ${SEE_QUERY}.`,
  })
  async advocate(
    @Root() payload: CommandPayload,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<AdvocateResult | undefined> {
    const id = idOf(payload, 'Advocate', principal, 'advocate');
    return id === undefined ? undefined : vouch.queries.advocate(principal, id);
  }

  @FieldResolver(() => Account, {
    nullable: true,
    description: `The account the mutation changed, ${SEE_QUERY}.`,
  })
  async account(
    @Root() payload: CommandPayload,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<Account | undefined> {
    const id = idOf(payload, 'Account', principal, 'account');
    const account = id === undefined ? undefined : await vouch.queries.account(principal, id);
    return account && accountOf(account);
  }

  @FieldResolver(() => Nomination, {
    nullable: true,
    description: `The nomination the mutation changed, ${SEE_QUERY}.`,
  })
  async nomination(
    @Root() payload: CommandPayload,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<NominationResult | undefined> {
    const id = idOf(payload, 'Nomination', principal, 'nomination');
    return id === undefined ? undefined : vouch.queries.nomination(principal, id);
  }

  @FieldResolver(() => ContentAsset, {
    nullable: true,
    description: `The content asset the mutation changed, ${SEE_QUERY}.`,
  })
  async content(
    @Root() payload: CommandPayload,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ContentResult | undefined> {
    const id = idOf(payload, 'ContentAsset', principal, 'content');
    return id === undefined ? undefined : vouch.queries.content(principal, id);
  }
}
