import { createHash } from 'node:crypto';

/**
 * The id of the `index`-th event a command produced: derived, not random, so that a
 * command retried after a lost acknowledgement appends the very same event ids and the
 * store's idempotent append returns the first result instead of writing twice.
 */
export function eventIdFor(tenantId: string, streamId: string, commandId: string, index: number): string {
  const hex = createHash('sha256')
    .update(`${tenantId}\u0000${streamId}\u0000${commandId}\u0000${index}`)
    .digest('hex');
  // Shaped as a version-5-style UUID so stores that want UUIDs (EventStoreDB) accept it.
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
