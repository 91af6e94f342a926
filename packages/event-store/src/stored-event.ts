import type { EventMetadata, Instant } from '@vouch/domain';

/** Personal fields of one event, encrypted with the subject's data key (AES-256-GCM). */
export interface SealedPersonalData {
  readonly subjectId: string;
  /** The dotted paths that were encrypted, so an erased event still says which fields it had. */
  readonly fields: readonly string[];
  readonly algorithm: 'AES-256-GCM';
  /** Base64 of the 12-byte nonce. */
  readonly iv: string;
  /** Base64 of the 16-byte authentication tag. */
  readonly tag: string;
  /** Base64 of the encrypted JSON object `{ [dottedPath]: value }`. */
  readonly ciphertext: string;
}

/**
 * An event exactly as an adapter persists it: personal fields removed from `data` and kept
 * only in `personal` as ciphertext. `hash` chains it to the previous event of its stream.
 * Adapters store and return these fields verbatim; everything else is done by the core.
 */
export interface StoredEvent {
  readonly tenantId: string;
  readonly streamId: string;
  /** 1 for the first event of a stream. */
  readonly version: number;
  /** The store's global sequence number (the checkpoint is derived from it). */
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly personal: SealedPersonalData | null;
  readonly metadata: EventMetadata;
  readonly recordedAt: Instant;
  /** Keyed digest of the event's content, to tell a retry from a reused id. */
  readonly fingerprint: string;
  /** SHA-256 (hex) over the canonical stored envelope and the previous event's hash. */
  readonly hash: string;
}

/**
 * What a reader gets of a stored event: everything but the integrity columns (fingerprint,
 * chain hash), which only appends and verification use. An adapter may leave them unread
 * on the read path; returning a whole StoredEvent is fine too.
 */
export type ReadableEvent = Omit<StoredEvent, 'fingerprint' | 'hash'>;

/**
 * A stored event's columns as one array, in this order, with the metadata column as `M`:
 * the one order that both column arrays below share.
 */
type EventColumnsWith<M> = [
  position: number,
  streamId: string,
  version: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: Record<string, unknown>,
  personal: SealedPersonalData | null,
  metadata: M,
  recordedAt: Instant,
];

/**
 * A readable event as one array of its columns: what an engine whose reads build fresh rows
 * hands over instead of a `ReadableEvent`, so the core builds its `RecordedEvent` straight
 * from the row (one object per event instead of two). The tenant is the caller's.
 */
export type ReadableEventColumns = EventColumnsWith<EventMetadata>;

/**
 * `ReadableEventColumns` with the metadata left as the stored JSON text: for a replay, which
 * needs only its `effectiveAt` (`effectiveAtOf`) unless the event is upcast or decrypted.
 */
export type ReplayEventColumns = EventColumnsWith<string>;

/** The `ReadableEvent` of a column array (for the few events that need one, e.g. to decrypt). */
export function readableEventOf(tenantId: string, columns: ReadableEventColumns): ReadableEvent {
  return {
    tenantId,
    streamId: columns[1],
    version: columns[2],
    position: columns[0],
    eventId: columns[3],
    type: columns[4],
    schemaVersion: columns[5],
    data: columns[6],
    personal: columns[7],
    metadata: columns[8],
    recordedAt: columns[9],
  };
}

/** A stored event before the adapter has given it a global position. */
export type UnpositionedStoredEvent = Omit<StoredEvent, 'position'>;

/** A row an adapter could not even decode (corrupted bytes): verification names it. */
export interface UnreadableStoredEvent {
  readonly unreadable: true;
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly reason: string;
}

/** What an adapter yields when asked for its raw rows, for verification. */
export type StoredRow = StoredEvent | UnreadableStoredEvent;

/** The last event of a stream: its version and chain hash. */
export interface StreamHead {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

/** Where an undecodable row sits, as far as an adapter can still tell from its columns. */
export type RowIdentity = Omit<UnreadableStoredEvent, 'unreadable' | 'reason'>;

/**
 * Decodes a raw row for verification: a row that cannot be decoded becomes an
 * UnreadableStoredEvent naming it, so verification reports it instead of failing.
 */
export function decodeForVerification<Row>(
  row: Row,
  decode: (row: Row) => StoredEvent,
  identify: (row: Row) => RowIdentity,
): StoredRow {
  try {
    return decode(row);
  } catch (error) {
    return { unreadable: true, ...identify(row), reason: (error as Error).message };
  }
}
