import { canonicalJson } from '../integrity/canonical-json';
import type { PersonalDataBinding } from './personal-data-cipher';

/**
 * The associated data of a sealed event's personal fields: it binds the ciphertext to its
 * tenant, stream, event, subject and field list, so it cannot be copied into another event
 * (or tenant) and still decrypt. It is the RFC 8785 text of { purpose, tenantId, streamId,
 * eventId, subjectId, fields } in UTF-8, written with its members already in canonical order
 * (a generic canonicalJson per decrypted event was a third of the cost of decrypting on a
 * catch-up read); `associated-data.test.ts` holds the two equal.
 */
export function associatedData(
  binding: PersonalDataBinding,
  subjectId: string,
  fields: readonly string[],
): Buffer {
  return Buffer.from(
    `{"eventId":${JSON.stringify(binding.eventId)},"fields":${fieldsJson(fields)},` +
      `"purpose":"vouch.personal-data.v1","streamId":${JSON.stringify(binding.streamId)},` +
      `"subjectId":${JSON.stringify(subjectId)},"tenantId":${JSON.stringify(binding.tenantId)}}`,
    'utf8',
  );
}

// The field list is an array of strings (paths), whose RFC 8785 text is JSON.stringify's:
// strings are escaped the same way. Anything else (a damaged row) takes the general path.
function fieldsJson(fields: readonly string[]): string {
  if (!Array.isArray(fields)) return canonicalJson(fields);
  for (let i = 0; i < fields.length; i += 1) if (typeof fields[i] !== 'string') return canonicalJson(fields);
  return JSON.stringify(fields);
}
