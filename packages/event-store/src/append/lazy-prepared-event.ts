import type { EventMetadata } from '@vouch/domain';
import type { SealedPersonalData } from '../stored-event';
import type { PreparedEvent } from './prepared-append';

/**
 * A prepared event whose data and metadata objects are parsed from their canonical texts
 * only when something reads them (the in-memory, PostgreSQL and EventStoreDB adapters do;
 * SQLite stores and hashes the texts and never does). Parsing every append's texts back,
 * and remembering them in a WeakMap, was a tenth of an append's CPU and much of its GC.
 * A class, not an object literal with getters: those cost a hidden class per object.
 */
export class LazyPreparedEvent implements PreparedEvent {
  private parsedData: Record<string, unknown> | undefined;
  private parsedMetadata: EventMetadata | undefined;

  constructor(
    readonly eventId: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly dataText: string,
    readonly metadataText: string,
    readonly personal: SealedPersonalData | null,
    readonly fingerprint: string,
    readonly personalText?: string,
  ) {}

  get data(): Record<string, unknown> {
    return (this.parsedData ??= JSON.parse(this.dataText) as Record<string, unknown>);
  }

  get metadata(): EventMetadata {
    return (this.parsedMetadata ??= JSON.parse(this.metadataText) as EventMetadata);
  }
}
