import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import {
  CoverageTargetConnection,
  Program,
  WishlistEntryConnection,
  type CoverageTarget,
  type WishlistEntry,
} from './program-types';

/** The program's lists that grow (coverage targets, the wishlist), as Relay connections. */
@Resolver(() => Program)
export class ProgramLists {
  @FieldResolver(() => CoverageTargetConnection, {
    description:
      'Coverage targets of the growth plan, one per industry × region × product, a page at a time.',
  })
  coverageTargets(
    @Root() program: Program,
    @Args(() => PageArgs) page: PageArgs,
  ): ConnectionShape<CoverageTarget> {
    return pageOfList(
      program.coverageTargets,
      (t) => `${t.industry}\u0000${t.region}\u0000${t.product}`,
      page,
    );
  }

  @FieldResolver(() => WishlistEntryConnection, {
    description: 'Accounts sales wishes were references, in the order wished, a page at a time.',
  })
  wishlist(@Root() program: Program, @Args(() => PageArgs) page: PageArgs): ConnectionShape<WishlistEntry> {
    return pageOfList(program.wishlist, (wish) => wish.wishId, page);
  }
}
