import type { EventMetadata, Instant } from '@vouch/domain';
import type { HashedEventFields } from '../integrity/event-hash';
import type { SealedPersonalData, UnpositionedStoredEvent } from '../stored-event';
import type { PreparedEvent } from './prepared-append';

/**
 * A row an append plan writes: its data and metadata are read through from the prepared
 * event, so they are parsed only if an adapter asks for the objects (SQLite never does).
 * `data` and `metadata` are accessors on the prototype: read them by name (a spread or
 * `structuredClone` of the instance would not copy them).
 */
export class PlannedEvent implements UnpositionedStoredEvent {
  readonly tenantId: string;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly personal: SealedPersonalData | null;
  readonly recordedAt: Instant;
  readonly fingerprint: string;

  constructor(
    fields: HashedEventFields,
    private readonly source: PreparedEvent,
    readonly hash: string,
  ) {
    this.tenantId = fields.tenantId;
    this.streamId = fields.streamId;
    this.version = fields.version;
    this.eventId = fields.eventId;
    this.type = fields.type;
    this.schemaVersion = fields.schemaVersion;
    this.personal = fields.personal;
    this.recordedAt = fields.recordedAt;
    this.fingerprint = fields.fingerprint;
  }

  get data(): Record<string, unknown> {
    return this.source.data;
  }

  get metadata(): EventMetadata {
    return this.source.metadata;
  }

  /** The data as the canonical JSON text it was hashed from (what a store writes as is). */
  get dataText(): string {
    return this.source.dataText;
  }

  /** The metadata as the canonical JSON text it was hashed from. */
  get metadataText(): string {
    return this.source.metadataText;
  }
}
