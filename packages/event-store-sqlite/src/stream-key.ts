/**
 * One string per stream for the engine's per-stream maps (remembered heads, own commits),
 * made once per append: the tenant's length first, so no two pairs of ids share one.
 */
export function streamKey(tenantId: string, streamId: string): string {
  return `${tenantId.length}:${tenantId}${streamId}`;
}
