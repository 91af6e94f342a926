/** The types whose objects have a global id, and so can be refetched with `node(id:)`. */
export const NODE_TYPES = [
  'Account',
  'Advocate',
  'ContentAsset',
  'Nomination',
  'Program',
  'ReferenceRequest',
] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

/**
 * The opaque global id of an object: base64url of `Type:domainId`. It holds no tenant: the
 * tenant always comes from the caller's token, so an id never reaches another tenant's data.
 */
export function toGlobalId(type: NodeTypeName, domainId: string): string {
  return Buffer.from(`${type}:${domainId}`, 'utf8').toString('base64url');
}

/** The type and domain id a global id stands for; undefined when it is not one of ours. */
export function fromGlobalId(globalId: string): { type: NodeTypeName; domainId: string } | undefined {
  if (!/^[A-Za-z0-9_-]{1,700}$/.test(globalId)) return undefined;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  // Only the canonical encoding counts, so one object never has two ids.
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== globalId) return undefined;
  const colon = decoded.indexOf(':');
  const type = decoded.slice(0, colon);
  const domainId = decoded.slice(colon + 1);
  if (colon < 0 || domainId.length === 0 || !(NODE_TYPES as readonly string[]).includes(type))
    return undefined;
  return { type: type as NodeTypeName, domainId };
}
