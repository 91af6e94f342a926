import { createHash } from 'node:crypto';
import type { UnpositionedStoredEvent } from '../stored-event';
import { canonicalJson } from './canonical-json';

/** The hash a stream's first event chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 (hex) over the RFC 8785 encoding of everything stored about an event (its
 * ciphertext and content fingerprint included, its own hash and global position excluded)
 * together with the hash of the stream's previous event. Changing any stored byte, or
 * removing, reordering or inserting an event, breaks the chain from that event on.
 */
export function hashStoredEvent(previousHash: string, event: Omit<UnpositionedStoredEvent, 'hash'>): string {
  const envelope = {
    previousHash,
    tenantId: event.tenantId,
    streamId: event.streamId,
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    personal: event.personal,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
    fingerprint: event.fingerprint,
  };
  return createHash('sha256').update(canonicalJson(envelope)).digest('hex');
}
