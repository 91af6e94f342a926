import { hash } from 'node:crypto';
import type { UnpositionedStoredEvent } from '../stored-event';
import { canonicalJson } from './canonical-json';

/** The hash a stream's first event chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the chain hash covers besides the data and metadata, whose texts are given apart. */
export type HashedEventFields = Omit<UnpositionedStoredEvent, 'hash' | 'data' | 'metadata'>;

/**
 * SHA-256 (hex) over the RFC 8785 encoding of everything stored about an event (its
 * ciphertext and content fingerprint included, its own hash and global position excluded)
 * together with the hash of the stream's previous event. Changing any stored byte, or
 * removing, reordering or inserting an event, breaks the chain from that event on.
 */
export function hashStoredEvent(previousHash: string, event: Omit<UnpositionedStoredEvent, 'hash'>): string {
  return hashStoredEventTexts(previousHash, event, canonicalJson(event.data), canonicalJson(event.metadata));
}

/**
 * `hashStoredEvent` for an event whose data and metadata are already RFC 8785 text (an
 * append's, from its preparation): the same digest, without encoding them again.
 */
export function hashStoredEventTexts(
  previousHash: string,
  event: HashedEventFields,
  dataText: string,
  metadataText: string,
): string {
  // The members in RFC 8785 order, written out so the canonical texts of the data and
  // metadata can be spliced in; identical to canonicalJson() of the whole envelope.
  const text =
    `{"data":${dataText}` +
    `,"eventId":${canonicalJson(event.eventId)}` +
    `,"fingerprint":${canonicalJson(event.fingerprint)}` +
    `,"metadata":${metadataText}` +
    `,"personal":${canonicalJson(event.personal)}` +
    `,"previousHash":${canonicalJson(previousHash)}` +
    `,"recordedAt":${canonicalJson(event.recordedAt)}` +
    `,"schemaVersion":${canonicalJson(event.schemaVersion)}` +
    `,"streamId":${canonicalJson(event.streamId)}` +
    `,"tenantId":${canonicalJson(event.tenantId)}` +
    `,"type":${canonicalJson(event.type)}` +
    `,"version":${canonicalJson(event.version)}}`;
  // One-shot hash (UTF-8 in, hex out): the same digest as createHash, without a Hash object.
  return hash('sha256', text, 'hex');
}
