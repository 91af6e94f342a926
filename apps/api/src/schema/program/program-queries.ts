import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../../context/api-context';
import { Account, accountOf } from './account-types';
import { Program, programOf } from './program-types';

/** The program and its accounts, read from their streams. */
@Resolver()
export class ProgramQueries {
  @Query(() => Program, { description: "The program's policies, coverage targets and sales wishlist." })
  async program(@Ctx() { vouch, principal }: ApiContext): Promise<Program> {
    return programOf(await vouch.queries.program(principal));
  }

  @Query(() => Account, {
    nullable: true,
    description:
      'One account: profile, owner, health and company consents. Null when there is none or it is not yours to see (an account owner sees only their own accounts).',
  })
  async account(
    @Arg('accountId', () => ID, { description: 'The account.' }) accountId: string,
    @Ctx() { vouch, principal }: ApiContext,
  ): Promise<Account | undefined> {
    const account = await vouch.queries.account(principal, accountId);
    return account && accountOf(account);
  }
}
