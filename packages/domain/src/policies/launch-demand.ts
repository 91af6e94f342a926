/** What the demand history says about requests for one activity kind. */
export interface DemandRates {
  /** Requests of the kind per opportunity that asked for any reference. */
  readonly requestsPerOpportunity: number;
  /** Advocates needed per request of the kind, on average. */
  readonly advocatesPerRequest: number;
  /** Advocates who accepted / advocates asked (0..1); 1 when nobody was asked yet. */
  readonly acceptanceRate: number;
  /** Requests fulfilled / requests closed (0..1); 1 when none closed yet. */
  readonly fulfilmentRate: number;
}

/**
 * How many references a launch needs for one activity kind: the requests its opportunities
 * will raise times the advocates each asks for, then grossed up for the asks that will be
 * declined (1 / acceptance). Fulfilment is reported beside it, not folded in: a request the
 * program failed is not a reason to recruit fewer. Rounded up: half an advocate is one.
 */
export function referencesNeeded(expectedOpportunities: number, rates: DemandRates): number {
  const requests = expectedOpportunities * rates.requestsPerOpportunity;
  const advocates = requests * rates.advocatesPerRequest;
  const acceptance = rates.acceptanceRate > 0 ? rates.acceptanceRate : 1;
  return Math.max(0, Math.ceil(advocates / acceptance - 1e-9));
}
