import type { EventStore, RecordedEvent } from '@vouch/event-store';
import { readWholeStream } from './read-whole-stream';

/** How many events the cache holds at most, over all streams (tens of MB); the least recently read go first. */
export const DEFAULT_STREAM_CACHE_EVENTS = 20_000;

interface Entry {
  /** Every event of the stream up to the last read, in order; never changed in place. */
  readonly events: readonly RecordedEvent[];
  /** Folded states of these events, per fold (a decider's evolve), so a fold only evolves the tail. */
  readonly folds: Map<object, { readonly length: number; readonly state: unknown }>;
}

/**
 * The streams the command path reads, kept current by asking the store only for what was
 * appended after the last event held: a command then costs one short indexed read per
 * stream instead of reading and decoding the stream's whole history again. Correct with
 * other writers (this process or another): events are immutable once stored, every read
 * asks the store for the tail, and the append's expected version still guards the decision
 * (a conflict forgets the stream, so the retry reads it whole). A store restored from a
 * copy is restored with the application stopped, as for the read models and checkpoints.
 *
 * Only streams without personal data are held: an event with personal fields is read from
 * the store every time, so an erasure (the store destroying a data key) is seen at once and
 * no decrypted personal value outlives the read that needed it (invariant 10).
 */
export class StreamCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = DEFAULT_STREAM_CACHE_EVENTS,
  ) {}

  /** Every event of the stream, in order, as stored now. The array must not be changed. */
  async read(tenantId: string, streamId: string): Promise<readonly RecordedEvent[]> {
    return (await this.entry(tenantId, streamId)).events;
  }

  /**
   * The stream's events folded by `evolve` from `initial`, evolving only the events appended
   * since the last fold of this stream with the same `evolve` (which must be pure).
   */
  async fold<S>(
    tenantId: string,
    streamId: string,
    initial: S,
    evolve: (state: S, event: RecordedEvent) => S,
  ): Promise<S> {
    const entry = await this.entry(tenantId, streamId);
    const { events } = entry;
    // A fold a concurrent, later read made covers more than this read saw: start over.
    const known = entry.folds.get(evolve);
    const from = known && known.length <= events.length ? known : undefined;
    let state = from ? (from.state as S) : initial;
    for (let i = from?.length ?? 0; i < events.length; i += 1) state = evolve(state, events[i]!);
    if (!known || known.length <= events.length) entry.folds.set(evolve, { length: events.length, state });
    return state;
  }

  /** Drops what is held of a stream (after a conflict: the next read reads it whole). */
  forget(tenantId: string, streamId: string): void {
    const key = keyOf(tenantId, streamId);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.events.length;
  }

  private async entry(tenantId: string, streamId: string): Promise<Entry> {
    const key = keyOf(tenantId, streamId);
    const cached = this.entries.get(key);
    if (!cached) return this.keep(key, await readWholeStream(this.store, tenantId, streamId), undefined);
    const tail = await readWholeStream(this.store, tenantId, streamId, cached.events.length);
    const events = tail.length === 0 ? cached.events : [...cached.events, ...tail];
    return this.keep(key, events, cached);
  }

  private keep(key: string, events: readonly RecordedEvent[], previous: Entry | undefined): Entry {
    const entry: Entry = { events, folds: previous?.folds ?? new Map() };
    const current = this.entries.get(key);
    if (current) {
      // Keep the longer view: a slower concurrent read must not move the stream back.
      if (current.events.length > events.length) return entry;
      this.entries.delete(key);
      this.held -= current.events.length;
    }
    // What was held had no personal data; only the tail needs looking at.
    const fresh = previous ? events.slice(previous.events.length) : events;
    if (fresh.some((event) => event.personalData.status !== 'none')) return entry;
    this.entries.set(key, entry); // re-inserted: the Map's order is the order of use
    this.held += events.length;
    for (const [oldest, old] of this.entries) {
      if (this.held <= this.maxEvents || oldest === key) break;
      this.entries.delete(oldest);
      this.held -= old.events.length;
    }
    return entry;
  }
}

const keyOf = (tenantId: string, streamId: string): string => `${tenantId}\u0000${streamId}`;
