import type { StoreReadiness } from './store-readiness';
import type { EventEnvelope, Instant } from '@vouch/domain';
import type { AppendResult } from './append/append-result';
import type { Checkpoint } from './checkpoint';
import type { ExpectedVersion } from './expected-version';
import type { SignedHeadAnchor, VerificationReport } from './integrity/chain-verifier';
import type { TenantDigest } from './integrity/tenant-digest';
import type { ErasureReceipt } from './personal-data/key-vault';
import type { SubjectKeys } from './personal-data/subject-keys';
import type { RecordedEvent } from './recorded-event';
import type { ReplayEvent } from './replay-event';
import type { StreamHead } from './stored-event';
import type { Subscription, SubscribeOptions } from './subscriptions/subscription';

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface ReadStreamOptions {
  /** Default forwards. */
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; default the first (forwards) or the last (backwards) event. */
  readonly fromVersion?: number;
  readonly limit?: number;
}

/** What else to check while recomputing a tenant's chains, and how to report progress. */
export interface VerifyTenantOptions {
  /** Heads vouched for by signed digests: the event at each version must still have that hash. */
  readonly anchors?: readonly SignedHeadAnchor[];
  /** Called every `progressEvery` events; awaited, so a caller can yield to other work. */
  readonly onProgress?: (eventsChecked: number) => void | Promise<void>;
  /** Default 1000. */
  readonly progressEvery?: number;
  /** Also return every stream's head as of this checkpoint, from the same pass (`report.headsAt`). */
  readonly headsAt?: Checkpoint;
}

export interface ReadAllOptions {
  /** Read events after this checkpoint; default from the start of the log. */
  readonly after?: Checkpoint;
  /** Only events of these types. */
  readonly types?: readonly string[];
  /** At most this many events; default 1000. */
  readonly limit?: number;
}

/** One stream's part of a batched read (`readStreamTails`): its events after `afterVersion`. */
export interface StreamTailRequest {
  readonly streamId: string;
  /** Read the events after this version (0: the whole stream). */
  readonly afterVersion: number;
  /** At most this many events of the stream; default 1000. */
  readonly limit?: number;
}

/** What `readStreamTails` answers, all of it read together. */
export interface StreamTails {
  /** Each asked stream's events after its version, in the order asked, as `readStream` returns them. */
  readonly tails: readonly RecordedEvent[][];
  /** Which of the subjects asked about are erased, as `erasedSubjects` answers. */
  readonly erased: ReadonlyMap<string, Instant>;
}

/** A window of the log read for a filtered reader (`scanAll`). */
export interface ScannedPage {
  /** The events of the wanted types in the window, in log order. */
  readonly events: RecordedEvent[];
  /** How far the window reached: resume after this, not after the last event returned. */
  readonly scannedTo: Checkpoint;
  /** The window reached the end of the log visible now. */
  readonly reachedEnd: boolean;
}

/**
 * The event store every adapter provides. Every call names its tenant, and no call reads
 * or writes another tenant's events whatever its stream id contains.
 */
export interface EventStore {
  /**
   * Appends events atomically if the stream is at `expectedVersion`. Appending the same
   * event ids again (a retry) writes nothing and returns the first result.
   */
  append(
    tenantId: string,
    streamId: string,
    events: readonly EventEnvelope[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /** Reads a stream forwards or backwards, decrypted and upcast. */
  readStream(tenantId: string, streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * `readStream` for a replay over time: the same events in the same order, each with what a
   * fold as of an instant uses (`ReplayEvent`). Optional: a store without it is replayed from
   * `readStream`, whose events are replay events too.
   */
  readStreamForReplay?(
    tenantId: string,
    streamId: string,
    options?: ReadStreamOptions,
  ): Promise<ReplayEvent[]>;
  /** Reads the tenant's log in global order after a checkpoint, optionally filtered by type. */
  readAll(tenantId: string, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Examines the next `limit` events after a checkpoint (every type) and returns those of
   * `types`, with the checkpoint it examined up to: a filtered reader advances past events
   * it does not care about, so it never scans them again.
   */
  scanAll(tenantId: string, options?: ReadAllOptions): Promise<ScannedPage>;
  /** The stream's current version, 0 when it has no events. */
  streamVersion(tenantId: string, streamId: string): Promise<number>;
  streamExists(tenantId: string, streamId: string): Promise<boolean>;
  /** Delivers history after a checkpoint, then live events, in order, each once. */
  subscribe(tenantId: string, options: SubscribeOptions): Subscription;
  /** Recomputes a stream's hash chain; names the first event that fails. */
  verifyStream(tenantId: string, streamId: string): Promise<VerificationReport>;
  /**
   * Recomputes every chain of a tenant (and checks the signed heads given); names the
   * first failing event in log order.
   */
  verifyTenant(tenantId: string, options?: VerifyTenantOptions): Promise<VerificationReport>;
  /** The head of every stream at a checkpoint (default: now). */
  streamHeads(tenantId: string, at?: Checkpoint): Promise<{ checkpoint: Checkpoint; heads: StreamHead[] }>;
  /** The checkpoint of the tenant's last event (START when it has none): cheap, for progress. */
  lastCheckpoint(tenantId: string): Promise<Checkpoint>;
  /** The Merkle digest of the tenant at a checkpoint (default: now), ready to sign. */
  digest(tenantId: string, at?: Checkpoint): Promise<TenantDigest>;
  /** Destroys the subject's data key: their personal fields read as placeholders from now on. */
  forgetSubject(tenantId: string, subjectId: string): Promise<ErasureReceipt>;
  /**
   * Which of the subjects are erased now, each with its erasure time (a subject not in the
   * answer is not erased), without decrypting anything. Lets a reader that holds events in a
   * form without personal values see an erasure by any process at once. Optional: a store
   * without it leaves such readers reading personal data from the store every time.
   */
  erasedSubjects?(tenantId: string, subjectIds: readonly string[]): Promise<ReadonlyMap<string, Instant>>;
  /**
   * Several streams' tails and some subjects' erasures in one call: each tail exactly what
   * `readStream(tenantId, streamId, { fromVersion: afterVersion + 1, limit })` returns, and
   * `erased` what `erasedSubjects(tenantId, erasedOf)` returns — in as few round trips as the
   * store can (one for the events and one for the keys on PostgreSQL), for a reader that
   * keeps several streams current at once. Optional: without it a reader reads stream by stream.
   */
  readStreamTails?(
    tenantId: string,
    tails: readonly StreamTailRequest[],
    erasedOf?: readonly string[],
  ): Promise<StreamTails>;
  /**
   * A mark of the appends committed to a stream so far, by any process: two equal marks
   * taken at two moments mean nothing was appended to it in between, so a reader that read
   * it after the first may skip reading it again. Take it before the read it stands for. A
   * mark may change without an append (a needless read), never stay put across one.
   * Optional, and synchronous because it must cost less than the read it saves; a store
   * that cannot tell leaves it out and readers read.
   */
  writeMark?(tenantId: string, streamId: string): string;
  /** Digests and seals under subjects' data keys (command fingerprints, read-model snapshots). */
  readonly subjectKeys: SubjectKeys;
  /** Finishes pending work and releases resources; later calls fail. */
  close(): Promise<void>;
  /**
   * Whether the store can take writes now (a full disk, a read-only file), for readiness
   * probes. Optional: a store that cannot tell leaves it out, and a read is the probe.
   */
  readiness?(): Promise<StoreReadiness>;
}
