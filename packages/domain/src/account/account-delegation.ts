import { isAfter, type Instant } from '../shared/time';

/** A colleague acting for an account's owner until a date. */
export interface AccountDelegation {
  readonly until: Instant;
  readonly delegatedBy: string;
}

/**
 * Who acts for an account at `now` (invariant 11): its owner, and colleagues the owner (or an
 * admin) delegated it to whose delegation has not run out. Nobody for an unowned account.
 */
export function accountActorsAt(
  account: { readonly ownerId?: string; readonly delegations?: Readonly<Record<string, AccountDelegation>> },
  now: Instant,
): string[] {
  if (account.ownerId === undefined) return [];
  const delegates = Object.entries(account.delegations ?? {})
    .filter(([, delegation]) => isAfter(delegation.until, now))
    .map(([delegateId]) => delegateId);
  return [account.ownerId, ...delegates];
}
