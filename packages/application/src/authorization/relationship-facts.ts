/**
 * What is known about how users stand to the subject of an operation, taken from state the
 * handler or query already holds. A field left out means "nobody stands so": a check that
 * needs it fails.
 */
export interface RelationshipFacts {
  /** Who acts for the account involved: its owner and unexpired delegates. */
  readonly accountActors?: readonly string[];
  /** The account's owner themself. */
  readonly accountOwner?: string;
  /** Who submitted the request involved. */
  readonly requestedBy?: string;
  /** Owners whose approval asks of the request wait for (or the named ask's owner). */
  readonly askApprovers?: readonly string[];
  /** Who put the wishlist entry there. */
  readonly wishedBy?: string;
}
