import type { EventEnvelope, EventMetadata, Instant } from '@vouch/domain';
import { personalDataOf } from '@vouch/domain';
import type { AppendResult } from './append/append-result';
import { withHandOver } from './append/append-result';
import type { PreparedAppend } from './append/prepared-append';
import { assertIdentifier } from './append/identifiers';
import { prepareAppendEagerly } from './append/prepare-append';
import type { Checkpoint } from './checkpoint';
import { START, checkpointOf, positionOf } from './checkpoint';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { CorruptEventError } from './errors/corrupt-event-error';
import { DataKeyMissingError } from './errors/data-key-missing-error';
import { StoreUnavailableError } from './errors/store-unavailable-error';
import type {
  AppendOptions,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  ScannedPage,
  StreamTailRequest,
  StreamTails,
  VerifyTenantOptions,
} from './event-store';
import type { VerificationReport } from './integrity/chain-verifier';
import { ChainVerifier } from './integrity/chain-verifier';
import type { TenantDigest } from './integrity/tenant-digest';
import { tenantDigest } from './integrity/tenant-digest';
import { erasedPersonalData } from './personal-data/erased-personal-data';
import { putFields, putFieldsInPlace } from './personal-data/field-paths';
import type { DataKeyLookup, ErasureReceipt, KeyVault } from './personal-data/key-vault';
import { openPersonalData } from './personal-data/personal-data-cipher';
import type { PersonalDataLookup } from './personal-data/personal-data-lookup';
import type { SubjectKeys } from './personal-data/subject-keys';
import { VaultSubjectKeys } from './personal-data/vault-subject-keys';
import { effectiveAtOf } from './effective-at-of';
import type { PersonalDataStatus, RecordedEvent } from './recorded-event';
import type { ReplayEvent } from './replay-event';
import type { LogRange, StorageEngine, StreamRange, StreamTailRange } from './storage-engine';
import type { ReadableEvent, ReadableEventColumns, ReplayEventColumns, StreamHead } from './stored-event';
import { readableEventOf } from './stored-event';
import { CatchUpSubscription } from './subscriptions/catch-up-subscription';
import { SharedTailScan } from './subscriptions/shared-tail-scan';
import type { SubscribeOptions, Subscription } from './subscriptions/subscription';
import { UpcasterRegistry } from './upcasting/upcaster-registry';

const DEFAULT_READ_LIMIT = 1000;
// Shared by every event without personal data (read-only): one object less per event read.
const NO_PERSONAL_DATA: PersonalDataStatus = Object.freeze({ status: 'none' });

/** What every store built on a storage engine is configured with. */
export interface EventStoreOptions {
  readonly vault: KeyVault;
  /** Stamps `recordedAt`; default the wall clock. */
  readonly clock?: Clock;
  /** Which fields of an event type are personal; default the domain's event catalogue. */
  readonly personalData?: PersonalDataLookup;
  readonly upcasters?: UpcasterRegistry;
}

/**
 * The event store over any storage engine: validates and encrypts on the way in,
 * decrypts, substitutes erasure placeholders and upcasts on the way out, and verifies,
 * digests and subscribes on top of the engine's raw reads.
 */
