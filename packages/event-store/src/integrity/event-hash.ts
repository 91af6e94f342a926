import { hash } from 'node:crypto';
import type { UnpositionedStoredEvent } from '../stored-event';
import { canonicalJson } from './canonical-json';
import { canonicalText } from './canonical-text-cache';

/** The hash a stream's first event chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 (hex) over the RFC 8785 encoding of everything stored about an event (its
 * ciphertext and content fingerprint included, its own hash and global position excluded)
 * together with the hash of the stream's previous event. Changing any stored byte, or
 * removing, reordering or inserting an event, breaks the chain from that event on.
 */
export function hashStoredEvent(previousHash: string, event: Omit<UnpositionedStoredEvent, 'hash'>): string {
  // The members in RFC 8785 order, written out so cached canonical texts of the data and
  // metadata can be spliced in; identical to canonicalJson() of the whole envelope.
  const text =
    `{"data":${canonicalText(event.data)}` +
    `,"eventId":${JSON.stringify(event.eventId)}` +
    `,"fingerprint":${JSON.stringify(event.fingerprint)}` +
    `,"metadata":${canonicalText(event.metadata)}` +
    `,"personal":${canonicalText(event.personal)}` +
    `,"previousHash":${JSON.stringify(previousHash)}` +
    `,"recordedAt":${JSON.stringify(event.recordedAt)}` +
    `,"schemaVersion":${canonicalJson(event.schemaVersion)}` +
    `,"streamId":${JSON.stringify(event.streamId)}` +
    `,"tenantId":${JSON.stringify(event.tenantId)}` +
    `,"type":${JSON.stringify(event.type)}` +
    `,"version":${canonicalJson(event.version)}}`;
  // One-shot hash (UTF-8 in, hex out): the same digest as createHash, without a Hash object.
  return hash('sha256', text, 'hex');
}
