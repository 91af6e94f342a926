import type { Instant } from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import { estimatedEventBytes } from './estimated-event-bytes';
import { STREAM_PAGE, readWholeStream } from './read-whole-stream';
import { erasedForm, withheld } from './withheld-personal-data';

/**
 * How many events the cache held at most before its budget was in bytes; kept as the name
 * of the old limit (`streamCacheEvents`), which still holds when a caller sets it.
 */
export const DEFAULT_STREAM_CACHE_EVENTS = 20_000;

/** How many bytes of events (estimated) the cache holds at most, over all streams; the least recently read go first. */
export const DEFAULT_STREAM_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * How much the stream cache may hold. A number is the old budget, a count of events (no
 * byte budget then, as before); an object sets either or both, and a stream is evicted
 * while any is exceeded. Default: `DEFAULT_STREAM_CACHE_BYTES` and no count.
 */
export type StreamCacheBudget = number | { readonly maxBytes?: number; readonly maxEvents?: number };

interface Entry {
  /** Every event of the stream up to the last read, in order, personal values withheld; never changed in place. */
  readonly events: readonly RecordedEvent[];
  /** Folded states of these events, per fold (a decider's evolve), so a fold only evolves the tail. */
  readonly folds: Map<object, { readonly length: number; readonly state: unknown }>;
  /** The subjects whose personal fields the events withhold (their keys were in force when read). */
  readonly withholding: ReadonlySet<string>;
  /** The store's write mark taken just before the read these events are current as of. */
  readonly mark: string | undefined;
  /** The events' estimated size (`estimatedEventBytes`), counted against the byte budget. */
  readonly bytes: number;
}

/** A stream as one read saw it: its events and its folds from them. */
export interface StreamView {
  /** Every event of the stream, in order, personal values withheld. The array must not be changed. */
  readonly events: readonly RecordedEvent[];
  /** The events folded by `evolve` from `initial`, evolving only what the last fold with it did not cover. */
  fold<S>(initial: S, evolve: (state: S, event: RecordedEvent) => S): S;
}

/**
 * The streams the command path reads, kept current by asking the store only for what was
 * appended after the last event held: a command then costs one short indexed read per
 * stream instead of reading and decoding the stream's whole history again, and no read at
 * all while the store's write mark (`EventStore.writeMark`) says nothing was appended to
 * it by anyone since the held events were read. Correct with other writers (this process
 * or another): events are immutable once stored, every read asks the store for the tail
 * or for the mark, and the append's expected version still guards the decision
 * (a conflict forgets the stream, so the retry reads it whole). A store restored from a
 * copy is restored with the application stopped, as for the read models and checkpoints.
 *
 * Personal data (invariant 10): every read answers personal fields withheld
 * (`WithheldPersonalData`: whose, never the value), so no decrypted value outlives the read
 * that fetched it; and before answering a stream that withholds a subject's fields it asks
 * the store whether that subject has been erased since (by any process), answering the
 * erased form at once if so. A store that cannot tell (`erasedSubjects` missing) gets such
 * streams read whole every time, as before.
 */
export class StreamCache {
  private readonly entries = new Map<string, Entry>();
  private held = 0;
  private heldBytes = 0;
  private readonly maxEvents: number;
  private readonly maxBytes: number;