export class EngineEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly personalData: PersonalDataLookup;
  private readonly upcasters: UpcasterRegistry;
  private readonly vault: KeyVault;
  readonly subjectKeys: SubjectKeys;
  private readonly subscriptions = new Set<Subscription>();
  /** One shared read of the log tail per tenant with live subscriptions, and how many use it. */
  private readonly tailScans = new Map<string, { scan: SharedTailScan; users: number }>();
  /** Appends in flight per (tenant, subject) that took the subject's data key. */
  private readonly appending = new Map<string, number>();
  private closed = false;
  /** The engine builds every event it returns for that read alone (see `StorageEngine.returnsFreshEvents`). */
  private readonly ownsReads: boolean;

  constructor(
    protected readonly engine: StorageEngine,
    options: EventStoreOptions,
  ) {
    this.vault = options.vault;
    this.subjectKeys = new VaultSubjectKeys(options.vault);
    this.clock = options.clock ?? systemClock;
    this.personalData = options.personalData ?? personalDataOf;
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.ownsReads = engine.returnsFreshEvents === true;
  }

  async append(
    tenantId: string,
    streamId: string,
    events: readonly EventEnvelope[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    // Only an append with personal data takes data keys: no set for the others.
    let subjects: Set<string> | undefined;
    let appended = false;
    try {
      const preparing = prepareAppendEagerly(tenantId, streamId, events, options?.expectedVersion, {
        personalData: this.personalData,
        vault: this.vault,
        now: this.clock,
        onDataKey: (subjectId) => {
          subjects ??= new Set<string>();
          if (subjects.has(subjectId)) return;
          subjects.add(subjectId);
          const id = JSON.stringify([tenantId, subjectId]);
          this.appending.set(id, (this.appending.get(id) ?? 0) + 1);
        },
      });
      // Most appends wait for no data key: no promise and no extra turn for them.
      const prepared = preparing instanceof Promise ? await preparing : preparing;
      const result = await this.engine.append(prepared, this.clock);
      appended = true;
      return this.withRecorded(prepared, result);
    } finally {
      if (subjects) for (const subjectId of subjects) await this.settle(tenantId, subjectId, appended);
    }
  }

  /**
   * Adds `recorded` to an engine's result that carries a write mark and `recordedAt`: the
   * events built as a read builds them (same texts parsed, the personal fields' sealed text
   * put back in place, the same upcasting), built only when the caller asks.
   */
  private withRecorded(prepared: PreparedAppend, result: AppendResult): AppendResult {
    const { recordedAt, writeMark } = result;
    if (writeMark === undefined || recordedAt === undefined || result.duplicate) return result;
    if (prepared.events.some((event) => event.personal !== null && event.personalText === undefined)) {
      return result;
    }
    const recorded = (): RecordedEvent[] =>
      prepared.events.map((event, i) => {
        const at = result.events[i]!;
        let data = JSON.parse(event.dataText) as Record<string, unknown>;
        let personalData: PersonalDataStatus = NO_PERSONAL_DATA;
        if (event.personal !== null) {
          data = putFieldsInPlace(data, JSON.parse(event.personalText!) as Record<string, unknown>);
          personalData = { status: 'present', subjectId: event.personal.subjectId };
        }
        return this.recorded(
          event.eventId,
          event.type,
          event.schemaVersion,
          data,
          JSON.parse(event.metadataText) as EventMetadata,
          prepared.streamId,
          at.version,
          positionOf(at.checkpoint),
          recordedAt,
          personalData,
        );
      });
    return withHandOver(result, writeMark, recorded);
  }

  // A data key created for appends that all failed must not linger; one that a stored
  // append uses is kept. Failing to remove it leaves a key that protects nothing: the
  // append's own outcome is what the caller needs.
  private async settle(tenantId: string, subjectId: string, appended: boolean): Promise<void> {
    const id = JSON.stringify([tenantId, subjectId]);
    const left = (this.appending.get(id) ?? 1) - 1;
    if (left > 0) this.appending.set(id, left);
    else this.appending.delete(id);
    if (appended || left === 0) {
      await this.vault.settle(tenantId, subjectId, appended).catch(() => undefined);
    }
  }

  async readStream(
    tenantId: string,
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    assertIdentifier('stream id', streamId);
    const range = streamRangeOf(options);
    if (this.ownsReads && this.engine.readStreamColumns) {
      return this.decodeColumns(tenantId, await this.engine.readStreamColumns(tenantId, streamId, range));
    }
    const stored = await this.engine.readStream(tenantId, streamId, range);
    return this.decode(tenantId, stored, this.ownsReads);
  }

  async readStreamTails(
    tenantId: string,
    tails: readonly StreamTailRequest[],
    erasedOf: readonly string[] = [],
  ): Promise<StreamTails> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    const ranges: StreamTailRange[] = tails.map((tail) => {
      assertIdentifier('stream id', tail.streamId);
      return {
        streamId: tail.streamId,
        afterVersion: tail.afterVersion,
        limit: tail.limit ?? DEFAULT_READ_LIMIT,
      };
    });
    const { pages: stored, keys } = await this.tailsWithKeys(tenantId, ranges, [...new Set(erasedOf)]);
    const put = this.ownsReads ? putFieldsInPlace : putFields;
    const erased = new Map<string, Instant>();
    for (const subjectId of erasedOf) {
      const key = keys.get(subjectId);
      if (key?.status === 'erased') erased.set(subjectId, key.erasedAt);
    }
    return { tails: stored.map((page) => page.map((event) => this.decodeOne(event, keys, put))), erased };
  }

  /**
   * The tails and the data keys of the subjects asked about and of the tails' personal events:
   * one key look-up for all of them, whose answer both decodes the events and tells the
   * erasures. A store whose database holds events and keys together may read both at once.
   */
  protected async tailsWithKeys(
    tenantId: string,
    ranges: readonly StreamTailRange[],
    erasedOf: readonly string[],
  ): Promise<{ pages: ReadableEvent[][]; keys: ReadonlyMap<string, DataKeyLookup> }> {
    const pages = this.engine.readStreamTails
      ? await this.engine.readStreamTails(tenantId, ranges)
      : await this.eachTail(tenantId, ranges);
    const subjects = new Set(erasedOf);
    for (const page of pages)
      for (const event of page) if (event.personal) subjects.add(event.personal.subjectId);
    return { pages, keys: await this.keysOf(tenantId, subjects) };
  }

  // An engine without a batched read: its tails one after another.
  private async eachTail(tenantId: string, ranges: readonly StreamTailRange[]): Promise<ReadableEvent[][]> {
    const pages: ReadableEvent[][] = [];
    for (const { streamId, afterVersion, limit } of ranges) {
      pages.push(
        await this.engine.readStream(tenantId, streamId, {
          direction: 'forwards',
          fromVersion: afterVersion + 1,
          limit,
        }),
      );
    }
    return pages;
  }

  async readStreamForReplay(
    tenantId: string,
    streamId: string,
    options: ReadStreamOptions = {},
  ): Promise<ReplayEvent[]> {
    if (!this.ownsReads || !this.engine.readStreamReplayColumns)
      return this.readStream(tenantId, streamId, options);
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    assertIdentifier('stream id', streamId);
    const rows = await this.engine.readStreamReplayColumns(tenantId, streamId, streamRangeOf(options));
    return this.decodeReplayColumns(tenantId, rows);
  }

  async readAll(tenantId: string, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    const range: LogRange = {
      afterPosition: positionOf(options.after ?? START),
      ...(options.types ? { types: options.types } : {}),
      limit: options.limit ?? DEFAULT_READ_LIMIT,
    };
    if (this.ownsReads && this.engine.readLogColumns) {
      return this.decodeColumns(tenantId, await this.engine.readLogColumns(tenantId, range));
    }
    const stored = await this.engine.readLog(tenantId, range);
    return this.decode(tenantId, stored, this.ownsReads);
  }

  async scanAll(tenantId: string, options: ReadAllOptions = {}): Promise<ScannedPage> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    const scan = await this.engine.scanLog(tenantId, {
      afterPosition: positionOf(options.after ?? START),
      ...(options.types ? { types: options.types } : {}),
      limit: options.limit ?? DEFAULT_READ_LIMIT,
    });
    return {
      events: await this.decode(tenantId, scan.events, this.ownsReads),
      scannedTo: checkpointOf(scan.scannedTo),
      reachedEnd: scan.reachedEnd,
    };
  }

  async streamVersion(tenantId: string, streamId: string): Promise<number> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    assertIdentifier('stream id', streamId);
    return this.engine.streamVersion(tenantId, streamId);
  }

  async streamExists(tenantId: string, streamId: string): Promise<boolean> {
    return (await this.streamVersion(tenantId, streamId)) > 0;
  }

  subscribe(tenantId: string, options: SubscribeOptions): Subscription {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    const types = options.types;
    const tail = this.tailScanOf(tenantId);
    // Behind the tail (from the start, and while its pages come back full) an unfiltered
    // subscription reads alone, as `readAll` does: one object per event, personal fields
    // decrypted in place, nothing kept for others. At the tail it shares the tenant's scan.
    let catchingUp = types === undefined && this.ownsReads && this.engine.readLogColumns !== undefined;
    const subscription = new CatchUpSubscription(
      {
        read: async (after, limit) => {
          this.assertOpen();
          if (catchingUp) {
            const page = await this.readAll(tenantId, { after, limit });
            catchingUp = page.length === limit;
            return {
              events: page,
              scannedTo:
                page.length > 0 ? page[page.length - 1]!.checkpoint : checkpointOf(positionOf(after)),
              reachedEnd: page.length < limit,
            };
          }
          const scan = await tail.scan(positionOf(after), limit, types);
          // One scan's events go to every subscription it woke: decoded into copies.
          return {
            events: await this.decode(tenantId, scan.events, false),
            scannedTo: checkpointOf(scan.scannedTo),
            reachedEnd: scan.reachedEnd,
          };
        },
        watch: (onChange) => this.engine.watch((changed) => changed === tenantId && onChange()),
      },
      options.after ?? START,
      options.handler,
      options.batchSize ?? 500,
      options.pollIntervalMs ?? 250,
      options.onScanned,
    );
    this.subscriptions.add(subscription);
    const ended = (): void => {
      this.subscriptions.delete(subscription);
      this.releaseTailScan(tenantId);
    };
    void subscription.done.then(ended, ended);
    return subscription;
  }

  // Subscriptions woken by the same commit share one read of the tenant's log tail.
  protected tailScanOf(tenantId: string): SharedTailScan {
    let entry = this.tailScans.get(tenantId);
    if (!entry) {
      entry = { scan: new SharedTailScan((range) => this.engine.scanLog(tenantId, range)), users: 0 };
      this.tailScans.set(tenantId, entry);
    }
    entry.users += 1;
    return entry.scan;
  }

  protected releaseTailScan(tenantId: string): void {
    const entry = this.tailScans.get(tenantId);
    if (entry && --entry.users === 0) this.tailScans.delete(tenantId);
  }

  async verifyStream(tenantId: string, streamId: string): Promise<VerificationReport> {
    this.assertOpen();
    assertIdentifier('stream id', streamId);
    return this.verify(tenantId, streamId);
  }

  async verifyTenant(tenantId: string, options: VerifyTenantOptions = {}): Promise<VerificationReport> {
    this.assertOpen();
    return this.verify(tenantId, undefined, options);
  }

  async streamHeads(
    tenantId: string,
    at?: Checkpoint,
  ): Promise<{ checkpoint: Checkpoint; heads: StreamHead[] }> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    const position = at === undefined ? await this.engine.lastPosition(tenantId) : positionOf(at);
    return { checkpoint: checkpointOf(position), heads: await this.engine.streamHeads(tenantId, position) };
  }

  async lastCheckpoint(tenantId: string): Promise<Checkpoint> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    return checkpointOf(await this.engine.lastPosition(tenantId));
  }

  async digest(tenantId: string, at?: Checkpoint): Promise<TenantDigest> {
    const { checkpoint, heads } = await this.streamHeads(tenantId, at);
    return tenantDigest(tenantId, checkpoint, heads, this.clock());
  }

  async forgetSubject(tenantId: string, subjectId: string): Promise<ErasureReceipt> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    assertIdentifier('subject id', subjectId);
    const receipt = await this.vault.destroy(tenantId, subjectId, this.clock());
    await this.engine.afterErasure?.();
    return receipt;
  }

  async erasedSubjects(
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<ReadonlyMap<string, Instant>> {
    this.assertOpen();
    assertIdentifier('tenant id', tenantId);
    const subjects = [...new Set(subjectIds)];
    const erased = new Map<string, Instant>();
    if (subjects.length === 0) return erased;
    if (this.vault.erasures) return this.vault.erasures(tenantId, subjects);
    const keys = this.vault.lookupMany
      ? await this.vault.lookupMany(tenantId, subjects)
      : new Map(
          await Promise.all(subjects.map(async (s) => [s, await this.vault.lookup(tenantId, s)] as const)),
        );
    for (const [subjectId, key] of keys) if (key.status === 'erased') erased.set(subjectId, key.erasedAt);
    return erased;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.engine.close();
  }

  private async verify(
    tenantId: string,
    streamId?: string,
    options: VerifyTenantOptions = {},
  ): Promise<VerificationReport> {
    assertIdentifier('tenant id', tenantId);
    const verifier = new ChainVerifier(
      tenantId,
      options.anchors,
      options.headsAt === undefined ? undefined : positionOf(options.headsAt),
    );
    const every = options.progressEvery ?? 1000;
    let seen = 0;
    for await (const row of this.engine.rows(tenantId, streamId)) {
      if (!verifier.check(row)) break;
      seen += 1;
      if (options.onProgress && seen % every === 0) await options.onProgress(seen);
    }
    await options.onProgress?.(seen);
    return verifier.report();
  }

  /**
   * Decodes a page; `owned` when its events were built for this read alone (the engine says
   * so, and nothing shares the page), so decrypted fields go into their data without a copy.
   */
  protected async decode(
    tenantId: string,
    stored: readonly ReadableEvent[],
    owned: boolean,
  ): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (const event of stored) if (event.personal) subjects.add(event.personal.subjectId);
    const keys = await this.keysOf(tenantId, subjects);
    const put = owned ? putFieldsInPlace : putFields;
    const events = new Array<RecordedEvent>(stored.length);
    for (let i = 0; i < stored.length; i += 1) events[i] = this.decodeOne(stored[i]!, keys, put);
    return events;
  }

  /**
   * Decodes a page of column arrays the engine built for this read alone: an event without
   * personal data becomes its `RecordedEvent` straight from its row; a personal one goes the
   * `ReadableEvent` way (decrypted in place), as `decode` would take it.
   */
  private async decodeColumns(
    tenantId: string,
    rows: readonly ReadableEventColumns[],
  ): Promise<RecordedEvent[]> {
    const subjects = new Set<string>();
    for (let i = 0; i < rows.length; i += 1) {
      const personal = rows[i]![7];
      if (personal) subjects.add(personal.subjectId);
    }
    const keys = await this.keysOf(tenantId, subjects);
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      events[i] =
        row[7] === null
          ? this.recorded(
              row[3],
              row[4],
              row[5],
              row[6],
              row[8],
              row[1],
              row[2],
              row[0],
              row[9],
              NO_PERSONAL_DATA,
            )
          : this.decodeOne(readableEventOf(tenantId, row), keys, putFieldsInPlace);
    }
    return events;
  }

  /**
   * Decodes a page read for a replay: an event without personal data whose type has no upcaster
   * becomes its `ReplayEvent` with only `effectiveAt` read from its metadata text; any other (an
   * upcaster may read the metadata) has its metadata parsed and is decoded as `decodeColumns` does.
   */
  private async decodeReplayColumns(tenantId: string, rows: ReplayEventColumns[]): Promise<ReplayEvent[]> {
    const events = new Array<ReplayEvent>(rows.length);
    let others: ReadableEventColumns[] | undefined;
    let placesOfOthers: number[] | undefined;
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i]!;
      const effectiveAt =
        row[7] === null && !this.upcasters.handles(row[4]) ? effectiveAtOf(row[8]) : undefined;
      if (effectiveAt !== undefined) {
        events[i] = {
          type: row[4],
          data: row[6],
          checkpoint: checkpointOf(row[0]),
          recordedAt: row[9],
          metadata: { effectiveAt },
        };
        continue;
      }
      const columns = row as unknown as unknown[];
      try {
        columns[8] = JSON.parse(row[8]);
      } catch (error) {
        throw new CorruptEventError(tenantId, row[1], row[2], (error as Error).message);
      }
      (others ??= []).push(columns as ReadableEventColumns);
      (placesOfOthers ??= []).push(i);
    }
    if (others) {
      const decoded = await this.decodeColumns(tenantId, others);
      for (let k = 0; k < decoded.length; k += 1) events[placesOfOthers![k]!] = decoded[k]!;
    }
    return events;
  }

  // Each subject's key looked up once per page, all of them in one query where the vault can.
  protected async keysOf(
    tenantId: string,
    subjects: ReadonlySet<string>,
  ): Promise<ReadonlyMap<string, DataKeyLookup>> {
    if (subjects.size > 0 && this.vault.lookupMany) return this.vault.lookupMany(tenantId, [...subjects]);
    const one = new Map<string, DataKeyLookup>();
    for (const subjectId of subjects) one.set(subjectId, await this.vault.lookup(tenantId, subjectId));
    return one;
  }

  private decodeOne(
    event: ReadableEvent,
    keys: ReadonlyMap<string, DataKeyLookup>,
    put: typeof putFields,
  ): RecordedEvent {
    let data = event.data;
    let personalData: PersonalDataStatus = NO_PERSONAL_DATA;
    if (event.personal) {
      const { subjectId, fields } = event.personal;
      const key = keys.get(subjectId)!;
      if (key.status === 'missing') throw new DataKeyMissingError(event.tenantId, subjectId);
      if (key.status === 'erased') {
        const placeholder = erasedPersonalData(subjectId, key.erasedAt);
        data = put(data, Object.fromEntries(fields.map((field) => [field, placeholder])));
        personalData = { status: 'erased', subjectId, erasedAt: key.erasedAt };
      } else {
        let values: Record<string, unknown>;
        try {
          values = openPersonalData(key.key, event, event.personal);
        } catch (error) {
          throw new CorruptEventError(
            event.tenantId,
            event.streamId,
            event.version,
            `personal data: ${(error as Error).message}`,
          );
        }
        data = put(data, values);
        personalData = { status: 'present', subjectId };
      }
    }
    return this.recorded(
      event.eventId,
      event.type,
      event.schemaVersion,
      data,
      event.metadata,
      event.streamId,
      event.version,
      event.position,
      event.recordedAt,
      personalData,
    );
  }

  // The one place a RecordedEvent is built (one object shape for every read), upcast when its type has an upcaster.
  private recorded(
    eventId: string,
    type: string,
    storedSchemaVersion: number,
    storedData: Record<string, unknown>,
    metadata: EventMetadata,
    streamId: string,
    version: number,
    position: number,
    recordedAt: Instant,
    personalData: PersonalDataStatus,
  ): RecordedEvent {
    let data = storedData;
    let schemaVersion = storedSchemaVersion;
    // Most types have no upcaster: no context, key or result object per event for them.
    if (this.upcasters.handles(type)) {
      const upcast = this.upcasters.upcast(data, schemaVersion, { eventId, type, metadata });
      data = upcast.data;
      schemaVersion = upcast.schemaVersion;
    }
    return {
      eventId,
      type,
      schemaVersion,
      storedSchemaVersion,
      data,
      metadata,
      streamId,
      version,
      checkpoint: checkpointOf(position),
      recordedAt,
      personalData,
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('The event store is closed.');
  }
}

function streamRangeOf(options: ReadStreamOptions): StreamRange {
  return {
    direction: options.direction ?? 'forwards',
    ...(options.fromVersion !== undefined ? { fromVersion: options.fromVersion } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  };
}
