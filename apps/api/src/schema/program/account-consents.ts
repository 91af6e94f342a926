import { Args, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, pageOfList, type ConnectionShape } from '../common/connection';
import { Account, ConsentConnection, type Consent } from './account-types';

/** An account's own consents as a Relay connection. */
@Resolver(() => Account)
export class AccountConsents {
  @FieldResolver(() => ConsentConnection, {
    description: "The company's own consents (e.g. for its logo), in the order granted, a page at a time.",
  })
  consents(@Root() account: Account, @Args(() => PageArgs) page: PageArgs): ConnectionShape<Consent> {
    return pageOfList(account.consents, (consent) => consent.consentId, page);
  }
}
