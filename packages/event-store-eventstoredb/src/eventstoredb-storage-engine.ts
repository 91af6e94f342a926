import type { Instant } from '@vouch/domain';
import type {
  AppendResult,
  ExistingEvent,
  LogRange,
  LogScan,
  PreparedAppend,
  StorageEngine,
  StoredEvent,
  StoredRow,
  StreamHead,
  StreamRange,
} from '@vouch/event-store';
import { EMPTY_STREAM, StoreUnavailableError, appendResultOf, planAppend } from '@vouch/event-store';
import type {
  AllStreamRecordedEvent,
  ReadPosition,
  AllStreamSubscription,
  AppendExpectedRevision,
  EventStoreDBClient,
  RecordedEvent,
} from '@eventstore/db-client';
import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  streamNameFilter,
} from '@eventstore/db-client';
import { whileReachable } from './error-mapping';
import {
  fromRecorded,
  fromRecordedForVerification,
  positionOfRecorded,
  toEventData,
} from './recorded-envelope';
import type { StreamNames } from './stream-names';

/** Events read from `$all` per request while scanning a tenant's log. */
const SCAN_PAGE = 500;
/** Attempts of an append that loses the race for a stream's revision to another writer. */
const MAX_APPEND_ATTEMPTS = 10;

/**
 * Vouch's storage on EventStoreDB / KurrentDB. Each Vouch stream is one server stream
 * named `<namespace>:<tenant>:<stream>`; the hash chain, fingerprint and encrypted personal
 * data travel in the event's metadata; positions are the server's `$all` log positions.
 *
 * An append plans against the head it read and writes with that exact expected revision
 * (never `any`), so the server rejects it if anyone wrote in between; it is then planned
 * again. Event ids are looked up in the target stream: the server keeps no index by id,
 * so reusing an event id in a different stream is not detected here (SQLite and
 * PostgreSQL refuse it).
 */
