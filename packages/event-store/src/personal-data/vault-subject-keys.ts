import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import { DataKeyMissingError } from '../errors/data-key-missing-error';
import { SealUnopenableError } from '../errors/seal-unopenable-error';
import { SubjectErasedError } from '../errors/subject-erased-error';
import type { DataKeyLookup, KeyVault } from './key-vault';
import type { SealedValue, SubjectKeys } from './subject-keys';

/**
 * The tenant's own digest key is kept in the vault like a subject's: a domain identifier
 * never starts with "#", so no advocate can share (or erase) it, and key rotation re-wraps it.
 */
export const TENANT_DIGEST_SUBJECT = '#command-digest';

const DIGEST_PREFIX = 'hmac-sha256:';
const DIGEST_INFO = 'vouch.command-digest.v1';

// HKDF-Expand (RFC 5869) of one block, T(1) = HMAC(key, info || 0x01): the data key is
// already uniformly random, so the extract step adds nothing, and Node's hkdfSync costs
// several times one HMAC — paid on every command about a subject.
function derived(dataKey: Buffer, info: string): Buffer {
  return createHmac('sha256', dataKey).update(info).update(ONE).digest();
}

const ONE = Buffer.from([1]);
const IV_BYTES = 12;

/**
 * The AAD of a seal: the canonical JSON (RFC 8785) of `{ purpose, tenantId, subjectId, context }`,
 * written out with its members already in canonical order — a snapshot seals thousands, and
 * the generic canonicaliser (sorting keys per object) cost a tenth of each seal.
 */
export function sealBinding(tenantId: string, subjectId: string, purpose: string): Buffer {
  return Buffer.from(
    `{"context":${JSON.stringify(purpose)},"purpose":"vouch.subject-seal.v1","subjectId":${JSON.stringify(subjectId)},"tenantId":${JSON.stringify(tenantId)}}`,
    'utf8',
  );
}

/** SubjectKeys over a key vault: digests and seals with keys derived (HKDF) from the data keys. */
export class VaultSubjectKeys implements SubjectKeys {
  // The tenant's digest key is never erased: kept once derived. A subject's key is looked up
  // every time, so an erasure (by any process) takes effect on the next digest.
  private readonly tenantKeys = new Map<string, Buffer>();

  constructor(private readonly vault: KeyVault) {}

  async digest(tenantId: string, text: string, subjectIds: readonly string[], now: Instant): Promise<string> {
    const subjects = [...new Set(subjectIds)].sort();
    if (subjects.length === 0) {
      let key = this.tenantKeys.get(tenantId);
      if (!key) {
        key = derived(await this.vault.dataKeyFor(tenantId, TENANT_DIGEST_SUBJECT, now), DIGEST_INFO);
        this.tenantKeys.set(tenantId, key);
      }
      return `${DIGEST_PREFIX}${createHmac('sha256', key).update(text).digest('hex')}`;
    }
    let mac = text;
    for (const subjectId of subjects) {
      const found = await this.vault.lookup(tenantId, subjectId);
      if (found.status === 'erased') throw new SubjectErasedError(tenantId, subjectId, found.erasedAt);
      const dataKey =
        found.status === 'active' ? found.key : await this.vault.dataKeyFor(tenantId, subjectId, now);
      // Nested: the digest needs every subject's key, so erasing any one of them voids it.
      mac = createHmac('sha256', derived(dataKey, DIGEST_INFO)).update(mac).digest('hex');
    }
    return `${DIGEST_PREFIX}${mac}`;
  }

  async seal(
    tenantId: string,
    subjectId: string,
    purpose: string,
    values: unknown,
  ): Promise<SealedValue | undefined> {
    return sealWith(await this.vault.lookup(tenantId, subjectId), tenantId, subjectId, purpose, values);
  }

  async open(tenantId: string, sealed: SealedValue, purpose: string): Promise<unknown> {
    return openWith(await this.vault.lookup(tenantId, sealed.subjectId), tenantId, sealed, purpose);
  }

  async sealMany(
    tenantId: string,
    purpose: string,
    items: readonly { readonly subjectId: string; readonly values: unknown }[],
  ): Promise<(SealedValue | undefined)[]> {
    const keys = await this.lookupMany(
      tenantId,
      items.map((item) => item.subjectId),
    );
    // Every IV from one draw of the CSPRNG (disjoint 12-byte slices): one call per value cost
    // more than the sealing itself when a snapshot seals thousands.
    const ivs = randomBytes(IV_BYTES * items.length);
    return items.map(({ subjectId, values }, i) =>
      sealWith(
        keys.get(subjectId)!,
        tenantId,
        subjectId,
        purpose,
        values,
        ivs.subarray(i * IV_BYTES, (i + 1) * IV_BYTES),
      ),
    );
  }

  async openMany(tenantId: string, sealed: readonly SealedValue[], purpose: string): Promise<unknown[]> {
    const keys = await this.lookupMany(
      tenantId,
      sealed.map((s) => s.subjectId),
    );
    return sealed.map((s) => openWith(keys.get(s.subjectId)!, tenantId, s, purpose));
  }

  // Every subject's key once, in one query where the vault can (a snapshot seals thousands).
  private async lookupMany(
    tenantId: string,
    subjectIds: readonly string[],
  ): Promise<ReadonlyMap<string, DataKeyLookup>> {
    const unique = [...new Set(subjectIds)];
    if (this.vault.lookupMany) return this.vault.lookupMany(tenantId, unique);
    const keys = new Map<string, DataKeyLookup>();
    for (const subjectId of unique) keys.set(subjectId, await this.vault.lookup(tenantId, subjectId));
    return keys;
  }
}

// Seals values under the subject's looked-up key; undefined when it is not active.
function sealWith(
  found: DataKeyLookup,
  tenantId: string,
  subjectId: string,
  purpose: string,
  values: unknown,
  iv: Buffer = randomBytes(IV_BYTES),
): SealedValue | undefined {
  if (found.status !== 'active') return undefined;
  const cipher = createCipheriv('aes-256-gcm', derived(found.key, 'vouch.subject-seal.v1'), iv);
  cipher.setAAD(sealBinding(tenantId, subjectId, purpose));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
  return {
    subjectId,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/**
 * Opens what sealWith made under the subject's looked-up key; undefined once the subject is
 * erased (for good). A key that is missing without an erasure record, or one the value does
 * not open under, is a vault out of step with the saved state: a typed error, never a value
 * silently treated as erased.
 */
function openWith(found: DataKeyLookup, tenantId: string, sealed: SealedValue, purpose: string): unknown {
  if (found.status === 'erased') return undefined;
  if (found.status === 'missing') throw new DataKeyMissingError(tenantId, sealed.subjectId);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      derived(found.key, 'vouch.subject-seal.v1'),
      Buffer.from(sealed.iv, 'base64'),
    );
    decipher.setAAD(sealBinding(tenantId, sealed.subjectId, purpose));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    // OpenSSL's own message says only "unable to authenticate data"; the typed error names the subject.
    throw new SealUnopenableError(tenantId, sealed.subjectId, purpose);
  }
  return JSON.parse(plaintext.toString('utf8')) as unknown;
}
