import type { EventStore, RecordedEvent } from '@vouch/event-store';

const PAGE = 1000;

/** Every event of a stream, in order, reading page by page. */
export async function readWholeStream(
  store: EventStore,
  tenantId: string,
  streamId: string,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(tenantId, streamId, { fromVersion: events.length + 1, limit: PAGE });
    events.push(...page);
    if (page.length < PAGE) return events;
  }
}
