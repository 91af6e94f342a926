import { randomBytes } from 'node:crypto';
import {
  DataKeyMissingError,
  InMemoryWrappedKeyRepository,
  SealUnopenableError,
  MasterKeyVault,
  SubjectErasedError,
  TENANT_DIGEST_SUBJECT,
  VaultSubjectKeys,
  type SealedValue,
} from '@vouch/event-store';

const now = '2026-01-01T00:00:00.000Z';

function keysOver(masterKey = randomBytes(32)) {
  const vault = new MasterKeyVault(masterKey, new InMemoryWrappedKeyRepository());
  return { vault, keys: new VaultSubjectKeys(vault) };
}

// Invariant 10
describe('keyed work under subjects’ data keys (invariant 10)', () => {
  it('digests deterministically under the key, never as a plain hash of the text', async () => {
    const { keys } = keysOver();
    const digest = await keys.digest('t', 'Zoë', ['s1'], now);
    expect(digest).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(await keys.digest('t', 'Zoë', ['s1'], now)).toBe(digest);
    expect(await keys.digest('t', 'Zoe', ['s1'], now)).not.toBe(digest);
    expect(await keys.digest('t', 'Zoë', ['s2'], now)).not.toBe(digest);
    expect(await keys.digest('t2', 'Zoë', ['s1'], now)).not.toBe(digest);
    expect(await keysOver().keys.digest('t', 'Zoë', ['s1'], now)).not.toBe(digest);
  });

  it('digests text about nobody under the tenant’s own digest key, kept in the vault', async () => {
    const { vault, keys } = keysOver();
    const digest = await keys.digest('t', 'account acme', [], now);
    expect(await vault.lookup('t', TENANT_DIGEST_SUBJECT)).toMatchObject({ status: 'active' });
    expect(await new VaultSubjectKeys(vault).digest('t', 'account acme', [], now)).toBe(digest);
  });

  it('cannot digest once a subject is erased, whichever of several it is', async () => {
    const { vault, keys } = keysOver();
    await keys.digest('t', 'x', ['a', 'b'], now);
    await vault.destroy('t', 'b', now);
    await expect(keys.digest('t', 'x', ['a', 'b'], now)).rejects.toBeInstanceOf(SubjectErasedError);
    await expect(keys.digest('t', 'other text', ['b'], now)).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await keys.digest('t', 'x', ['a'], now)).toMatch(/^hmac-sha256:/);
  });

  it('seals for one purpose and opens only there; nothing once the subject is erased', async () => {
    const { vault, keys } = keysOver();
    await vault.dataKeyFor('t', 's', now);
    const sealed = (await keys.seal('t', 's', 'read-model:x', { name: 'Zoë Ångström' }))!;
    expect(JSON.stringify(sealed)).not.toContain('Zo');
    expect(await keys.open('t', sealed, 'read-model:x')).toEqual({ name: 'Zoë Ångström' });
    await expect(keys.open('t', sealed, 'read-model:y')).rejects.toBeInstanceOf(SealUnopenableError);
    // Another tenant has no key for the subject and no erasure of it: not erased, out of place.
    await expect(keys.open('t2', sealed, 'read-model:x')).rejects.toBeInstanceOf(DataKeyMissingError);
    await vault.destroy('t', 's', now);
    expect(await keys.open('t', sealed, 'read-model:x')).toBeUndefined();
    expect(await keys.seal('t', 's', 'read-model:x', { name: 'again' })).toBeUndefined();
  });
  it('a seal whose key is not the one it was sealed with, or is gone without an erasure, is a typed error, never "erased"', async () => {
    const { vault, keys } = keysOver();
    await vault.dataKeyFor('t', 's', now);
    const [sealed] = (await keys.sealMany('t', 'read-model:x', [
      { subjectId: 's', values: { name: 'Zoë Ångström' } },
    ])) as [SealedValue];
    // A vault restored apart from the saved state: the subject got a new key there.
    const restored = keysOver();
    await restored.vault.dataKeyFor('t', 's', now);
    const wrongKey = restored.keys.openMany('t', [sealed], 'read-model:x');
    await expect(wrongKey).rejects.toBeInstanceOf(SealUnopenableError);
    await expect(wrongKey).rejects.toMatchObject({ code: 'SEAL_UNOPENABLE', subjectId: 's' });
    // Changed bytes, under the right key.
    const changed = { ...sealed, tag: Buffer.alloc(16).toString('base64') };
    await expect(keys.open('t', changed, 'read-model:x')).rejects.toBeInstanceOf(SealUnopenableError);
    // A vault that never had the subject's key and holds no erasure of it.
    await expect(keysOver().keys.openMany('t', [sealed], 'read-model:x')).rejects.toBeInstanceOf(
      DataKeyMissingError,
    );
    // None of them quotes the value; the erased subject alone opens as nothing.
    await wrongKey.catch((error: Error) => expect(error.message).not.toContain('Zo'));
    await vault.destroy('t', 's', now);
    expect(await keys.openMany('t', [sealed], 'read-model:x')).toEqual([undefined]);
  });

  it('seals and opens many at once exactly as one by one: erased or unknown subjects give undefined', async () => {
    const { vault, keys } = keysOver();
    await vault.dataKeyFor('t', 'ada', now);
    await vault.dataKeyFor('t', 'bob', now);
    await vault.dataKeyFor('t', 'gone', now);
    await vault.destroy('t', 'gone', now);
    const items = [
      { subjectId: 'ada', values: { email: 'ada@example.com' } },
      { subjectId: 'gone', values: { email: 'gone@example.com' } },
      { subjectId: 'bob', values: { email: 'bob@example.com' } },
      { subjectId: 'nobody', values: { email: 'nobody@example.com' } },
      { subjectId: 'ada', values: { email: 'second@example.com' } },
    ];
    const sealed = await keys.sealMany('t', 'read-model:x', items);
    expect(sealed.map((s) => s?.subjectId)).toEqual(['ada', undefined, 'bob', undefined, 'ada']);
    expect(JSON.stringify(sealed)).not.toContain('example.com');
    // Each opens one by one, and all together, to its own values; not under another purpose.
    for (const [i, s] of sealed.entries()) {
      if (s) expect(await keys.open('t', s, 'read-model:x')).toEqual(items[i]!.values);
    }
    const present = sealed.filter((s) => s !== undefined);
    expect(await keys.openMany('t', present, 'read-model:x')).toEqual([
      { email: 'ada@example.com' },
      { email: 'bob@example.com' },
      { email: 'second@example.com' },
    ]);
    await expect(keys.openMany('t', present, 'read-model:y')).rejects.toBeInstanceOf(SealUnopenableError);
    // Once bob is erased, what was sealed for him no longer opens.
    await vault.destroy('t', 'bob', now);
    expect(await keys.openMany('t', present, 'read-model:x')).toEqual([
      { email: 'ada@example.com' },
      undefined,
      { email: 'second@example.com' },
    ]);
  });

  it('gives every value sealed at once its own IV, so the same values sealed twice never look alike', async () => {
    const { vault, keys } = keysOver();
    await vault.dataKeyFor('t', 'ada', now);
    const items = Array.from({ length: 200 }, () => ({
      subjectId: 'ada',
      values: { email: 'ada@example.com' },
    }));
    const sealed = [
      ...(await keys.sealMany('t', 'read-model:x', items)),
      ...(await keys.sealMany('t', 'read-model:x', items)),
    ];
    const ivs = sealed.map((s) => s!.iv);
    expect(new Set(ivs).size).toBe(ivs.length);
    expect(ivs.every((iv) => Buffer.from(iv, 'base64').length === 12)).toBe(true);
    expect(new Set(sealed.map((s) => s!.ciphertext)).size).toBe(sealed.length);
    expect(
      await keys.openMany('t', sealed as NonNullable<(typeof sealed)[number]>[], 'read-model:x'),
    ).toEqual(sealed.map(() => ({ email: 'ada@example.com' })));
  });
});
