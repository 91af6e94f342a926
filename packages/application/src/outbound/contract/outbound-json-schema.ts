import { dataSchemaOf } from './to-cloud-event';
import type { PublicEventType } from './public-event-contract';
import { fieldSchema } from './public-field';

/** The JSON Schema (2020-12) of a published type's CloudEvent, `data` closed to undeclared fields. */
export function outboundJsonSchema(published: PublicEventType): Record<string, unknown> {
  const fields = Object.entries(published.fields);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: dataSchemaOf(published.type),
    title: published.type,
    description: published.description,
    type: 'object',
    required: [
      'specversion',
      'id',
      'source',
      'type',
      'subject',
      'time',
      'datacontenttype',
      'dataschema',
      'data',
    ],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string' },
      source: { type: 'string', pattern: '^/tenants/' },
      type: { const: published.type },
      subject: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      datacontenttype: { const: 'application/json' },
      dataschema: { const: dataSchemaOf(published.type) },
      data: {
        type: 'object',
        additionalProperties: false,
        required: fields.filter(([, field]) => !field.optional).map(([name]) => name),
        properties: Object.fromEntries(fields.map(([name, field]) => [name, fieldSchema(field)])),
      },
    },
  };
}
