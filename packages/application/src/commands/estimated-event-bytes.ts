import type { RecordedEvent } from '@vouch/event-store';

/** What an event object costs beyond its data and metadata texts: ids, checkpoint, instants, headers. */
const EVENT_OVERHEAD_BYTES = 512;

/**
 * About how many bytes of memory a read event holds: its data and metadata as JSON text
 * (two bytes a character, as V8 holds most strings and about what their objects take) plus
 * a fixed overhead. An estimate for a cache budget, not a measurement: one huge event
 * weighs what it is, where counting events weighed it as one small one.
 */
export function estimatedEventBytes(event: RecordedEvent): number {
  return (
    EVENT_OVERHEAD_BYTES + 2 * (JSON.stringify(event.data).length + JSON.stringify(event.metadata).length)
  );
}
