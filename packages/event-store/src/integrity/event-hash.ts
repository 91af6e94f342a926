import { hash } from 'node:crypto';
import type { UnpositionedStoredEvent } from '../stored-event';
import { canonicalJson, canonicalStringContent } from './canonical-json';

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
  const { eventId, fingerprint, recordedAt, streamId, tenantId, type } = event;
  const text =
    isText(eventId) &&
    isText(fingerprint) &&
    isText(previousHash) &&
    isText(recordedAt) &&
    isText(streamId) &&
    isText(tenantId) &&
    isText(type)
      ? // Every string member as it always is (a row read back may hold anything): their
        // quotes in the constant parts, so no quoted copy of each is made.
        `{"data":${dataText},"eventId":"${canonicalStringContent(eventId)}"` +
        `,"fingerprint":"${canonicalStringContent(fingerprint)}","metadata":${metadataText}` +
        `,"personal":${canonicalJson(event.personal)},"previousHash":"${canonicalStringContent(previousHash)}"` +
        `,"recordedAt":"${canonicalStringContent(recordedAt)}","schemaVersion":${canonicalJson(event.schemaVersion)}` +
        `,"streamId":"${canonicalStringContent(streamId)}","tenantId":"${canonicalStringContent(tenantId)}"` +
        `,"type":"${canonicalStringContent(type)}","version":${canonicalJson(event.version)}}`
      : `{"data":${dataText}` +
        `,"eventId":${canonicalJson(eventId)}` +
        `,"fingerprint":${canonicalJson(fingerprint)}` +
        `,"metadata":${metadataText}` +
        `,"personal":${canonicalJson(event.personal)}` +
        `,"previousHash":${canonicalJson(previousHash)}` +
        `,"recordedAt":${canonicalJson(recordedAt)}` +
        `,"schemaVersion":${canonicalJson(event.schemaVersion)}` +
        `,"streamId":${canonicalJson(streamId)}` +
        `,"tenantId":${canonicalJson(tenantId)}` +
        `,"type":${canonicalJson(type)}` +
        `,"version":${canonicalJson(event.version)}}`;
  // One-shot hash (UTF-8 in, hex out): the same digest as createHash, without a Hash object.
  return hash('sha256', text, 'hex');
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}
