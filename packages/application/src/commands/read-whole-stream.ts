import type { EventStore, RecordedEvent } from '@vouch/event-store';

/** How many events of one stream a read asks for at a time. */
export const STREAM_PAGE = 1000;

/** Every event of a stream after version `after` (0: all of it), in order, reading page by page. */
export async function readWholeStream(
  store: EventStore,
  tenantId: string,
  streamId: string,
  after = 0,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readStream(tenantId, streamId, {
      fromVersion: after + events.length + 1,
      limit: STREAM_PAGE,
    });
    events.push(...page);
    if (page.length < STREAM_PAGE) return events;
  }
}
