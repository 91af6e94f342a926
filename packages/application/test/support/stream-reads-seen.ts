import type { EventStore } from '@vouch/event-store';

/**
 * Tells `seen` of every stream read the store is asked for, one stream at a time
 * (`readStream`) or several at once (`readStreamTails`): the stream and the first version
 * asked for. Changes the store object in place (a test's own in-memory store).
 */
export function seeStreamReads(
  store: EventStore,
  seen: (streamId: string, fromVersion: number) => void,
): void {
  const readStream = store.readStream.bind(store);
  store.readStream = (tenantId, streamId, options) => {
    seen(streamId, options?.fromVersion ?? 1);
    return readStream(tenantId, streamId, options);
  };
  const readStreamTails = store.readStreamTails?.bind(store);
  if (!readStreamTails) return;
  store.readStreamTails = (tenantId, tails, erasedOf) => {
    for (const tail of tails) seen(tail.streamId, tail.afterVersion + 1);
    return readStreamTails(tenantId, tails, erasedOf);
  };
}
