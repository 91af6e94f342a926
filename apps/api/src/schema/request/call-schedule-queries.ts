import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { CallInvitation } from './call-schedule-types';

/** The invitation to a picked call. */
@Resolver()
export class CallInvitationQuery {
  @Query(() => CallInvitation, {
    nullable: true,
    description:
      "The iCalendar invitation to a candidate's picked call; null while no time is picked. NOT_FOUND for a request you may not see.",
  })
  callInvitation(
    @Arg('requestId', () => ID, { description: 'The request.' }) requestId: string,
    @Arg('advocateId', () => ID, { description: 'The candidate advocate.' }) advocateId: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<CallInvitation | undefined> {
    return vouch.queries.callInvitation(principal, requestId, advocateId);
  }
}
