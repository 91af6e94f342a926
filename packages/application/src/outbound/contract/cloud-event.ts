/** A CloudEvents 1.0 event in structured JSON mode, as Vouch publishes it. */
export interface CloudEvent {
  readonly specversion: '1.0';
  /** Stable per internal event: a redelivery carries the same id. */
  readonly id: string;
  /** `/tenants/<tenant>`. */
  readonly source: string;
  /** Reverse-DNS and versioned, e.g. `dev.vouch.consent.withdrawn.v1`. */
  readonly type: string;
  /** The aggregate id the event is about. */
  readonly subject: string;
  /** When it happened in the world (the internal event's `effectiveAt`). */
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly dataschema: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Where the published JSON Schemas live; `dataschema` is this base plus the type. */
export const OUTBOUND_SCHEMA_BASE = 'https://vouch.dev/schemas/events/outbound/';
