import type { ActivityKind as ActivityKindValue } from '@vouch/domain';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { PageArgs, pageRequest } from '../common/connection';
import type { AdvocatePage } from '../common/facade-types';
import { ActivityKind } from '../enums/domain-enums';
import { AdvocateConnection } from './advocate-types';

/** The self-serve pool (issue 16): whom a rep may take without a per-ask approval. */
@Resolver()
export class SelfServePoolQuery {
  @Query(() => AdvocateConnection, {
    description:
      'The advocates their account owners pre-approved for self-serve for a kind now, ordered by id, a page at a time; each in the view the caller may see (requesters: anonymised). Consent and fatigue still hold when one is taken.',
  })
  selfServePool(
    @Arg('kind', () => ActivityKind, { description: 'The activity kind.' }) kind: ActivityKindValue,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<AdvocatePage> {
    return vouch.queries.selfServePool(principal, kind, pageRequest(page));
  }
}
