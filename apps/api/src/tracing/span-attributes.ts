import { COMMAND_CATALOGUE, type CommandType } from '@vouch/domain';

// What may name a span or fill an attribute: kinds, types and codes, never a client's
// value. Operation names are chosen by clients: only identifier-shaped ones are kept.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const STREAM_CATEGORY = /^([a-z][a-z_]{0,31})(?:-|$)/;

/** A client-chosen GraphQL operation name, kept only when it is identifier-shaped. */
export function operationNameAttribute(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  return IDENTIFIER.test(name) ? name : 'invalid';
}

/** A command type as the catalogue knows it, else `unknown` (a crafted type names nothing). */
export function commandTypeAttribute(type: unknown): string {
  return typeof type === 'string' && Object.hasOwn(COMMAND_CATALOGUE, type) ? type : 'unknown';
}

/** The aggregate a catalogued command acts on, else `unknown`. */
export function aggregateTypeAttribute(type: string): string {
  return Object.hasOwn(COMMAND_CATALOGUE, type)
    ? COMMAND_CATALOGUE[type as CommandType].aggregate
    : 'unknown';
}

/** The kind of a stream (`advocate` of `advocate-<id>`), without its id: ids may name a person. */
export function streamCategoryAttribute(streamId: string): string {
  return STREAM_CATEGORY.exec(streamId)?.[1] ?? 'other';
}

/** An error code (DomainError, GraphQL extensions) when it is code-shaped, else `unknown`. */
export function codeAttribute(code: unknown): string {
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code) ? code : 'unknown';
}
