import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { canonicalJson } from '../integrity/canonical-json';
import { associatedData } from './associated-data';
import type { SealedPersonalData } from '../stored-event';

/** Where an event's ciphertext belongs: decrypting it anywhere else fails. */
export interface PersonalDataBinding {
  readonly tenantId: string;
  readonly streamId: string;
  readonly eventId: string;
}

/** Encrypts personal field values with the subject's 32-byte data key (AES-256-GCM). */
export function sealPersonalData(
  dataKey: Buffer,
  binding: PersonalDataBinding,
  subjectId: string,
  values: Readonly<Record<string, unknown>>,
): SealedPersonalData {
  const fields = Object.keys(values);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(associatedData(binding, subjectId, fields));
  const ciphertext = Buffer.concat([cipher.update(canonicalJson(values), 'utf8'), cipher.final()]);
  return {
    subjectId,
    fields,
    algorithm: 'AES-256-GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** Decrypts sealed personal fields; throws when the key, binding or ciphertext is wrong. */
export function openPersonalData(
  dataKey: Buffer,
  binding: PersonalDataBinding,
  sealed: SealedPersonalData,
): Record<string, unknown> {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(associatedData(binding, sealed.subjectId, sealed.fields));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  // GCM is a stream mode: update returns every plaintext byte and final (the tag check) none,
  // so the bytes are decoded once, after the check, without a string decoder per event.
  const head = decipher.update(sealed.ciphertext, 'base64');
  const tail = decipher.final();
  const plaintext = tail.length === 0 ? head : Buffer.concat([head, tail]);
  return JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
}
