import type { RequestStatus as RequestStatusValue } from '@vouch/domain';
import { Arg, Args, Ctx, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { Advocate } from '../advocate/advocate-types';
import { PageArgs, pageRequest, type ConnectionShape } from '../common/connection';
import { plainData } from '../common/execute-command';
import type { AdvocateResult, RequestFilterQuery } from '../common/facade-types';
import { DateTimeField, EnumListField, IdField } from '../common/fields';
import { RequestStatus } from '../enums/read-model-enums';
import {
  ReferenceRequest,
  ReferenceRequestConnection,
  RequestCandidate,
  referenceRequestOf,
} from './request-types';

@InputType({ description: 'Which requests to list; every filter given must hold.' })
export class RequestFilterInput {
  @IdField('Only requests of this requester (requesters always see only their own).', { nullable: true })
  requestedBy?: string;

  @EnumListField(RequestStatus, 'Only requests in one of these statuses.', { nullable: true })
  statuses?: RequestStatusValue[];

  @DateTimeField('Only requests due at or before then.', { nullable: true })
  dueBefore?: string;

  @DateTimeField('Only requests due at or after then.', { nullable: true })
  dueAfter?: string;
}

/** Reference requests: one, or a page of them. */
@Resolver()
export class RequestQueries {
  @Query(() => ReferenceRequest, {
    nullable: true,
    description: 'One reference request with its SLA now; null when there is none or it is not yours to see.',
  })
  async request(
    @Arg('requestId', () => ID, { description: 'The request.' }) requestId: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ReferenceRequest | undefined> {
    const summary = await vouch.queries.request(principal, requestId);
    return summary && referenceRequestOf(summary);
  }

  @Query(() => ReferenceRequestConnection, {
    description:
      'Reference requests by requester, status and due date, ordered by due date; a requester sees their own, an account owner their own and those whose asks wait for their approval.',
  })
  async requests(
    @Arg('filter', () => RequestFilterInput, { nullable: true, description: 'Which requests; default all.' })
    filter: RequestFilterInput | undefined,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<ConnectionShape<ReferenceRequest>> {
    const query = plainData(filter ?? {}) as RequestFilterQuery;
    const found = await vouch.queries.requests(principal, query, pageRequest(page));
    return { ...found, edges: found.edges.map((edge) => ({ ...edge, node: referenceRequestOf(edge.node) })) };
  }
}

/** A candidate's advocate, through the same query (and so the same anonymisation) as `advocate`. */
@Resolver(() => RequestCandidate)
export class RequestCandidateFields {
  @FieldResolver(() => Advocate, {
    nullable: true,
    description:
      'The advocate, in the view the caller may see (FORBIDDEN for roles that may not read advocates).',
  })
  advocate(
    @Root() candidate: RequestCandidate,
    @Ctx() context: ApiContext,
  ): Promise<AdvocateResult | undefined> {
    return context.vouch.queries.advocate(context.principal, candidate.advocateId);
  }
}
