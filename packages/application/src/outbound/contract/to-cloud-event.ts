import type { RecordedEvent } from '@vouch/event-store';
import { OUTBOUND_SCHEMA_BASE, type CloudEvent } from './cloud-event';
import { publicTypeOf, type PublicEventType } from './public-event-contract';
import { hasShape } from './public-field';

/** The internal event does not fit its published type (a required field missing or misshapen): it is not published. */
export class UnpublishableEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly field: string,
  ) {
    super(`Event ${eventId} cannot be published: its field "${field}" does not have the published shape.`);
    this.name = 'UnpublishableEventError';
  }
}

/** The `dataschema` URI of a published type. */
export const dataSchemaOf = (type: string): string => `${OUTBOUND_SCHEMA_BASE}${type}.json`;

/**
 * Makes a recorded internal event into its published CloudEvent, or undefined when the
 * contract does not publish that type. Only the declared fields are copied, each checked
 * against its shape; nothing else of the internal event (names, comments, reasons, contact
 * details, actors, metadata) reaches the published event.
 */
export function toCloudEvent(tenantId: string, event: RecordedEvent): CloudEvent | undefined {
  const published = publicTypeOf(event.type);
  return published ? mapWith(published, tenantId, event) : undefined;
}

function mapWith(published: PublicEventType, tenantId: string, event: RecordedEvent): CloudEvent {
  const data: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(published.fields)) {
    const value = event.data[name];
    if (value === undefined && field.optional) continue;
    if (!hasShape(field, value)) throw new UnpublishableEventError(event.eventId, name);
    data[name] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  const subject = data[published.subjectField];
  if (typeof subject !== 'string') throw new UnpublishableEventError(event.eventId, published.subjectField);
  return {
    specversion: '1.0',
    id: event.eventId,
    source: `/tenants/${encodeURIComponent(tenantId)}`,
    type: published.type,
    subject,
    time: event.metadata.effectiveAt,
    datacontenttype: 'application/json',
    dataschema: dataSchemaOf(published.type),
    data,
  };
}
