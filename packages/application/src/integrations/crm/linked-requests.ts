import type { EventStore, RecordedEvent } from '@vouch/event-store';

/**
 * The reference requests opened for a CRM opportunity, read from their submissions.
 * A scan of one event type: inbound CRM traffic is rare next to reads, and no read model
 * indexes requests by opportunity yet.
 */
export async function requestsForOpportunity(
  store: EventStore,
  tenantId: string,
  opportunityId: string,
): Promise<string[]> {
  const found: string[] = [];
  let after: RecordedEvent['checkpoint'] | undefined;
  for (;;) {
    const page = await store.readAll(tenantId, {
      types: ['ReferenceRequestSubmitted'],
      limit: 1000,
      ...(after !== undefined ? { after } : {}),
    });
    for (const event of page) {
      const data = event.data as { requestId: string; opportunity: { opportunityId: string } };
      if (data.opportunity.opportunityId === opportunityId) found.push(data.requestId);
    }
    if (page.length < 1000) return found;
    after = page[page.length - 1]!.checkpoint;
  }
}
