import type { EventMetadata } from '@vouch/domain';
import type { ExpectedVersion } from '../expected-version';
import type { SealedPersonalData } from '../stored-event';

/** An event ready to be written: validated, personal fields encrypted, fingerprinted. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The stored data (personal fields removed), parsed from `dataText` when first read. */
  readonly data: Record<string, unknown>;
  readonly personal: SealedPersonalData | null;
  /** Parsed from `metadataText` when first read. */
  readonly metadata: EventMetadata;
  readonly fingerprint: string;
  /** RFC 8785 text of `data`: what is hashed and, by the SQLite adapter, stored. */
  readonly dataText: string;
  /** RFC 8785 text of `metadata`. */
  readonly metadataText: string;
  /**
   * RFC 8785 text of the personal fields `personal` seals (what a read decrypts back), kept
   * so the append can hand back its events without decrypting; only while the append lasts.
   */
  readonly personalText?: string;
}

/** An append as the core hands it to an adapter: everything but the in-transaction checks. */
export interface PreparedAppend {
  readonly tenantId: string;
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
}
