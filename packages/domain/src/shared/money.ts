/** An amount in a currency's major unit (e.g. 1250.5 USD), currency per ISO 4217. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}
