import type { EventMetadata } from '@vouch/domain';
import type { ExpectedVersion } from '../expected-version';
import type { SealedPersonalData } from '../stored-event';

/** An event ready to be written: validated, personal fields encrypted, fingerprinted. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly personal: SealedPersonalData | null;
  readonly metadata: EventMetadata;
  readonly fingerprint: string;
}

/** An append as the core hands it to an adapter: everything but the in-transaction checks. */
export interface PreparedAppend {
  readonly tenantId: string;
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
}