export class EventStoreDbStorageEngine implements StorageEngine {
  private readonly listeners = new Set<(tenantId: string) => void>();
  private live: AllStreamSubscription | undefined;
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNames,
  ) {}

  async append(request: PreparedAppend, now: () => Instant): Promise<AppendResult> {
    this.assertOpen();
    const name = this.names.streamNameOf(request.tenantId, request.streamId);
    for (let attempt = 1; ; attempt++) {
      const stream = await this.readWholeStream(name);
      const last = stream[stream.length - 1];
      const head = last ? { version: last.version, hash: last.hash } : EMPTY_STREAM;
      const byId = new Map<string, ExistingEvent>(
        stream.map((e) => [
          e.eventId,
          { streamId: e.streamId, version: e.version, position: e.position, fingerprint: e.fingerprint },
        ]),
      );
      const plan = planAppend(request, head, (eventId) => byId.get(eventId), now());
      if (plan.kind === 'duplicate') return plan.result;
      const expectedRevision: AppendExpectedRevision =
        head.version === 0 ? NO_STREAM : BigInt(head.version - 1);
      try {
        await whileReachable('append', () =>
          this.client.appendToStream(name, plan.events.map(toEventData), { expectedRevision }),
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < MAX_APPEND_ATTEMPTS) continue;
        throw error;
      }
      // The append result names only the last position: read the new events back for each one's.
      const written = await this.readRange(name, {
        direction: 'forwards',
        fromVersion: head.version + 1,
        limit: plan.events.length,
      });
      for (const listener of this.listeners) listener(request.tenantId);
      return appendResultOf(request.streamId, written, false);
    }
  }

  async readStream(tenantId: string, streamId: string, range: StreamRange): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.readRange(this.names.streamNameOf(tenantId, streamId), range);
  }

  async readLog(tenantId: string, range: LogRange): Promise<StoredEvent[]> {
    this.assertOpen();
    const types = range.types ? new Set(range.types) : undefined;
    const result: StoredEvent[] = [];
    for await (const event of this.scanTenant(tenantId, range.afterPosition)) {
      if (types && !types.has(event.type)) continue;
      result.push(fromRecorded(event));
      if (result.length >= range.limit) break;
    }
    return result;
  }

  async scanLog(tenantId: string, range: LogRange): Promise<LogScan> {
    this.assertOpen();
    const types = range.types ? new Set(range.types) : undefined;
    const events: StoredEvent[] = [];
    let examined = 0;
    let scannedTo = range.afterPosition;
    for await (const event of this.scanTenant(tenantId, range.afterPosition)) {
      examined += 1;
      scannedTo = positionOfRecorded(event);
      if (!types || types.has(event.type)) events.push(fromRecorded(event));
      if (examined >= range.limit) break;
    }
    return { events, scannedTo, reachedEnd: examined < range.limit };
  }

  async streamVersion(tenantId: string, streamId: string): Promise<number> {
    this.assertOpen();
    const [last] = await this.readRange(this.names.streamNameOf(tenantId, streamId), {
      direction: 'backwards',
      limit: 1,
    });
    return last?.version ?? 0;
  }

  async *rows(tenantId: string, streamId?: string): AsyncIterable<StoredRow> {
    this.assertOpen();
    if (streamId !== undefined) {
      for (const event of await this.readRecorded(this.names.streamNameOf(tenantId, streamId), {
        direction: 'forwards',
      })) {
        yield fromRecordedForVerification(event, streamId);
      }
      return;
    }
    for await (const event of this.scanTenant(tenantId, 0)) {
      yield fromRecordedForVerification(event, event.streamId);
    }
  }

  async streamHeads(tenantId: string, atPosition: number): Promise<StreamHead[]> {
    this.assertOpen();
    const heads = new Map<string, StreamHead>();
    for await (const event of this.scanTenant(tenantId, 0)) {
      const stored = fromRecorded(event);
      if (stored.position > atPosition) break;
      heads.set(stored.streamId, { streamId: stored.streamId, version: stored.version, hash: stored.hash });
    }
    return [...heads.values()];
  }

  async lastPosition(tenantId: string): Promise<number> {
    this.assertOpen();
    const prefix = this.names.tenantPrefix(tenantId);
    return whileReachable('last position', async () => {
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: Number.MAX_SAFE_INTEGER,
      })) {
        const event = resolved.event;
        if (event && event.streamId.startsWith(prefix)) return positionOfRecorded(event);
      }
      return 0;
    });
  }

  watch(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    this.startLive();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopLive();
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.stopLive();
    await this.client.dispose();
  }

  // Live wake-ups for other processes' writes: one server-side filtered subscription to
  // `$all` from its end, for all Vouch streams; subscriptions then read through readLog.
  private startLive(): void {
    if (this.live || this.closed) return;
    const subscription = this.client.subscribeToAll({
      fromPosition: END,
      filter: streamNameFilter({ prefixes: [this.names.prefix] }),
    });
    this.live = subscription;
    subscription.on('data', (resolved: { event?: AllStreamRecordedEvent }) => {
      const tenantId = resolved.event && this.names.tenantOf(resolved.event.streamId);
      if (tenantId !== undefined) for (const listener of this.listeners) listener(tenantId);
    });
    // A dropped live subscription only delays delivery until the next poll; start a new one.
    subscription.on('error', () => {
      if (this.live !== subscription) return;
      this.live = undefined;
      const retry = setTimeout(() => this.listeners.size > 0 && this.startLive(), 1000);
      retry.unref();
    });
  }

  private stopLive(): void {
    const live = this.live;
    this.live = undefined;
    void live?.unsubscribe().catch(() => undefined);
  }

  private async *scanTenant(tenantId: string, afterPosition: number): AsyncIterable<AllStreamRecordedEvent> {
    const prefix = this.names.tenantPrefix(tenantId);
    let from: ReadPosition =
      afterPosition === 0 ? START : { commit: BigInt(afterPosition), prepare: BigInt(afterPosition) };
    for (;;) {
      const page: AllStreamRecordedEvent[] = await whileReachable('read $all', async () => {
        const events: AllStreamRecordedEvent[] = [];
        for await (const resolved of this.client.readAll({
          direction: FORWARDS,
          fromPosition: from,
          maxCount: SCAN_PAGE,
        })) {
          if (resolved.event) events.push(resolved.event);
        }
        return events;
      });
      for (const event of page) {
        if (positionOfRecorded(event) <= afterPosition) continue;
        if (event.streamId.startsWith(prefix)) yield event;
      }
      if (page.length < SCAN_PAGE) return;
      const last = page[page.length - 1]!;
      afterPosition = positionOfRecorded(last);
      from = last.position;
    }
  }

  private async readRange(name: string, range: StreamRange): Promise<StoredEvent[]> {
    return (await this.readRecorded(name, range)).map(fromRecorded);
  }

  private async readWholeStream(name: string): Promise<StoredEvent[]> {
    return this.readRange(name, { direction: 'forwards' });
  }

  private async readRecorded(name: string, range: StreamRange): Promise<RecordedEvent[]> {
    const forwards = range.direction === 'forwards';
    if (range.limit === 0 || (range.fromVersion !== undefined && range.fromVersion < 1 && !forwards))
      return [];
    const fromRevision =
      range.fromVersion === undefined ? (forwards ? START : END) : BigInt(Math.max(range.fromVersion, 1) - 1);
    return whileReachable('read stream', async () => {
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of this.client.readStream(name, {
          direction: forwards ? FORWARDS : BACKWARDS,
          fromRevision,
          maxCount: range.limit ?? Number.MAX_SAFE_INTEGER,
        })) {
          if (resolved.event) events.push(resolved.event as RecordedEvent);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      }
      return events;
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The EventStoreDB event store is closed.');
  }
}