  constructor(
    private readonly store: EventStore,
    budget: StreamCacheBudget = {},
  ) {
    const {
      maxEvents = Infinity,
      maxBytes = typeof budget === 'number' ? Infinity : DEFAULT_STREAM_CACHE_BYTES,
    } = typeof budget === 'number' ? { maxEvents: budget } : budget;
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /** Every event of the stream, in order, as stored now (personal values withheld). The array must not be changed. */
  async read(tenantId: string, streamId: string): Promise<readonly RecordedEvent[]> {
    return (await this.entry(tenantId, streamId)).events;
  }

  /** The stream as stored now, with folds over it: one read for the events and any fold of them. */
  async view(tenantId: string, streamId: string): Promise<StreamView> {
    const entry = await this.entry(tenantId, streamId);
    return {
      events: entry.events,
      fold: (initial, evolve) => foldEntry(entry, initial, evolve),
    };
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
    return foldEntry(await this.entry(tenantId, streamId), initial, evolve);
  }

  /**
   * Takes a stream's events from the append that wrote them instead of reading them back:
   * `before` is what the appending command decided over and the append's expected version
   * (so the stream was exactly `before` when it committed), `added` what it appended, and
   * `mark` the stream's write mark as of that commit (`AppendResult.writeMark`). Held only
   * when the stream is held as `before` now (else the next read reads the tail as usual);
   * the next read still asks the store for the mark, and reads if anything came after.
   */
  appended(
    tenantId: string,
    streamId: string,
    before: readonly RecordedEvent[],
    added: readonly RecordedEvent[],
    mark: string,
  ): void {
    const key = keyOf(tenantId, streamId);
    const cached = this.entries.get(key);
    if (cached === undefined || cached.events !== before) return;
    const withholding = new Set(cached.withholding);
    const shown: RecordedEvent[] = [];
    for (const event of added) {
      const one = withheld(event);
      if (!one) return this.forget(tenantId, streamId);
      if (one.personalData.status === 'present') withholding.add(one.personalData.subjectId);
      shown.push(one);
    }
    const bytes =
      this.maxBytes === Infinity
        ? 0
        : cached.bytes + shown.reduce((sum, e) => sum + estimatedEventBytes(e), 0);
    this.keep(key, { events: [...before, ...shown], folds: cached.folds, withholding, mark, bytes });
  }

  /** Drops what is held of a stream (after a conflict: the next read reads it whole). */
  forget(tenantId: string, streamId: string): void {
    const key = keyOf(tenantId, streamId);
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.events.length;
    this.heldBytes -= entry.bytes;
  }

  /**
   * Several streams as stored now, read together: where the store reads several tails at
   * once (`readStreamTails`), every stream's tail and the erasure check of what they withhold
   * cost one read for all of them (on PostgreSQL one statement and one key look-up) instead
   * of a read and a check per stream. Views in the order asked.
   */
  async views(tenantId: string, streamIds: readonly string[]): Promise<StreamView[]> {
    const entries = await this.current(tenantId, streamIds);
    return entries.map((entry) => ({
      events: entry.events,
      fold: (initial, evolve) => foldEntry(entry, initial, evolve),
    }));
  }

  /** What is held of a stream now, without asking the store (possibly stale): for guessing what to read together. */
  heldView(tenantId: string, streamId: string): StreamView | undefined {
    const entry = this.entries.get(keyOf(tenantId, streamId));
    return entry && { events: entry.events, fold: (initial, evolve) => foldEntry(entry, initial, evolve) };
  }

  private async entry(tenantId: string, streamId: string): Promise<Entry> {
    return (await this.current(tenantId, [streamId]))[0]!;
  }

  private async current(tenantId: string, streamIds: readonly string[]): Promise<Entry[]> {
    const plans = streamIds.map((streamId) => {
      const key = keyOf(tenantId, streamId);
      const cached = this.entries.get(key);
      // Taken before the read: an append landing after it changes the next mark, so it is read then.
      const mark = this.store.writeMark?.(tenantId, streamId);
      // Nothing appended by anyone since the held events were read: no tail to ask for.
      const unchanged = cached !== undefined && mark !== undefined && cached.mark === mark;
      return { streamId, key, cached, mark, unchanged };
    });
    const batched = this.store.readStreamTails?.bind(this.store);
    if (!batched) {
      const alone: Entry[] = [];
      for (const plan of plans)
        alone.push(await this.settle(tenantId, plan, await this.tailOf(tenantId, plan)));
      return alone;
    }
    const reading = plans.filter((plan) => !plan.unchanged);
    const subjects = new Set<string>();
    for (const plan of plans) for (const subjectId of plan.cached?.withholding ?? []) subjects.add(subjectId);
    if (reading.length === 0 && subjects.size === 0)
      return plans.map((plan) => this.keep(plan.key, plan.cached!));
    // The tails' own subjects are looked up with the same keys that decode them: an erased
    // one comes back erased, so only the subjects held from earlier reads are asked about.
    const { tails, erased } = await batched(
      tenantId,
      reading.map((plan) => ({
        streamId: plan.streamId,
        afterVersion: plan.cached?.events.length ?? 0,
        limit: STREAM_PAGE,
      })),
      [...subjects],
    );
    const entries: Entry[] = [];
    for (const plan of plans) {
      const at = reading.indexOf(plan);
      const tail = at < 0 ? [] : tails[at]!;
      if (tail.length < STREAM_PAGE) {
        entries.push(this.settle(tenantId, plan, tail, erased));
        continue;
      }
      // A tail longer than a page (a stream read for the first time): the rest page by page,
      // and its erasure check after the last page, as a read of one stream does.
      const after = (plan.cached?.events.length ?? 0) + STREAM_PAGE;
      const rest = await readWholeStream(this.store, tenantId, plan.streamId, after);
      entries.push(await this.settle(tenantId, plan, [...tail, ...rest]));
    }
    return entries;
  }

  // The read of one stream's tail (its erasure check follows in `settle`), for a store without batched reads.
  private async tailOf(tenantId: string, plan: Plan): Promise<RecordedEvent[]> {
    return plan.unchanged
      ? []
      : readWholeStream(this.store, tenantId, plan.streamId, plan.cached?.events.length ?? 0);
  }

  /**
   * The stream's entry from what was held, its new tail and the erasures since: `erased` as
   * the batched read answered it (the held subjects' erasures), or undefined to ask the store.
   */
  private settle(
    tenantId: string,
    plan: Plan,
    tail: readonly RecordedEvent[],
    erased: ReadonlyMap<string, Instant>,
  ): Entry;
  private settle(tenantId: string, plan: Plan, tail: readonly RecordedEvent[]): Promise<Entry>;
  private settle(
    tenantId: string,
    plan: Plan,
    tail: readonly RecordedEvent[],
    erasedNow?: ReadonlyMap<string, Instant>,
  ): Entry | Promise<Entry> {
    const { streamId, key, cached, mark, unchanged } = plan;
    if (unchanged && cached && cached.withholding.size === 0) return this.keep(key, cached);
    let events: RecordedEvent[] | readonly RecordedEvent[] = cached?.events ?? [];
    const withholding = new Set(cached?.withholding);
    const added: RecordedEvent[] = [];
    let holdable = true;
    for (const event of tail) {
      const shown = withheld(event);
      if (!shown) holdable = false;
      else if (shown.personalData.status === 'present') withholding.add(shown.personalData.subjectId);
      added.push(shown ?? event);
    }
    if (added.length > 0) events = [...events, ...added];
    const finish = (erased: ReadonlyMap<string, Instant> | undefined): Entry => {
      // An erasure since the last read (a key destroyed by any process) shows at once.
      let folds = cached?.folds;
      let shownEvents = events;
      if (withholding.size > 0) {
        if (!erased) holdable = false;
        else {
          const now = [...withholding].filter((subjectId) => erased.has(subjectId));
          if (now.length > 0) {
            shownEvents = events.map((event) => {
              const subject =
                event.personalData.status === 'present' ? event.personalData.subjectId : undefined;
              const at = subject !== undefined ? erased.get(subject) : undefined;
              return at !== undefined ? erasedForm(event, at) : event;
            });
            for (const subjectId of now) withholding.delete(subjectId);
            folds = undefined; // folded from the withheld form: fold the erased form again
          }
        }
      }
      // Estimated only under a byte budget: a count budget alone (the seed's) pays nothing for it.
      const bytes =
        this.maxBytes === Infinity
          ? 0
          : (cached?.bytes ?? 0) + added.reduce((sum, e) => sum + estimatedEventBytes(e), 0);
      const entry: Entry = { events: shownEvents, folds: folds ?? new Map(), withholding, mark, bytes };
      if (!holdable) {
        this.forget(tenantId, streamId);
        return entry;
      }
      return this.keep(key, entry);
    };
    if (erasedNow) return finish(erasedNow);
    if (withholding.size === 0 || !this.store.erasedSubjects) return Promise.resolve(finish(undefined));
    return this.store.erasedSubjects(tenantId, [...withholding]).then(finish);
  }

  private keep(key: string, entry: Entry): Entry {
    const current = this.entries.get(key);
    if (current) {
      // Keep the longer view: a slower concurrent read must not move the stream back.
      if (current.events.length > entry.events.length) return entry;
      this.entries.delete(key);
      this.held -= current.events.length;
      this.heldBytes -= current.bytes;
    }
    this.entries.set(key, entry); // re-inserted: the Map's order is the order of use
    this.held += entry.events.length;
    this.heldBytes += entry.bytes;
    for (const [oldest, old] of this.entries) {
      if ((this.held <= this.maxEvents && this.heldBytes <= this.maxBytes) || oldest === key) break;
      this.entries.delete(oldest);
      this.held -= old.events.length;
      this.heldBytes -= old.bytes;
    }
    return entry;
  }
}

function foldEntry<S>(entry: Entry, initial: S, evolve: (state: S, event: RecordedEvent) => S): S {
  const { events } = entry;
  // A fold a concurrent, later read made covers more than this read saw: start over.
  const known = entry.folds.get(evolve);
  const from = known && known.length <= events.length ? known : undefined;
  let state = from ? (from.state as S) : initial;
  for (let i = from?.length ?? 0; i < events.length; i += 1) state = evolve(state, events[i]!);
  if (!known || known.length <= events.length) entry.folds.set(evolve, { length: events.length, state });
  return state;
}

/** What the cache knows of a stream before reading it. */
interface Plan {
  readonly streamId: string;
  readonly key: string;
  readonly cached: Entry | undefined;
  readonly mark: string | undefined;
  readonly unchanged: boolean;
}

const keyOf = (tenantId: string, streamId: string): string => `${tenantId}\u0000${streamId}`;
