import type { Instant } from '@vouch/domain';
import type { AppendResult } from '../append/append-result';
import { appendResultOf } from '../append/append-result';
import { EMPTY_STREAM, planAppend } from '../append/plan-append';
import type { PreparedAppend } from '../append/prepared-append';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import type { LogRange, LogScan, StorageEngine, StreamRange } from '../storage-engine';
import type { StoredEvent, StoredRow, StreamHead, UnpositionedStoredEvent } from '../stored-event';

/**
 * Events in process memory. An append runs synchronously from head read to write, which
 * in a single-threaded runtime makes it atomic. Reads return copies, so callers can never
 * change what is stored.
 */
export class InMemoryStorageEngine implements StorageEngine {
  private readonly log: StoredEvent[] = [];
  private readonly byTenant = new Map<string, StoredEvent[]>();
  private readonly byStream = new Map<string, StoredEvent[]>();
  private readonly byEventId = new Map<string, StoredEvent>();
  private readonly listeners = new Set<(tenantId: string) => void>();
  private closed = false;

  async append(request: PreparedAppend, now: () => Instant): Promise<AppendResult> {
    this.assertOpen();
    const { tenantId, streamId } = request;
    const stream = this.byStream.get(keyOf(tenantId, streamId)) ?? [];
    const last = stream[stream.length - 1];
    const plan = planAppend(
      request,
      last ? { version: last.version, hash: last.hash } : EMPTY_STREAM,
      (eventId) => this.byEventId.get(keyOf(tenantId, eventId)),
      now(),
    );
    if (plan.kind === 'duplicate') return plan.result;
    const first = this.log.length + 1;
    const written = plan.events.map((event, i) => deepFreeze(storedCopy(event, first + i)));
    for (const event of written) this.index(event);
    for (const listener of this.listeners) listener(tenantId);
    return appendResultOf(streamId, written, false);
  }

  async readStream(tenantId: string, streamId: string, range: StreamRange): Promise<StoredEvent[]> {
    this.assertOpen();
    const stream = this.byStream.get(keyOf(tenantId, streamId)) ?? [];
    const limit = range.limit ?? Number.MAX_SAFE_INTEGER;
    if (range.direction === 'forwards') {
      const from = Math.max(range.fromVersion ?? 1, 1);
      return stream.slice(from - 1, from - 1 + limit).map(copy);
    }
    const from = Math.min(range.fromVersion ?? stream.length, stream.length);
    return stream
      .slice(Math.max(0, from - limit), Math.max(0, from))
      .reverse()
      .map(copy);
  }

  async readLog(tenantId: string, range: LogRange): Promise<StoredEvent[]> {
    this.assertOpen();
    const events = this.byTenant.get(tenantId) ?? [];
    const types = range.types ? new Set(range.types) : undefined;
    const result: StoredEvent[] = [];
    for (
      let i = firstAfter(events, range.afterPosition);
      i < events.length && result.length < range.limit;
      i++
    ) {
      const event = events[i]!;
      if (!types || types.has(event.type)) result.push(copy(event));
    }
    return result;
  }

  async scanLog(tenantId: string, range: LogRange): Promise<LogScan> {
    this.assertOpen();
    const events = this.byTenant.get(tenantId) ?? [];
    const types = range.types ? new Set(range.types) : undefined;
    const first = firstAfter(events, range.afterPosition);
    const window = events.slice(first, first + range.limit);
    return {
      events: window.filter((event) => !types || types.has(event.type)).map(copy),
      scannedTo: window.length > 0 ? window[window.length - 1]!.position : range.afterPosition,
      reachedEnd: window.length < range.limit,
    };
  }

  async streamVersion(tenantId: string, streamId: string): Promise<number> {
    this.assertOpen();
    return this.byStream.get(keyOf(tenantId, streamId))?.length ?? 0;
  }

  async *rows(tenantId: string, streamId?: string): AsyncIterable<StoredRow> {
    this.assertOpen();
    const events =
      streamId === undefined ? this.byTenant.get(tenantId) : this.byStream.get(keyOf(tenantId, streamId));
    for (const event of [...(events ?? [])]) yield copy(event);
  }

  async streamHeads(tenantId: string, atPosition: number): Promise<StreamHead[]> {
    this.assertOpen();
    const heads = new Map<string, StreamHead>();
    for (const event of this.byTenant.get(tenantId) ?? []) {
      if (event.position > atPosition) break;
      heads.set(event.streamId, { streamId: event.streamId, version: event.version, hash: event.hash });
    }
    return [...heads.values()];
  }

  async lastPosition(tenantId: string): Promise<number> {
    this.assertOpen();
    const events = this.byTenant.get(tenantId) ?? [];
    return events[events.length - 1]?.position ?? 0;
  }

  watch(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  /** Test hook: replaces a stored event in place, as an attacker with memory access could. */
  tamper(position: number, change: (event: StoredEvent) => StoredEvent): void {
    const index = position - 1;
    const original = this.log[index];
    if (!original) throw new RangeError(`No event at position ${position}.`);
    const changed = deepFreeze(change(structuredClone(original) as StoredEvent));
    this.log[index] = changed;
    for (const list of [
      this.byTenant.get(original.tenantId),
      this.byStream.get(keyOf(original.tenantId, original.streamId)),
    ]) {
      const at = list?.indexOf(original) ?? -1;
      if (list && at >= 0) list[at] = changed;
    }
  }

  private index(event: StoredEvent): void {
    this.log.push(event);
    push(this.byTenant, event.tenantId, event);
    push(this.byStream, keyOf(event.tenantId, event.streamId), event);
    this.byEventId.set(keyOf(event.tenantId, event.eventId), event);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The in-memory event store is closed.');
  }
}

function keyOf(tenantId: string, id: string): string {
  return JSON.stringify([tenantId, id]);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Member by member: a planned event's data and metadata are accessors, which neither a
// spread nor structuredClone of the instance would copy.
function storedCopy(event: UnpositionedStoredEvent, position: number): StoredEvent {
  return structuredClone({
    tenantId: event.tenantId,
    streamId: event.streamId,
    version: event.version,
    position,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    personal: event.personal,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    fingerprint: event.fingerprint,
    hash: event.hash,
  });
}

function copy(event: StoredEvent): StoredEvent {
  return structuredClone(event) as StoredEvent;
}

// Binary search: index of the first event with a position greater than `position`.
function firstAfter(events: readonly StoredEvent[], position: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid]!.position <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
