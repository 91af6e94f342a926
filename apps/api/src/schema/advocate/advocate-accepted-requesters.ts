import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import { Advocate, UserIdConnection } from './advocate-types';

/** The requesters an advocate accepted, as a Relay connection of user ids. */
@Resolver(() => Advocate)
export class AdvocateAcceptedRequesters {
  @FieldResolver(() => UserIdConnection, {
    nullable: true,
    description:
      'Requesters whose request the advocate accepted: they see this advocate in full (FULL view only; null otherwise), a page at a time.',
  })
  acceptedRequesters(
    @Root() advocate: Advocate,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<string> | undefined {
    return advocate.acceptedRequesters && pageOfList(advocate.acceptedRequesters, (userId) => userId, page);
  }
}
