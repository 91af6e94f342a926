import { createHash } from 'node:crypto';

/** The default namespace: every Vouch stream name starts with `vouch:`. */
export const DEFAULT_NAMESPACE = 'vouch';

const SAFE = /[A-Za-z0-9_.-]/;

/**
 * Encodes an id for use inside a stream name: safe characters stay, every other UTF-16
 * unit becomes `%XXXX`. Reversible and free of `:`, so `vouch:<tenant>:<stream>` can never
 * be forged by what a stream id contains.
 */
export function encodeNamePart(id: string): string {
  let out = '';
  for (const unit of id) {
    if (unit.length === 1 && SAFE.test(unit)) out += unit;
    else for (let i = 0; i < unit.length; i++) out += `%${unit.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** Reverses `encodeNamePart`. */
export function decodeNamePart(part: string): string {
  return part.replace(/%([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Names of the server streams of one namespace (`<namespace>:<tenant>:<stream>`): one
 * EventStoreDB can hold several Vouch installations, or test runs, side by side.
 */
export class StreamNames {
  /** Every stream of the namespace, and no other, starts with this. */
  readonly prefix: string;

  constructor(namespace: string = DEFAULT_NAMESPACE) {
    this.prefix = `${encodeNamePart(namespace)}:`;
  }

  /** The prefix of one tenant's streams. */
  tenantPrefix(tenantId: string): string {
    return `${this.prefix}${encodeNamePart(tenantId)}:`;
  }

  /** The server stream that holds a tenant's stream. */
  streamNameOf(tenantId: string, streamId: string): string {
    return `${this.tenantPrefix(tenantId)}${encodeNamePart(streamId)}`;
  }

  /** The tenant of a stream name of this namespace, or undefined for any other stream. */
  tenantOf(name: string): string | undefined {
    if (!name.startsWith(this.prefix)) return undefined;
    const end = name.indexOf(':', this.prefix.length);
    return end < 0 ? undefined : decodeNamePart(name.slice(this.prefix.length, end));
  }

  /** The stream of a projection's checkpoints (outside the event streams' prefix). */
  checkpointStreamOf(projection: string): string {
    return `${this.prefix.slice(0, -1)}-checkpoint:${encodeNamePart(projection)}`;
  }
}

/**
 * EventStoreDB wants a UUID per event, Vouch allows any id: derive one from tenant and id
 * (name-based, version 5 layout over SHA-256), so a retry carries the same UUID and the
 * server's own idempotency check sees it too.
 */
export function eventUuidOf(tenantId: string, eventId: string): string {
  const bytes = createHash('sha256')
    .update(JSON.stringify([tenantId, eventId]))
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
