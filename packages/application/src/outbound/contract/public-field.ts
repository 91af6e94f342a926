/**
 * The only shapes a field of a published event may take: ids, kinds (closed enums), times,
 * counts and flags. Free text has no shape here, so no name, comment, reason or contact
 * detail can be declared into the contract.
 */
export type PublicField =
  | { readonly shape: 'id'; readonly optional?: boolean }
  | { readonly shape: 'instant'; readonly optional?: boolean }
  | { readonly shape: 'integer'; readonly optional?: boolean }
  | { readonly shape: 'boolean'; readonly optional?: boolean }
  | { readonly shape: 'kind'; readonly values: readonly string[]; readonly optional?: boolean }
  | { readonly shape: 'kinds'; readonly values: readonly string[]; readonly optional?: boolean };

/** Ids are opaque tokens: an email address, spaces or markup are not ids and are never copied. */
const ID = /^[A-Za-z0-9._:-]{1,128}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Whether a value has the field's shape; a value that does not is left out of the published event. */
export function hasShape(field: PublicField, value: unknown): boolean {
  switch (field.shape) {
    case 'id':
      return typeof value === 'string' && ID.test(value);
    case 'instant':
      return typeof value === 'string' && INSTANT.test(value);
    case 'integer':
      return Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'kind':
      return typeof value === 'string' && field.values.includes(value);
    case 'kinds':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && field.values.includes(v));
  }
}

/** The JSON Schema (2020-12) of one field. */
export function fieldSchema(field: PublicField): Record<string, unknown> {
  switch (field.shape) {
    case 'id':
      return { type: 'string', pattern: ID.source };
    case 'instant':
      return { type: 'string', format: 'date-time' };
    case 'integer':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'kind':
      return { type: 'string', enum: [...field.values] };
    case 'kinds':
      return { type: 'array', items: { type: 'string', enum: [...field.values] }, uniqueItems: true };
  }
}
