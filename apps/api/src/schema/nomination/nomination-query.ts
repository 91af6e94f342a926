import type { NominationStatus as NominationStatusValue } from '@vouch/domain';
import { Arg, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import type { NominationResult } from '../common/facade-types';
import { NominationStatus } from '../enums/read-model-enums';
import { Node } from '../node/node-interface';

@ObjectType({
  implements: Node,
  description: 'A proposal that a customer contact become an advocate, and what became of it.',
})
export class Nomination {
  @Field(() => ID, { description: 'The nomination.' })
  nominationId!: string;

  @Field(() => NominationStatus, { description: 'Submitted, approved, rejected or withdrawn.' })
  status!: NominationStatusValue;

  @Field(() => ID, { nullable: true, description: 'The account of the nominee.' })
  accountId?: string;

  @Field(() => ID, { nullable: true, description: 'The advocate id the nominee gets when approved.' })
  candidateId?: string;

  @Field(() => ID, { nullable: true, description: 'Who nominated.' })
  nominatedBy?: string;
}

/** Nominations. */
@Resolver()
export class NominationQuery {
  @Query(() => Nomination, {
    nullable: true,
    description:
      'One nomination; null when there is none or it is not yours to see (an account owner sees only nominations of their own accounts).',
  })
  nomination(
    @Arg('nominationId', () => ID, { description: 'The nomination.' }) nominationId: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<NominationResult | undefined> {
    return vouch.queries.nomination(principal, nominationId);
  }
}
