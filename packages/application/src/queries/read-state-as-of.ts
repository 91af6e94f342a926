import type { Instant } from '@vouch/domain';
import type { EventStore } from '@vouch/event-store';
import { StateAsOfFold, stateAsOf, type StateAsOf } from '@vouch/projections';
import { readWholeStream } from '../commands/read-whole-stream';

const PAGE = 1000;

/**
 * A stream's state as of `at`, folded page by page as it is read (only one page alive at a
 * time); a stream out of log or effective order (a back-dated event) is read again whole
 * and replayed by `stateAsOf`. `undefined` when the stream has no events.
 */
export async function readStateAsOf(
  store: EventStore,
  tenantId: string,
  streamId: string,
  at: Instant,
): Promise<StateAsOf | undefined> {
  const fold = new StateAsOfFold(at);
  // A store's replay read spares the fold what it does not use (ids, most of the metadata).
  const readPage = store.readStreamForReplay
    ? store.readStreamForReplay.bind(store)
    : store.readStream.bind(store);
  for (let read = 0; ;) {
    const page = await readPage(tenantId, streamId, { fromVersion: read + 1, limit: PAGE });
    if (!fold.add(page)) break;
    read += page.length;
    if (page.length < PAGE) return fold.result();
  }
  const events = await readWholeStream(store, tenantId, streamId);
  return events.length === 0 ? undefined : stateAsOf(events, at);
}
